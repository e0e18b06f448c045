namespace PvoFinance.Grains;

/// <summary>Names of the grain storage providers the grains ask for; the silo registers one of each.</summary>
public static class StorageNames
{
    /// <summary>State of ledger coordination grains (transfers).</summary>
    public const string Ledger = "ledger";
}
