namespace PvoFinance.Grains.Notices;

/// <summary>What one sweep of a region did.</summary>
/// <param name="Region">The region swept.</param>
/// <param name="Today">The Amsterdam date the deadlines were judged on (ISO).</param>
/// <param name="Applications">Application rows read (those with a date running within the largest lead time, or overdue).</param>
/// <param name="Planned">Notices the rules call for now (made before or not).</param>
/// <param name="Made">Notices new in this sweep.</param>
/// <param name="Pruned">Notices past their retention that were deleted.</param>
/// <param name="Truncated">True when more notices were called for than one sweep writes (<see cref="PvoFinance.Notices.NoticeLimits.MaxPerSweep"/>); the next tick writes the rest.</param>
[GenerateSerializer, Immutable]
public sealed record NoticeSweepResult(
    [property: Id(0)] string Region,
    [property: Id(1)] string Today,
    [property: Id(2)] int Applications,
    [property: Id(3)] int Planned,
    [property: Id(4)] int Made,
    [property: Id(5)] int Pruned,
    [property: Id(6)] bool Truncated);

/// <summary>
/// Turns one region's deadlines into notices (key: the region id). An Orleans reminder
/// (<see cref="NoticeSweeperGrain.ReminderName"/>) ticks it, so notices are made while no one looks; it keeps no state
/// of its own: the notices are rows of <see cref="PvoFinance.Notices.INoticeStore"/>, made once per (application, kind, due day).
/// </summary>
public interface INoticeSweeperGrain : IGrainWithStringKey, IRemindable
{
    /// <summary>Registers the region's reminder when it is missing; harmless to call again.</summary>
    /// <returns>True when the reminder was registered now, false when it was already there.</returns>
    Task<bool> Start();

    /// <summary>Sweeps now: reads the region's due list, adds the notices the rules call for, prunes old ones.</summary>
    Task<NoticeSweepResult> Sweep();
}
