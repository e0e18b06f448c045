using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NodaTime;
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
/// same idempotency keys then find their entry if the failed append did land after all. The grain's concerns live in
/// partial files: one command and its check (here), batches (<c>.Batch</c>, <c>.Chains</c>), the append loop
/// (<c>.Append</c>), keys and recent entries (<c>.Keys</c>), reads (<c>.Reads</c>, <c>.Figures</c>).
/// </remarks>
[Reentrant]
public sealed partial class LedgerGrain(IJournalStore store, IClock clock, ILogger<LedgerGrain> logger) : Grain, ILedgerGrain
{
    /// <summary>A snapshot is written with the first append after this many entries, so activation replays at most about this many.</summary>
    public const int SnapshotEvery = 128;

    /// <summary>Most entries one <see cref="GetEntries"/> call returns.</summary>
    public const int MaxEntriesPerRead = 1_000;

    private Journal _journal = new();
    private string? _etag;
    private long _durable;
    private long _snapshotAt;
    private bool _snapshotWanted;

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
            var entry = LedgerJson.DeserializeEntry(record);
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
    /// <remarks>
    /// One turn per new entry: the call's turn decides and queues the entry and returns the task of its reply, which the
    /// append loop completes once the entry is durable — with the reply already made, and with its continuations run
    /// at once, so the runtime sends the reply from the append loop's turn instead of a second turn of this call.
    /// </remarks>
    public Task<LedgerReply> Execute(LedgerRequest request, bool withEntry = false)
    {
        var decided = DecideAsync(request, withEntry);
        return decided.IsCompletedSuccessfully ? decided.Result : decided.Unwrap();
    }

    // The call's own turn (or turns, when keys must be looked up first): the reply itself for a replay or a refusal, or
    // for a new entry the task the append loop completes with its reply. The span ends with the decision; the append's
    // own span, its child, covers the wait for durability.
    private async Task<Task<LedgerReply>> DecideAsync(LedgerRequest request, bool withEntry)
    {
        using var activity = LedgerTelemetry.Source.StartActivity("ledger.execute");
        activity?.SetTag("pvo.journal", Id);
        activity?.SetTag("pvo.kind", request.Kind.ToString());
        ThrowIfBroken();
        var (command, invalid) = LedgerRequestMapper.ToCommand(request);
        if (command is null)
        {
            return Task.FromResult(Refused(invalid!));
        }
        await MakeRoomAsync(1);
        LedgerCommand[] one = [command];
        var referenced = new JournalEntry?[1];
        while (!Resolved(one, referenced))
        {
            await PrepareAsync(one, referenced);
        }
        switch (_journal.Execute(command, clock.GetCurrentInstant(), referenced[0]))
        {
            case Committed committed:
                var reply = EnqueueAnswered(committed.Entry, withEntry);
                _flusher ??= FlushAsync();
                return reply;
            case Duplicate duplicate:
                LedgerTelemetry.Replays.Add(1);
                activity?.SetTag("pvo.replayed", true);
                return Task.FromResult(Reply(LedgerReplyStatus.Replayed, await EntryOf(command.Key, duplicate.Sequence), withEntry));
            case Rejected rejected:
                // A refusal decided against entries that are not yet durable only stands once they are:
                // if their append fails, the caller gets a retryable error instead of a refusal.
                await AwaitQueuedAsync();
                return Task.FromResult(Refused(rejected.Rejection));
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
            LedgerCommand[] one = [command];
            while (!Resolved(one, new JournalEntry?[1]))
            {
                await PrepareAsync(one, new JournalEntry?[1]);
            }
        }
        // A reversal's target is loaded from storage by Execute; the check leaves reversals to Execute itself.
        var rejection = command is null ? invalid : command is ReverseEntry ? null : _journal.Check(command);
        return rejection is null ? null : LedgerRequestMapper.ToDto(rejection);
    }

    // The reply to a caller: slim (sequence and hash) unless it asked for the whole entry.
    private LedgerReply Reply(LedgerReplyStatus status, JournalEntry entry, bool withEntry) =>
        new(status, withEntry ? LedgerRequestMapper.ToDto(Id, entry) : null, null) { Sequence = entry.Sequence, Hash = entry.Hash };

    // The entry a replayed key names: the one in flight (answered once it is durable) or the stored one.
    private async Task<JournalEntry> EntryOf(string key, long sequence) =>
        _inFlight.TryGetValue(key, out var original) ? await original : await LoadEntryAsync(sequence);

    private LedgerReply Refused(LedgerRejection rejection)
    {
        LedgerTelemetry.Rejections.Add(1, new KeyValuePair<string, object?>("code", rejection.Code.ToString()));
        return new LedgerReply(LedgerReplyStatus.Rejected, null, LedgerRequestMapper.ToDto(rejection));
    }
}
