namespace PvoFinance.Grains.Banking;

/// <summary>The keys of <see cref="IBankDetailsGrain"/>: one kind prefix per party, so ids of different kinds never meet.</summary>
public static class BankDetailsKeys
{
    /// <summary>A region's PVO account (it receives grants and advances).</summary>
    public static string Region(string regionId) => "region." + regionId;

    /// <summary>The paying account of a funding source's owner.</summary>
    public static string FundOwner(string sourceId) => "owner." + sourceId;

    /// <summary>The account of a funding source's intermediary (e.g. the CCV), through which a pass-through scheme pays.</summary>
    public static string Intermediary(string sourceId) => "intermediary." + sourceId;

    /// <summary>A municipality's account, keyed by its CBS code (e.g. <c>GM0014</c>).</summary>
    public static string Municipality(string code) => "municipality." + code;
}
