namespace PvoFinance.Applications;

/// <summary>
/// The rules of the scheme (regeling) an application falls under: its accountability tiers and its terms.
/// Stored with the application, so a later change of the scheme does not rewrite decided files.
/// </summary>
/// <param name="Tiers">Tier thresholds and the boundary comparator.</param>
/// <param name="Clocks">Legal terms.</param>
public sealed record SchemeRules(TierRules Tiers, LegalClocks Clocks)
{
    /// <summary>The Uniform subsidiekader tiers with the Awb terms.</summary>
    public static SchemeRules Default { get; } = new(TierRules.Default, LegalClocks.Default);
}
