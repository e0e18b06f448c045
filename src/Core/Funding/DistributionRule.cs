namespace PvoFinance.Funding;

/// <summary>How a distribution weighs the regions (docs/distribution.md).</summary>
public enum DistributionRule
{
    /// <summary>In proportion to inhabitants (the CBS count of the latest recorded year not after the budget year).</summary>
    PerInhabitant,
    /// <summary>The same base amount for every region, the rest in proportion to inhabitants.</summary>
    BasePlusPerInhabitant,
    /// <summary>In proportion to the Rijk's (or the province's) figures of a named planning scenario version for the year.</summary>
    Scenario,
}

/// <summary>The rules' names as the API spells them.</summary>
public static class DistributionRules
{
    /// <summary>The names, in the order of <see cref="DistributionRule"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["per-inhabitant", "base-plus-per-inhabitant", "scenario"];

    /// <summary>The API name of a rule.</summary>
    public static string Name(DistributionRule rule) => Names[(int)rule];

    /// <summary>Reads an API name; false for anything else (case matters, as everywhere in the API).</summary>
    public static bool TryParse(string? text, out DistributionRule rule)
    {
        var index = text is null ? -1 : Names.ToList().IndexOf(text);
        rule = index < 0 ? default : (DistributionRule)index;
        return index >= 0;
    }
}
