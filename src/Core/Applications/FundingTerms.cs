using PvoFinance.Access;
using PvoFinance.Funding;

namespace PvoFinance.Applications;

/// <summary>
/// What co-financing needs to know of a funding source, copied into the application when its plan is saved,
/// so a later change of the source does not rewrite a plan already judged (as <see cref="SchemeRules"/>).
/// </summary>
/// <param name="Source">The source's id.</param>
/// <param name="Kind">Its kind; hours in kind never pay a subsidy.</param>
/// <param name="Owner">Who owns it: national, a province, or a region (the region's own money).</param>
/// <param name="MaxCofinancing">Largest share of the project's costs it may pay; null means no limit.</param>
/// <param name="Themes">Earmarked themes; empty means free to use for any theme.</param>
public sealed record FundingTerms(string Source, FundingSourceKind Kind, Scope Owner, Percentage? MaxCofinancing, IReadOnlyList<string> Themes)
{
    /// <summary>A fund of <paramref name="owner"/> (a national scheme or provincial fund) with no share limit and no earmark.</summary>
    public static FundingTerms Fund(string source, Scope owner) =>
        new(source, owner.Level == ScopeLevel.National ? FundingSourceKind.NationalScheme : FundingSourceKind.ProvincialFund, owner, null, []);

    /// <summary>The terms of a source's definition.</summary>
    public static FundingTerms Of(FundingSourceDefinition d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Id, d.Kind, d.Owner, d.MaxCofinancing, [.. d.Themes]);
    }

    /// <summary>Whether this source may pay for a project on <paramref name="theme"/>.</summary>
    public bool Allows(string? theme) =>
        Themes.Count == 0 || (theme is not null && Themes.Contains(theme, StringComparer.OrdinalIgnoreCase));

    /// <summary>Whether <paramref name="part"/> of <paramref name="projectCosts"/> stays within <see cref="MaxCofinancing"/>, exactly (no rounding).</summary>
    public bool ShareAllows(Money part, Money projectCosts) =>
        MaxCofinancing is not { } max || (Int128)part.Cents * 10_000 <= (Int128)max.BasisPoints * projectCosts.Cents;

    /// <summary>Whether the source pays in money (every kind but hours in kind).</summary>
    public bool PaysInMoney => Kind != FundingSourceKind.InKind;
}
