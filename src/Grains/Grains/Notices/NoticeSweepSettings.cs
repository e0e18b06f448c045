namespace PvoFinance.Grains.Notices;

/// <summary>
/// How often the sweepers tick (<c>PvoFinance:Notices:SweepMinutes</c>, default 60) and whether the silo registers
/// their reminders at start (<c>PvoFinance:Notices:Enabled</c>, default true).
/// </summary>
/// <param name="Period">The reminder's period; Orleans refuses less than a minute.</param>
/// <param name="Enabled">False leaves the reminders unregistered (a sweep can still be asked for).</param>
public sealed record NoticeSweepSettings(TimeSpan Period, bool Enabled = true)
{
    /// <summary>The shortest period Orleans' reminders allow.</summary>
    public static readonly TimeSpan MinPeriod = TimeSpan.FromMinutes(1);

    /// <summary>The longest period: a notice a day late would defeat its purpose.</summary>
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromHours(24);

    /// <summary>An hour: deadlines are days, so an hour is prompt enough, and ten sweeps an hour cost little.</summary>
    public static NoticeSweepSettings Default { get; } = new(TimeSpan.FromHours(1));

    /// <summary>The first tick after registration: soon, so a fresh service has its notices within minutes.</summary>
    public TimeSpan FirstDue => MinPeriod;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when the period is outside <see cref="MinPeriod"/>..<see cref="MaxPeriod"/>.</summary>
    public NoticeSweepSettings Validated() => Period < MinPeriod || Period > MaxPeriod
        ? throw new ArgumentOutOfRangeException(nameof(Period), $"The sweep period is 1..1440 minutes, not {Period.TotalMinutes}.")
        : this;
}
