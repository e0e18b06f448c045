namespace PvoFinance.Funding;

/// <summary>Explicit bounds of a distribution.</summary>
public static class DistributionLimits
{
    /// <summary>
    /// Characters of a distribution id (a-z, 0-9, '-'): its parts are commitments and payments named
    /// <c>&lt;id&gt;.&lt;region&gt;</c>, which must stay within the ledger's key lengths.
    /// </summary>
    public const int MaxIdChars = 40;

    /// <summary>Regions one distribution spreads over: the ten regions.</summary>
    public const int MaxRegions = 10;

    /// <summary>Refused attempts one distribution may make before it must get a new id (each attempt books under new keys).</summary>
    public const int MaxAttempts = 50;

    /// <summary>True when <paramref name="id"/> is a valid distribution id.</summary>
    public static bool IsValidId(string? id) =>
        id is { Length: > 0 and <= MaxIdChars } && id[0] != '-' && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    /// <summary>The id of the commitment (and of the payment) a distribution makes to one region.</summary>
    public static string PartId(string distributionId, string regionId) => $"{distributionId}.{regionId}";
}
