using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PvoFinance.Grains.Contracts;
using PvoFinance.Ledger;
using PvoFinance.Storage;
using PvoFinance.Telemetry;

namespace PvoFinance.Grains;

/// <summary>The append loop: accepted entries wait in a queue and are written together, as many as one table transaction takes.</summary>
public sealed partial class LedgerGrain
{
    // EndsGroup: false for every entry of a group but its last (a batch of ExecuteBatch, a linked chain of Submit), so an
    // append never splits a group. Parent: the trace of the call that made the entry, so an append is counted for a
    // request whose entry it carries (not for whichever request happened to start the flush loop). Record is made once,
    // on the first append that considers the entry, however many appends it waits for; it measures itself once, and the
    // store's check of the append reads the same count (JournalRecord.WireBytes).
    // Answer and WithEntry: the reply of a single Execute, completed by the append loop itself (see Execute).
    private sealed record Accepted(JournalEntry Entry, TaskCompletionSource<JournalEntry> Done, bool EndsGroup)
    {
        public ActivityContext Parent { get; } = Activity.Current?.Context ?? default;

        public JournalRecord? Record { get; set; }

        public TaskCompletionSource<LedgerReply>? Answer { get; init; }

        public bool WithEntry { get; init; }
    }

    private readonly List<Accepted> _queue = [];
    private readonly Dictionary<string, Task<JournalEntry>> _inFlight = new(StringComparer.Ordinal);
    private Task? _flusher;
    private Exception? _broken;

    // Queues an entry the journal accepted; the task completes when it is durable. The caller starts the flush loop.
    private Task<JournalEntry> Enqueue(JournalEntry entry, bool endsGroup) => Enqueue(new Accepted(entry, NewDone(), endsGroup)).Done.Task;

    // Queues the entry of a single Execute, which ends its own group; the task is its reply, made by the append loop.
    // Its continuations run synchronously: the only one is the runtime's, which sends the reply, so it is sent from
    // the append loop's turn (a continuation on this grain runs inline there) instead of being queued as a turn of its
    // own. Done stays asynchronous: it is what other calls of this grain wait on (replays of the key, MakeRoomAsync).
    private Task<LedgerReply> EnqueueAnswered(JournalEntry entry, bool withEntry) =>
        Enqueue(new Accepted(entry, NewDone(), EndsGroup: true) { Answer = new TaskCompletionSource<LedgerReply>(), WithEntry = withEntry }).Answer!.Task;

    private static TaskCompletionSource<JournalEntry> NewDone() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Accepted Enqueue(Accepted accepted)
    {
        _queue.Add(accepted);
        _inFlight[accepted.Entry.Key] = accepted.Done.Task;
        Remember(accepted.Entry);
        return accepted;
    }

    // A key confirmed absent in storage is only known absent while every later entry's key is held in memory (KeyIndex
    // keeps the latest 4,096), so at most this many entries wait for durability at once; a caller beyond it waits for the
    // appends in flight first. Without it a long queue (large batches from many callers) pushed the window past the
    // durable version in the middle of a decision, which then needed a storage look-up it could not make.
    private const int MaxNotDurable = KeyIndex.MaxIndexedKeys / 2;

    private async Task MakeRoomAsync(int entries)
    {
        while (_queue.Count > 0 && _journal.Version - _durable + entries > MaxNotDurable)
        {
            await WaitQuietly(_queue[^1].Done.Task);
            ThrowIfBroken();
        }
    }

    // A refusal decided against entries that are not yet durable only stands once they are: waits for the last queued
    // entry, and throws the retryable error if its append failed.
    private async Task AwaitQueuedAsync()
    {
        if (_queue.Count > 0)
        {
            await WaitQuietly(_queue[^1].Done.Task);
            ThrowIfBroken();
        }
    }

