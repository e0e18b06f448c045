using PvoFinance.Funding;

namespace PvoFinance.Planning;

/// <summary>
/// A region's current arrangements, the status quo every scenario starts from. Amounts are per year in prices of
/// <see cref="StatusQuo.PriceYear"/>; costs are indexed from there, income amounts stay nominal (a commitment or a levy
/// rate is a fixed euro amount until someone changes it).
/// </summary>
/// <param name="RegionId">The region.</param>
/// <param name="ManagerFte">The PVO-manager's time in hundredths of an FTE.</param>
/// <param name="ManagerInKind">True when the police, a municipality or the CCV provide the manager (valued in kind); false when the region pays.</param>
/// <param name="CcvAdviserDaysPerWeek">The CCV adviser's days per week, in tenths.</param>
/// <param name="ProjectPipeline">Yearly project costs.</param>
/// <param name="OverheadRate">Overhead charged on the pipeline.</param>
/// <param name="RijkScheme">Expected ministry project subsidies a year (an assumption: a year national schemes committed money for in the ledger shows that instead).</param>
/// <param name="Province">Expected provincial money a year (an assumption replaced by provincial commitments like <paramref name="RijkScheme"/>).</param>
/// <param name="LevyRate">The municipalities' current contribution per inhabitant.</param>
/// <param name="Private">Expected private contributions a year.</param>
/// <param name="Facts">The maturity criteria met on current arrangements, bit i for <see cref="MaturityCriterion"/> i (co-funding excluded: it is computed).</param>
/// <param name="Themes">The pipeline's themes and weights.</param>
/// <param name="Source">Where the numbers come from, and which are assumptions.</param>
public sealed record RegionPlan(
    string RegionId,
    int ManagerFte,
    bool ManagerInKind,
    int CcvAdviserDaysPerWeek,
    Money ProjectPipeline,
    Percentage OverheadRate,
    Money RijkScheme,
    Money Province,
    Rate LevyRate,
    Money Private,
    int Facts,
    IReadOnlyList<ThemeShare> Themes,
    string Source)
{
    /// <summary>True when the region meets <paramref name="criterion"/> on current arrangements.</summary>
    public bool Meets(MaturityCriterion criterion) => (Facts & (1 << (int)criterion)) != 0;
}
