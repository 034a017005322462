using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Data;

namespace ParIndex.Core.Publishing;

/// <summary>
/// The seal of a published version: the SHA-256 of its snapshot (every unit's published parts and every
/// node of its score card, in a fixed order and notation) and the audit chain's head right after it was
/// published. Both are printed with the decision, so that a paper copy can later prove that neither the
/// results nor the trail before them were rewritten (docs/adr/0014).
/// </summary>
public static class PublicationSeal
{
    /// <summary>The snapshot's SHA-256 (hex), read back from the database, streaming.</summary>
    public static async Task<string> ContentHashAsync(ParIndexDbContext db, int publicationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Line(params object?[] fields) =>
            hash.AppendData(Encoding.UTF8.GetBytes(string.Join('\u001F', fields.Select(Text)) + "\n"));

        await foreach (var u in db.PublicationUnits.AsNoTracking().Where(u => u.PublicationId == publicationId).OrderBy(u => u.UnitId)
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            Line("unit", u.UnitId, u.UnitCode, u.UnitName, u.BlocCode, u.BlocName, u.Appraisal, u.Survey, u.BonusPenalty, u.ApplicableMaximum,
                u.AppraisalMaximum, u.SurveyMaximum, u.PreviousRank, u.PreviousIndex);
        }

        await foreach (var n in db.PublicationNodes.AsNoTracking().Where(n => n.PublicationId == publicationId).OrderBy(n => n.UnitId).ThenBy(n => n.Position)
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            Line("node", n.UnitId, n.Position, n.Code, n.Name, n.MaxPoints, n.ApplicableMaximum, n.Achieved, n.BonusPenalty, n.SubIndex);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>How a seal is printed: the first 16 hex digits of each, enough to compare by eye.</summary>
    public static string Short(string hex) => hex.Length > 16 ? hex[..16] : hex;

    // Decimals without trailing zeros (PostgreSQL may give 62.250 for 62.25), the invariant culture throughout.
    private static string Text(object? value) => value switch
    {
        null => "\u001E",
        decimal d => (d / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString() ?? "",
    };
}
