namespace PvoFinance.Planning;

/// <summary>
/// The criteria of a region's maturity score, taken from what the 2019 field report names as the marks of a
/// well-organised platform (DOMAIN.md, "Co-financing with a bonus/malus rule"). Order is fixed: weights are given in it.
/// </summary>
public enum MaturityCriterion
{
    /// <summary>A formal structure: a foundation or a place in a regional cooperation, not an informal network.</summary>
    FormalGovernance,
    /// <summary>A mayor chairs the board or administrative consultation.</summary>
    MayorAsChair,
    /// <summary>Business associations take part.</summary>
    BusinessAtTheTable,
    /// <summary>The PVO-manager has at least 0.50 FTE (the report recommends 0.5 to 1.0).</summary>
    ManagerHalfFte,
    /// <summary>A concrete offer of activities (awareness evenings, talks, scans).</summary>
    ConcreteOffer,
    /// <summary>Accountability delivered on time.</summary>
    AccountabilityOnTime,
    /// <summary>The region's own co-funding (province, municipalities, overhead, private) reaches the threshold share of its cash.</summary>
    RegionalCoFunding,
}

/// <summary>Names of the criteria.</summary>
public static class MaturityCriteria
{
    /// <summary>How many criteria there are.</summary>
    public const int Count = 7;

    /// <summary>Every criterion in order.</summary>
    public static IReadOnlyList<MaturityCriterion> All { get; } = Enum.GetValues<MaturityCriterion>();

    /// <summary>The API name (camelCase, as in JSON bodies).</summary>
    public static string Name(MaturityCriterion criterion) => criterion switch
    {
        MaturityCriterion.FormalGovernance => "formalGovernance",
        MaturityCriterion.MayorAsChair => "mayorAsChair",
        MaturityCriterion.BusinessAtTheTable => "businessAtTheTable",
        MaturityCriterion.ManagerHalfFte => "managerHalfFte",
        MaturityCriterion.ConcreteOffer => "concreteOffer",
        MaturityCriterion.AccountabilityOnTime => "accountabilityOnTime",
        _ => "regionalCoFunding",
    };
}
