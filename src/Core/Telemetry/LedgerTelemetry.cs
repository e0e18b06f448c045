using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PvoFinance.Telemetry;

/// <summary>The service's trace source and metrics. Names are stable: dashboards and alerts depend on them.</summary>
public static class LedgerTelemetry
{
    /// <summary>Name of the <see cref="ActivitySource"/> and <see cref="Meter"/>.</summary>
    public const string Name = "PvoFinance";

    /// <summary>Spans for ledger commands and storage appends.</summary>
    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Postings made durable.</summary>
    public static readonly Counter<long> Postings = Meter.CreateCounter<long>("pvo.ledger.postings", description: "Postings made durable");

    /// <summary>Entries made durable.</summary>
    public static readonly Counter<long> Entries = Meter.CreateCounter<long>("pvo.ledger.entries", description: "Journal entries made durable");

    /// <summary>Commands refused, tagged by code (a ceiling refusal is code LimitExceeded).</summary>
    public static readonly Counter<long> Rejections = Meter.CreateCounter<long>("pvo.ledger.rejections", description: "Ledger commands refused, by code");

    /// <summary>Replays answered from the idempotency index.</summary>
    public static readonly Counter<long> Replays = Meter.CreateCounter<long>("pvo.ledger.replays", description: "Idempotent replays");

    /// <summary>Idempotency keys looked up in storage because the journal's key filter could not rule them out (KeyIndex).</summary>
    public static readonly Counter<long> KeyLookUps = Meter.CreateCounter<long>("pvo.ledger.key_lookups", description: "Idempotency keys looked up in storage (not in memory, key filter said maybe)");

    /// <summary>Journal appends refused for concurrency (another writer, or a lost reply).</summary>
    public static readonly Counter<long> Conflicts = Meter.CreateCounter<long>("pvo.storage.conflicts", description: "Optimistic-concurrency conflicts in storage");

    /// <summary>Grain state reads, writes and clears refused for concurrency (the row's ETag moved on), by provider and operation.</summary>
    public static readonly Counter<long> GrainStateConflicts = Meter.CreateCounter<long>("pvo.storage.grainstate.conflicts", description: "Optimistic-concurrency conflicts on grain state, by operation");

    /// <summary>Latency of one grain state read, write or clear (one table request), by provider, operation and outcome (ok, conflict, error).</summary>
    public static readonly Histogram<double> GrainStateLatency = Meter.CreateHistogram<double>("pvo.storage.grainstate.duration", unit: "ms", description: "Grain state read/write/clear latency, by operation");

    /// <summary>Latency of one journal append (one table transaction).</summary>
    public static readonly Histogram<double> AppendLatency = Meter.CreateHistogram<double>("pvo.storage.append.duration", unit: "ms", description: "Journal append latency");

    /// <summary>Application transitions stored, by trigger and the state reached.</summary>
    public static readonly Counter<long> Transitions = Meter.CreateCounter<long>("pvo.applications.transitions", description: "Application transitions stored, by trigger and state reached");

    /// <summary>Application requests refused, by trigger and code (Forbidden, Conflict, Invalid, LimitExceeded, …).</summary>
    public static readonly Counter<long> ApplicationRefusals = Meter.CreateCounter<long>("pvo.applications.refusals", description: "Application requests refused, by trigger and code");

    /// <summary>Grain state writes refused because the state would pass its declared bound, by state.</summary>
    public static readonly Counter<long> StateTooLarge = Meter.CreateCounter<long>("pvo.storage.state_too_large", description: "Grain state writes refused over their declared bound, by state");

    /// <summary>Entries per append (group commit size).</summary>
    public static readonly Histogram<long> AppendBatch = Meter.CreateHistogram<long>("pvo.storage.append.entries", description: "Entries per journal append");
}
