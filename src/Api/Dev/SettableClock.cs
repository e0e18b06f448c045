using NodaTime;

namespace PvoFinance.Api.Dev;

/// <summary>
/// A clock for Development and tests (<c>PVO_CLOCK=settable</c>): the system clock plus an offset that
/// <c>POST /dev/clock</c> moves forward, so tests can let a legal term pass without waiting weeks. Time keeps flowing
/// between moves. It only moves forward: a ledger and a history whose times went back would no longer be in order.
/// </summary>
public sealed class SettableClock(IClock system) : IClock
{
    /// <summary>The configuration value (<c>PVO_CLOCK</c> or <c>PvoFinance:Clock</c>) that selects this clock.</summary>
    public const string Setting = "settable";

    /// <summary>The latest instant the clock may be set to; beyond it Amsterdam dates stop meaning anything here.</summary>
    public static readonly Instant Latest = Instant.FromUtc(2100, 1, 1, 0, 0);

    private long _offsetTicks;

    /// <summary>A settable clock on the system clock.</summary>
    public SettableClock()
        : this(SystemClock.Instance)
    {
    }

    /// <summary>How far ahead of the system clock this clock is.</summary>
    public Duration Offset => Duration.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <inheritdoc/>
    public Instant GetCurrentInstant() => system.GetCurrentInstant() + Offset;

    /// <summary>Moves the clock to <paramref name="now"/>; false (and unchanged) when that is earlier than the clock's time or past <see cref="Latest"/>.</summary>
    public bool TrySet(Instant now)
    {
        while (true)
        {
            var offset = Interlocked.Read(ref _offsetTicks);
            var systemNow = system.GetCurrentInstant();
            if (now < systemNow + Duration.FromTicks(offset) || now > Latest)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _offsetTicks, (long)(now - systemNow).TotalTicks, offset) == offset)
            {
                return true;
            }
        }
    }

    /// <summary>Moves the clock <paramref name="days"/> (positive) days of 24 hours ahead; false when that passes <see cref="Latest"/>.</summary>
    public bool TryAdvance(int days) => days > 0 && TrySet(GetCurrentInstant() + Duration.FromDays(days));
}
