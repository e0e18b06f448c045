namespace PvoFinance.Applications;

/// <summary>
/// Explicit bounds on one application, so that state, history and every loop over them stay small enough
/// to load, store and check at once. A request that would pass a bound is refused, not truncated.
/// </summary>
public static class ApplicationLimits
{
    /// <summary>Characters in a title, reason, result text or reference.</summary>
    public const int MaxTextLength = 2_000;

    /// <summary>
    /// Advances in one grant's schedule: weekly over five years (52 × 5), the period within which a determination may
    /// still be changed and money reclaimed (Awb 4:49 lid 3, 4:57 lid 4; <see cref="LegalClocks"/>), so no schedule a
    /// grant can reasonably fix is refused (monthly over four years, 48, was too few for weekly payments). The schedule
    /// lives in the application's stored value, twice while a transition is booked; its worst case is part of
    /// <see cref="ApplicationStateBudget.WorstStateBytes"/>, held under the state's bound by a test.
    /// </summary>
    public const int MaxAdvances = 260;

    /// <summary>Information requests in one review; more suggests the application should be refused instead.</summary>
    public const int MaxInformationRequests = 10;

    /// <summary>Amendment requests over a grant's life.</summary>
    public const int MaxAmendments = 10;

    /// <summary>History entries per application; each transition writes one.</summary>
    public const int MaxHistoryEntries = 500;

    /// <summary>
    /// Objections over an application's life: at most one per decision (Awb 6:7), and one open at a time. Decisions are
    /// few (grant, amendments, determination, revocation); the bound keeps the stored list small (grounds live in the history rows).
    /// </summary>
    public const int MaxObjections = 20;
}
