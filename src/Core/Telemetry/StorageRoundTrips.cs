using System.Collections.Concurrent;
using System.Diagnostics;

namespace PvoFinance.Telemetry;

/// <summary>
/// Counts the storage requests (one table request each: a grain state read, write or clear, a journal get, query
/// page or transaction) made on behalf of one trace — one HTTP request, since HTTP → grain call → storage is one
/// trace. Every such request is a span of <see cref="LedgerTelemetry.Source"/> tagged <see cref="RequestTag"/>;
/// a listener on that source adds each finished span to the tally of its trace id, when that trace is tracked.
/// </summary>
/// <remarks>
/// Used by the Development-only <c>PVO-Storage-Round-Trips</c> response header, which <c>./bench.sh http</c> reads to
/// print round trips per lifecycle step from the telemetry rather than by hand. Memory is bounded: at most
/// <see cref="MaxTrackedTraces"/> traces at once (a request beyond that is simply not counted) and at most
/// <see cref="MaxSpansPerTrace"/> spans kept per trace; a trace is forgotten when its request ends.
/// </remarks>
public static class StorageRoundTrips
{
    /// <summary>Tag marking a span as one request to storage (a round trip); its value names the operation.</summary>
    public const string RequestTag = "pvo.storage.request";

    /// <summary>Most traces tracked at once; requests beyond it go uncounted rather than growing memory.</summary>
    public const int MaxTrackedTraces = 4_096;

    /// <summary>Most storage spans kept per trace; further ones still count in the total.</summary>
    public const int MaxSpansPerTrace = 1_024;

    private static readonly ConcurrentDictionary<ActivityTraceId, StorageRoundTripTally> Tracked = new();
    private static readonly Lazy<ActivityListener> Listener = new(StartListening);

    /// <summary>
    /// Starts a span for one storage request. Tagged at once when <paramref name="counted"/> is true; otherwise the
    /// caller tags it with <see cref="MarkRequest"/> once it knows a request went out (a query's last page may not).
    /// </summary>
    public static Activity? StartRequest(string name, bool counted = true)
    {
        var activity = LedgerTelemetry.Source.StartActivity(name);
        if (counted)
        {
            MarkRequest(activity);
        }
        return activity;
    }

    /// <summary>Marks a span as one storage request.</summary>
    public static void MarkRequest(Activity? activity) => activity?.SetTag(RequestTag, activity.OperationName);

    /// <summary>
    /// Tracks the storage spans of <paramref name="traceId"/> until <see cref="Untrack"/>; null when the trace is already
    /// tracked or the bound is reached (then nothing is counted for it).
    /// </summary>
    public static StorageRoundTripTally? Track(ActivityTraceId traceId)
    {
        _ = Listener.Value;
        if (Tracked.Count >= MaxTrackedTraces)
        {
            return null;
        }
        var tally = new StorageRoundTripTally();
        return Tracked.TryAdd(traceId, tally) ? tally : null;
    }

    /// <summary>Stops tracking a trace (its request has ended).</summary>
    public static void Untrack(ActivityTraceId traceId, StorageRoundTripTally tally) =>
        Tracked.TryRemove(new KeyValuePair<ActivityTraceId, StorageRoundTripTally>(traceId, tally));

    private static ActivityListener StartListening()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == LedgerTelemetry.Name,
            // Only the tracked traces need recording; the exporters' own sampling decides for the rest.
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                Tracked.ContainsKey(options.TraceId) ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem(RequestTag) is string operation && Tracked.TryGetValue(activity.TraceId, out var tally))
                {
                    tally.Add(operation, activity.StartTimeUtc, activity.StartTimeUtc + activity.Duration);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}

/// <summary>The storage requests of one trace: how many, of which kind, and how many had to wait for each other.</summary>
public sealed class StorageRoundTripTally
{
    private readonly object _gate = new();
    private readonly List<(DateTime Start, DateTime End)> _spans = [];
    private readonly Dictionary<string, int> _byOperation = new(StringComparer.Ordinal);
    private int _total;

    /// <summary>Adds one finished storage request.</summary>
    public void Add(string operation, DateTime start, DateTime end)
    {
        lock (_gate)
        {
            _total++;
            if (_spans.Count < StorageRoundTrips.MaxSpansPerTrace)
            {
                _spans.Add((start, end));
                // The operation names are a fixed handful (span names in code), so this stays small.
                _byOperation[operation] = _byOperation.GetValueOrDefault(operation) + 1;
            }
        }
    }

    /// <summary>Every storage request of the trace, in parallel or not.</summary>
    public int Total
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    /// <summary>
    /// Sequential round trips: the longest chain of requests each starting after the previous one ended, so requests
    /// that overlapped in time (sent together, e.g. with Task.WhenAll) count once. Earliest-end-first greedy gives the
    /// largest set of pairwise non-overlapping intervals, which is that chain's length.
    /// </summary>
    public int Sequential
    {
        get
        {
            lock (_gate)
            {
                var chain = 0;
                var lastEnd = DateTime.MinValue;
                foreach (var (start, end) in _spans.OrderBy(s => s.End))
                {
                    if (start >= lastEnd)
                    {
                        chain++;
                        lastEnd = end;
                    }
                }
                return chain;
            }
        }
    }

    /// <summary>Requests per operation, e.g. <c>grainstate.write=1,journal.table.get=2</c>, ordered by name.</summary>
    public string Detail
    {
        get
        {
            lock (_gate)
            {
                return string.Join(',', _byOperation.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
            }
        }
    }
}
