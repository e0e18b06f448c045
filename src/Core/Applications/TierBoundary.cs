namespace PvoFinance.Applications;

/// <summary>
/// How a scheme words the boundary of tier C. Gelderland says "€125,000 or more"; RVO, DUS-I and the
/// cultural funds say "more than €125,000". A grant of exactly the threshold falls on different sides.
/// </summary>
public enum TierBoundary
{
    /// <summary>A grant equal to the threshold is tier C (≥).</summary>
    AtThresholdIsTierC,
    /// <summary>A grant equal to the threshold is still tier B (&gt;).</summary>
    AboveThresholdIsTierC,
}
