namespace PvoFinance.Grains;

/// <summary>Names of the grain storage providers the grains ask for; the silo registers one of each.</summary>
public static class StorageNames
{
    /// <summary>State of ledger coordination grains (transfers).</summary>
    public const string Ledger = "ledger";

    /// <summary>State of the ten region grains (profile, population history).</summary>
    public const string Regions = "regions";

    /// <summary>State of funding source grains (definitions, budget years, levies).</summary>
    public const string Funding = "funding";

    /// <summary>Every provider name, so hosting registers each one.</summary>
    public static IReadOnlyList<string> All { get; } = [Ledger, Regions, Funding];
}
