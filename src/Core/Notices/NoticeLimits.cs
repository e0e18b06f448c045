namespace PvoFinance.Notices;

/// <summary>Explicit bounds on notices: how late one is still made, how long one is kept, how many one read shows.</summary>
public static class NoticeLimits
{
    /// <summary>
    /// Days after its due day a notice is still made (when no sweep ran in time, e.g. the service was down): later
    /// than this, the deadline is old news and the task list shows it as overdue anyway.
    /// </summary>
    public const int MaxLateDays = 14;

    /// <summary>Days after its due day a notice (and anyone's read mark of it) is kept; older ones are pruned by the sweep.</summary>
    public const int RetainDays = 60;

    /// <summary>Notices a page shows when the caller names no size.</summary>
    public const int DefaultPageSize = 25;

    /// <summary>Notices one page may show.</summary>
    public const int MaxPageSize = 100;

    /// <summary>
    /// Notices read from one region's partition at most per request: with pruning after <see cref="RetainDays"/>, a
    /// region reaches this only with thousands of deadlines in two months; beyond it the answer says it is truncated.
    /// </summary>
    public const int MaxPerRegion = 5_000;

    /// <summary>Notices one sweep writes per region at most (a batch of the table holds 100; the rest wait for the next tick).</summary>
    public const int MaxPerSweep = 2_000;
}
