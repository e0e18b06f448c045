using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Text;
using Orleans.Concurrency;
using PvoFinance.Grains.Contracts;
using PvoFinance.Ledger;
using PvoFinance.Storage;
using PvoFinance.Telemetry;

namespace PvoFinance.Grains;

/// <summary>
/// The single writer of one journal. A thin shell: the core <see cref="Journal"/> decides, the
/// <see cref="IJournalStore"/> makes it durable, and this grain only orders the two.
/// </summary>
/// <remarks>
/// Group commit: the grain is reentrant so that commands arriving while an append is in flight are decided
/// at once (against the journal including entries not yet durable, which is conservative for limits) and
/// then written together in the next append — one table transaction for up to
/// <see cref="JournalLimits.MaxRecordsPerAppend"/> entries. No caller hears "done" before its entry is
/// durable. If an append fails, every entry not yet durable is failed with a retryable error and the
/// activation is dropped, so the next call reloads the journal exactly as storage has it; retries with the
/// same idempotency keys then find their entry if the failed append did land after all.
/// </remarks>
[Reentrant]
public sealed partial class LedgerGrain(IJournalStore store, IClock clock, ILogger<LedgerGrain> logger) : Grain, ILedgerGrain
{
    /// <summary>A snapshot is written with the first append after this many entries, so activation replays at most about this many.</summary>
    public const int SnapshotEvery = 128;

    /// <summary>How many recent entries stay in memory to answer replays and reversals without a read.</summary>
    private const int RecentEntries = 512;

    /// <summary>Most entries one <see cref="GetEntries"/> call returns.</summary>
    public const int MaxEntriesPerRead = 1_000;

    // EndsGroup: false for every entry of a batch but its last, so the append never splits a batch (see ExecuteBatch).
    // Parent: the trace of the call that made the entry, so an append is counted for a request whose entry it carries
    // (not for whichever request happened to start the flush loop).
    private sealed record Accepted(JournalEntry Entry, TaskCompletionSource<LedgerReply> Done, bool EndsGroup = true)
    {
        public ActivityContext Parent { get; } = Activity.Current?.Context ?? default;
    }

    private readonly List<Accepted> _queue = [];
    private readonly Dictionary<string, Task<LedgerReply>> _inFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<long, JournalEntry> _recent = [];
    private readonly Queue<long> _recentOrder = new();
    private Journal _journal = new();
    private string? _etag;
    private long _durable;
    private long _snapshotAt;
    private Task? _flusher;
    private bool _snapshotWanted;
    private Exception? _broken;

    private string Id => this.GetPrimaryKeyString();

