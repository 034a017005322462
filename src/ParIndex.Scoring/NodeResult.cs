namespace ParIndex.Scoring;

/// <summary>A node's outcome for one unit: points achieved, its applicable maximum and its sub-index.</summary>
/// <param name="Achieved">Points earned by the leaves below (or at) this node that count towards the 100.</param>
/// <param name="ApplicableMaximum">The maxima of those leaves that apply to the unit (not-applicable leaves removed).</param>
/// <param name="BonusPenalty">Net bonus/penalty points of the bonus/penalty leaves below this node.</param>
public readonly record struct NodeResult(decimal Achieved, decimal ApplicableMaximum, decimal BonusPenalty)
{
    /// <summary>
    /// Achieved ÷ applicable maximum × 100, unrounded; null when nothing below the node applies
    /// (every leaf not applicable, or only bonus/penalty leaves).
    /// </summary>
    public decimal? SubIndex => ApplicableMaximum > 0m ? Achieved * 100m / ApplicableMaximum : null;
}
