namespace PvoFinance.Cluster.Tests;

/// <summary>When an injected fault strikes, relative to the real write.</summary>
public enum FaultTiming
{
    /// <summary>No fault: the write goes through.</summary>
    None,

    /// <summary>The write fails before it reaches storage: nothing changed.</summary>
    BeforeWrite,

    /// <summary>
    /// The write reached storage and succeeded, but the caller hears a failure (a lost answer, a timeout): the
    /// dangerous case, since a retry must find what is already there instead of doing it again.
    /// </summary>
    AfterWrite,
}

/// <summary>
/// A seeded, settable source of storage faults shared by every silo of a test cluster: at <see cref="Rate"/> a write
/// fails, half the time before and half the time after it reached storage. Off (rate 0) unless a test turns it on.
/// </summary>
/// <remarks>
/// Only tests build it, through the TestingHost's silo configurator: no setting of the service can switch it on, so no
/// production deployment can run with it by mistake.
/// </remarks>
public sealed class RandomStorageFaults(int seed)
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();
    private double _rate;
    private int _before;
    private int _after;

    /// <summary>The share of writes that fail, 0 (off) to 1.</summary>
    public double Rate
    {
        get => Volatile.Read(ref _rate);
        set => Volatile.Write(ref _rate, Math.Clamp(value, 0, 1));
    }

    /// <summary>Writes failed before they reached storage.</summary>
    public int FailedBefore => Volatile.Read(ref _before);

    /// <summary>Writes that landed but were reported as failed.</summary>
    public int FailedAfter => Volatile.Read(ref _after);

    private string? _readsOf;
    private int _readsLeft;

    /// <summary>The next <paramref name="count"/> reads of <paramref name="journalId"/>'s entries (a range read, or a read by key) fail (a storage hiccup while reading).</summary>
    public void FailReads(string journalId, int count = 1)
    {
        lock (_gate)
        {
            (_readsOf, _readsLeft) = (journalId, count);
        }
    }

    /// <summary>True when this read of <paramref name="journalId"/> is to fail.</summary>
    internal bool TripRead(string journalId)
    {
        lock (_gate)
        {
            if (_readsOf != journalId || _readsLeft <= 0)
            {
                return false;
            }
            _readsLeft--;
            return true;
        }
    }

    /// <summary>Decides the next write's fate.</summary>
    public FaultTiming Next()
    {
        var rate = Rate;
        if (rate <= 0)
        {
            return FaultTiming.None;
        }
        lock (_gate)
        {
            if (_random.NextDouble() >= rate)
            {
                return FaultTiming.None;
            }
            if (_random.Next(2) == 0)
            {
                _before++;
                return FaultTiming.BeforeWrite;
            }
            _after++;
            return FaultTiming.AfterWrite;
        }
    }

    /// <summary>Runs <paramref name="write"/> under the next fault decision.</summary>
    public async Task<T> WriteAsync<T>(string what, Func<Task<T>> write)
    {
        var timing = Next();
        if (timing == FaultTiming.BeforeWrite)
        {
            throw new InjectedStorageFault($"Injected: {what} failed before it reached storage.");
        }
        var result = await write();
        if (timing == FaultTiming.AfterWrite)
        {
            throw new InjectedStorageFault($"Injected: {what} was stored, but its answer was lost.");
        }
        return result;
    }
}