    /// <inheritdoc />
    /// <remarks>
    /// Reads the header and snapshot and replays the entries after it; no key is read: the snapshot carries the
    /// fixed-size filter of every key (<see cref="KeyIndex"/>). Only a snapshot of the older format, without one,
    /// makes it read the keys before the snapshot once, and asks for a new snapshot with the next append.
    /// </remarks>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        JournalAppendRules.ValidateJournalId(Id);
        var head = await store.ReadHeadAsync(Id, cancellationToken);
        var state = head.Snapshot is { } s ? LedgerJson.DeserializeState(s.Payload) : null;
        _journal = state is null ? new Journal() : Journal.FromState(state);
        _snapshotAt = _journal.Version;
        _durable = head.Version;
        if (!_journal.HasKeyFilter)
        {
            var older = new List<(long, string, string)>();
            await foreach (var key in store.ReadKeysAsync(Id, cancellationToken))
            {
                if (key.Sequence <= _snapshotAt)
                {
                    older.Add((key.Sequence, key.IdempotencyKey, key.ContentHash));
                }
            }
            _journal.RebuildKeyFilter(older);
            _snapshotWanted = true;
        }
        if (state?.KeyFilter is null)
        {
            // Written without a filter, perhaps before keys had rows: a look-up of an older key also queries the records.
            _journal.KeysWithoutRowsThrough = head.Version;
        }
        await foreach (var record in store.ReadRecordsAsync(Id, _journal.Version, cancellationToken))
        {
            var entry = LedgerJson.DeserializeEntry(record.Payload);
            _journal.Apply(entry);
            Remember(entry);
        }
        if (_journal.Version != head.Version)
        {
            throw new InvalidOperationException($"Journal '{Id}' header says version {head.Version} but {_journal.Version} entries were read.");
        }
        _etag = head.ETag;
        _durable = head.Version;
    }

    /// <inheritdoc />
    public async Task<LedgerReply> Execute(LedgerRequest request)
    {
        using var activity = LedgerTelemetry.Source.StartActivity("ledger.execute");
        activity?.SetTag("pvo.journal", Id);
        activity?.SetTag("pvo.kind", request.Kind.ToString());
        ThrowIfBroken();
        var (command, invalid) = LedgerRequestMapper.ToCommand(request);
        if (command is null)
        {
            return Refused(invalid!);
        }
        var referenced = await PrepareAsync(command);
        switch (_journal.Execute(command, clock.GetCurrentInstant(), referenced))
        {
            case Committed committed:
                var accepted = new Accepted(committed.Entry, new TaskCompletionSource<LedgerReply>(TaskCreationOptions.RunContinuationsAsynchronously));
                _queue.Add(accepted);
                _inFlight[committed.Entry.Key] = accepted.Done.Task;
                Remember(committed.Entry);
                _flusher ??= FlushAsync();
                return await accepted.Done.Task;
            case Duplicate duplicate:
                LedgerTelemetry.Replays.Add(1);
                activity?.SetTag("pvo.replayed", true);
                if (_inFlight.TryGetValue(command.Key, out var original))
                {
                    return (await original) with { Status = LedgerReplyStatus.Replayed };
                }
                var entry = await LoadEntryAsync(duplicate.Sequence);
                return new LedgerReply(LedgerReplyStatus.Replayed, LedgerRequestMapper.ToDto(Id, entry), null);
            case Rejected rejected:
                // A refusal decided against entries that are not yet durable only stands once they are:
                // if their append fails, the caller gets a retryable error instead of a refusal.
                if (_queue.Count > 0)
                {
                    await WaitQuietly(_queue[^1].Done.Task);
                    ThrowIfBroken();
                }
                return Refused(rejected.Rejection);
            default:
                throw new UnreachableException();
        }
    }

    /// <inheritdoc />
    public async Task<RejectionDto?> Check(LedgerRequest request)
    {
        ThrowIfBroken();
        var (command, invalid) = LedgerRequestMapper.ToCommand(request);
        if (command is not null and not ReverseEntry)
        {
            await LookUpKeysAsync(command);
        }
        // A reversal's target is loaded from storage by Execute; the check leaves reversals to Execute itself.
        var rejection = command is null ? invalid : command is ReverseEntry ? null : _journal.Check(command);
        return rejection is null ? null : LedgerRequestMapper.ToDto(rejection);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<BalanceDto>> GetBalances()
    {
        ThrowIfBroken();
        // The journal includes accepted entries that are not yet durable; take them out again so a reader
        // never sees money that storage might still refuse.
        var balances = _journal.Balances.ToDictionary(b => b.Account);
        for (var i = _queue.Count - 1; i >= 0; i--)
        {
            var e = _queue[i].Entry;
            foreach (var p in e.Postings)
            {
                balances[p.Account] = balances[p.Account].Without(p);
            }
            foreach (var p in e.Pending)
            {
                balances[p.Account] = balances[p.Account].Without(p);
            }
        }
        IReadOnlyList<BalanceDto> result = [.. balances.Values
            .Where(b => b.DebitsPosted != 0 || b.CreditsPosted != 0 || b.DebitsPending != 0 || b.CreditsPending != 0)
            .OrderBy(b => b.Account.Value, StringComparer.Ordinal)
            .Select(LedgerRequestMapper.ToDto)];
        return Task.FromResult(result);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BalanceDto>> GetBalancesAsOf(string asOfDate, string? knownAt)
    {
        var date = LocalDatePattern.Iso.Parse(asOfDate ?? "");
        if (!date.Success)
        {
            throw new ArgumentException("asOf must be an ISO date like 2026-11-23.", nameof(asOfDate));
        }
        Instant? known = null;
        if (!string.IsNullOrEmpty(knownAt))
        {
            var parsed = InstantPattern.ExtendedIso.Parse(knownAt);
            known = parsed.Success ? parsed.Value : throw new ArgumentException("knownAt must be an ISO instant like 2026-11-23T12:00:00Z.", nameof(knownAt));
        }
        var entries = await ReadCommittedAsync();
        return [.. LedgerQueries.BalancesAsOf(entries, date.Value, known).Select(LedgerRequestMapper.ToDto)];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EntryDto>> GetEntries(long afterSequence, int max)
    {
        max = Math.Clamp(max, 1, MaxEntriesPerRead);
        var list = new List<EntryDto>(Math.Min(max, 64));
        await foreach (var record in store.ReadRecordsAsync(Id, Math.Max(0, afterSequence)))
        {
            list.Add(LedgerRequestMapper.ToDto(Id, LedgerJson.DeserializeEntry(record.Payload)));
            if (list.Count == max)
            {
                break;
            }
        }
        return list;
    }

    /// <inheritdoc />
    public Task<JournalSummaryDto> GetSummary() => Task.FromResult(new JournalSummaryDto(
        Id, _durable, _durable == _journal.Version ? _journal.HeadHash : _durable == 0 ? EntryHasher.GenesisHash : _recent[_durable].Hash,
        _journal.OpenReservations.Count, _journal.Balances.Count));

    /// <inheritdoc />
    public async Task<ChainReportDto> VerifyChain()
    {
        var entries = new List<JournalEntry>();
        await foreach (var record in store.ReadRecordsAsync(Id, 0))
        {
            try
            {
                entries.Add(LedgerJson.DeserializeEntry(record.Payload));
            }
            catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
            {
                var partial = ChainVerifier.Verify(entries);
                return partial.Intact
                    ? new ChainReportDto(Id, false, entries.Count + 1, record.Sequence, $"Entry {record.Sequence}: unreadable ({ex.Message}).", partial.HeadHash)
                    : ToDto(partial);
            }
        }
        return ToDto(ChainVerifier.Verify(entries));
    }

    private ChainReportDto ToDto(ChainReport r) => new(Id, r.Intact, r.EntriesChecked, r.FirstBrokenSequence, r.Reason, r.HeadHash);

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
                foreach (var a in batch)
                {
                    _inFlight.Remove(a.Entry.Key);
                    LedgerTelemetry.Entries.Add(1);
                    LedgerTelemetry.Postings.Add(a.Entry.Postings.Length);
                    a.Done.TrySetResult(new LedgerReply(LedgerReplyStatus.Committed, LedgerRequestMapper.ToDto(Id, a.Entry), null));
                }
            }
        }
        finally
        {
            _flusher = null;
        }
    }

    // The longest run of queued entries that fits one table transaction, by count and by bytes on the wire.
    private (List<JournalRecord> Records, long Bytes) NextAppend()
    {
        var records = new List<JournalRecord>(Math.Min(_queue.Count, JournalLimits.MaxRecordsPerAppend));
        long bytes = 0;
        // Where the last whole group ends, and the bytes up to there: a batch is appended whole or waits for the next append.
        var groupEnd = 0;
        long groupBytes = 0;
        foreach (var a in _queue)
        {
            var record = new JournalRecord(a.Entry.Sequence, a.Entry.Key, a.Entry.ContentHash, LedgerJson.Serialize(a.Entry));
            var size = JournalAppendRules.EstimateWireBytes([record], null);
            if (records.Count == JournalLimits.MaxRecordsPerAppend || (records.Count > 0 && bytes + size > JournalLimits.MaxAppendBytes))
            {
                if (groupEnd > 0)
                {
                    records.RemoveRange(groupEnd, records.Count - groupEnd);
                    bytes = groupBytes;
                }
                break;
            }
            records.Add(record);
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
        var payload = LedgerJson.Serialize(_journal.ToState());
        if (!JournalAppendRules.SnapshotFits(payload) || appendBytes + JsonWireSize.Of(payload) > JournalLimits.MaxAppendBytes)
        {
            logger.LogWarning("Journal {JournalId} snapshot of {Chars} chars exceeds the limit; activation will replay more entries", Id, payload.Length);
            return null;
        }
        return new JournalSnapshotRecord(lastInAppend, payload);
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

    private void Remember(JournalEntry entry)
    {
        if (_recent.TryAdd(entry.Sequence, entry))
        {
            _recentOrder.Enqueue(entry.Sequence);
            while (_recentOrder.Count > RecentEntries && _recentOrder.Peek() < _durable)
            {
                _recent.Remove(_recentOrder.Dequeue());
            }
        }
    }

    // Before a command is decided: the keys it needs that only storage can answer are looked up (a point read each,
    // rare: the key filter rules out almost every new key), and a reversal's target entry is loaded. Repeated until
    // nothing is missing after the last await, so that the decision that follows sees a complete answer.
    private async Task<JournalEntry?> PrepareAsync(LedgerCommand command)
    {
        while (true)
        {
            await LookUpKeysAsync(command);
            if (command is ReverseEntry reverse && _journal.SequenceOf(reverse.EntryKey) is { } target)
            {
                var referenced = await LoadEntryAsync(target);
                ThrowIfBroken();
                if (_journal.KeysToLookUp(command).Count == 0 && _journal.SequenceOf(reverse.EntryKey) == target)
                {
                    return referenced;
                }
                continue;
            }
            return null;
        }
    }

    private async Task LookUpKeysAsync(LedgerCommand command)
    {
        for (var missing = _journal.KeysToLookUp(command); missing.Count > 0; missing = _journal.KeysToLookUp(command))
        {
            // Storage is read after every entry up to here is durable, so "not found" holds for all of them.
            var durable = _durable;
            var found = await Task.WhenAll(missing.Select(key => store.FindKeyAsync(Id, key, _journal.KeysWithoutRowsThrough)));
            ThrowIfBroken();
            LedgerTelemetry.KeyLookUps.Add(missing.Count);
            for (var i = 0; i < missing.Count; i++)
            {
                if (found[i] is { } k)
                {
                    _journal.IndexKey(k.Sequence, k.IdempotencyKey, k.ContentHash);
                }
                else
                {
                    _journal.ConfirmAbsent(missing[i], durable);
                }
            }
        }
    }

    private async Task<JournalEntry> LoadEntryAsync(long sequence)
    {
        if (_recent.TryGetValue(sequence, out var cached))
        {
            return cached;
        }
        var record = await store.ReadRecordAsync(Id, sequence)
            ?? throw new InvalidOperationException($"Journal '{Id}' entry {sequence} is indexed but missing from storage.");
        return LedgerJson.DeserializeEntry(record.Payload);
    }

    private async Task<List<JournalEntry>> ReadCommittedAsync()
    {
        var entries = new List<JournalEntry>();
        await foreach (var record in store.ReadRecordsAsync(Id, 0))
        {
            entries.Add(LedgerJson.DeserializeEntry(record.Payload));
        }
        return entries;
    }

    private LedgerReply Refused(LedgerRejection rejection)
    {
        LedgerTelemetry.Rejections.Add(1, new KeyValuePair<string, object?>("code", rejection.Code.ToString()));
        return new LedgerReply(LedgerReplyStatus.Rejected, null, LedgerRequestMapper.ToDto(rejection));
    }
}