    private async Task FlushAsync()
    {
        try
        {
            // Let calls already waiting in this activation's queue be decided first, so they join this append.
            await Task.Yield();
            while (_queue.Count > 0 && _broken is null)
            {
                var (records, bytes) = NextAppend();
                var count = records.Count;
                var batch = _queue.GetRange(0, count);
                var last = batch[^1].Entry.Sequence;
                var snapshot = SnapshotFor(last, bytes);
                using var activity = LedgerTelemetry.Source.StartActivity("journal.append", ActivityKind.Internal, batch[0].Parent);
                activity?.SetTag("pvo.journal", Id);
                activity?.SetTag("pvo.entries", count);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    _etag = await store.AppendAsync(Id, _durable, _etag, records, snapshot);
                }
                catch (Exception ex)
                {
                    Break(ex);
                    return;
                }
                LedgerTelemetry.AppendLatency.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                LedgerTelemetry.AppendBatch.Record(count);
                _durable = last;
                if (snapshot is not null)
                {
                    _snapshotAt = last;
                    _snapshotWanted = false;
                }
                _queue.RemoveRange(0, count);
                LedgerTelemetry.Entries.Add(count);
                foreach (var a in batch)
                {
                    _inFlight.Remove(a.Entry.Key);
                    LedgerTelemetry.Postings.Add(a.Entry.Postings.Length);
                    a.Done.TrySetResult(a.Entry);
                    a.Answer?.TrySetResult(Reply(LedgerReplyStatus.Committed, a.Entry, a.WithEntry));
                }
            }
        }
        finally
        {
            _flusher = null;
        }
    }

    // The longest run of queued entries that fits one table transaction, by count and by bytes on the wire, ending at
    // the end of a group: a group is appended whole or waits for the next append.
    private (List<JournalRecord> Records, long Bytes) NextAppend()
    {
        var records = new List<JournalRecord>(Math.Min(_queue.Count, JournalLimits.MaxRecordsPerAppend));
        long bytes = 0;
        var groupEnd = 0;
        long groupBytes = 0;
        foreach (var a in _queue)
        {
            a.Record ??= LedgerJson.ToRecord(a.Entry);
            var size = a.Record.WireBytes;
            if (records.Count == JournalLimits.MaxRecordsPerAppend || (records.Count > 0 && bytes + size > JournalLimits.MaxAppendBytes))
            {
                if (groupEnd > 0)
                {
                    records.RemoveRange(groupEnd, records.Count - groupEnd);
                    bytes = groupBytes;
                }
                break;
            }
            records.Add(a.Record);
            bytes += size;
            if (a.EndsGroup)
            {
                (groupEnd, groupBytes) = (records.Count, bytes);
            }
        }
        return (records, bytes);
    }

    // A snapshot must describe the journal exactly after the append, so it is only taken when the append
    // carries every accepted entry; and only if it fits, since a missing snapshot costs replay time, not money.
    private JournalSnapshotRecord? SnapshotFor(long lastInAppend, long appendBytes)
    {
        if (lastInAppend != _journal.Version || (lastInAppend - _snapshotAt < SnapshotEvery && !_snapshotWanted))
        {
            return null;
        }
        // Measured once: the payload carries the key filter (~87,000 characters); the store's check of the append reads
        // the count the record keeps (JournalSnapshotRecord.WireBytes) instead of measuring it twice more.
        var snapshot = new JournalSnapshotRecord(lastInAppend, LedgerJson.Serialize(_journal.ToState()));
        var wire = snapshot.WireBytes;
        if (snapshot.Payload.Length > JournalLimits.MaxSnapshotChars || wire > JournalLimits.MaxSnapshotBytes || appendBytes + wire > JournalLimits.MaxAppendBytes)
        {
            logger.LogWarning("Journal {JournalId} snapshot of {Chars} chars exceeds the limit; activation will replay more entries", Id, snapshot.Payload.Length);
            return null;
        }
        return snapshot;
    }

    private void Break(Exception ex)
    {
        _broken = ex;
        if (ex is JournalConflictException)
        {
            LedgerTelemetry.Conflicts.Add(1);
        }
        logger.LogWarning(ex, "Journal {JournalId} append failed at version {Version}; {Count} accepted entries are failed and the journal reloads", Id, _durable, _queue.Count);
        var error = new LedgerUnavailableException($"Journal '{Id}' could not store the entry; retry with the same idempotency key. ({ex.GetType().Name})", ex);
        foreach (var a in _queue)
        {
            a.Done.TrySetException(error);
            a.Answer?.TrySetException(error);
        }
        _queue.Clear();
        _inFlight.Clear();
        DeactivateOnIdle();
    }

    private void ThrowIfBroken()
    {
        if (_broken is not null)
        {
            throw new LedgerUnavailableException($"Journal '{Id}' is reloading after a storage failure; retry with the same idempotency key.");
        }
    }

    private static async Task WaitQuietly(Task task)
    {
        try
        {
            await task;
        }
        catch (LedgerUnavailableException)
        {
            // The caller checks ThrowIfBroken next; the failure itself belongs to the entry's own caller.
        }
    }
}
