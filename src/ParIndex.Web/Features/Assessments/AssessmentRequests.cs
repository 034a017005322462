using ParIndex.Core.Assessments;
using ParIndex.Scoring;

namespace ParIndex.Web.Features.Assessments;

/// <summary>
/// A leaf input in the API: the kind the leaf's rule takes (points, yesNo, tier, rate, count,
/// bonusPenalty) or notApplicable/missing, and up to two numbers ('.' decimals).
/// </summary>
public sealed record LeafInputDto(LeafInputKind Kind, decimal First = 0m, decimal Second = 0m)
{
    public LeafInput ToInput() => LeafInput.FromParts(Kind, First, Second);
}

/// <param name="Input">The self-assessed input.</param>
/// <param name="Note">How the unit scored itself (the explanation where evidence is missing).</param>
/// <param name="Version">The leaf's version as last read; a stale one answers 409 with the current value.</param>
public sealed record SelfEntryRequest(LeafInputDto? Input, string? Note, int Version);

/// <param name="Decision">accepted, adjusted or (round 2) explanationAccepted; "none" in round 1 when only asking to explain.</param>
/// <param name="Input">The adjusted input (when adjusted).</param>
/// <param name="Reason">Required when adjusting or flagging.</param>
/// <param name="Flag">Round 1: ask the unit to explain.</param>
/// <param name="Version">The leaf's version as last read.</param>
public sealed record AppraisalRequest(AppraisalDecision Decision, LeafInputDto? Input, string? Reason, bool Flag, int Version);

public sealed record ResponseRequest(string? Response, int Version);

/// <param name="Input">The corrected settled input.</param>
/// <param name="Reason">Why (required); recorded with the correction's own reason.</param>
public sealed record AmendRequest(LeafInputDto? Input, string? Reason);

/// <param name="Reason">Why (required): sent to the unit and the council and kept in the audit trail.</param>
/// <param name="Until">Returning a self-assessment after its phase closed: the unit's new deadline (ISO 8601).</param>
public sealed record UndoRequest(string? Reason, DateTimeOffset? Until = null);
