namespace PvoFinance.Applications;

/// <summary>
/// Explicit bounds on one application, so that state, history and every loop over them stay small enough
/// to load, store and check at once. A request that would pass a bound is refused, not truncated.
/// </summary>
public static class ApplicationLimits
{
    /// <summary>Characters in a title, reason, result text or reference.</summary>
    public const int MaxTextLength = 2_000;

    /// <summary>Advances in one grant's schedule (monthly over four years).</summary>
    public const int MaxAdvances = 48;

    /// <summary>Information requests in one review; more suggests the application should be refused instead.</summary>
    public const int MaxInformationRequests = 10;

    /// <summary>Amendment requests over a grant's life.</summary>
    public const int MaxAmendments = 10;

    /// <summary>History entries per application; each transition writes one.</summary>
    public const int MaxHistoryEntries = 500;
}
