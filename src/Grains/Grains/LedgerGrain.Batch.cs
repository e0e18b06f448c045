using System.Diagnostics;
using PvoFinance.Grains.Contracts;
using PvoFinance.Ledger;
using PvoFinance.Telemetry;

namespace PvoFinance.Grains;

/// <summary>Several commands in one journal as one group: all or none, durable in one append.</summary>
public sealed partial class LedgerGrain
{
    /// <summary>
    /// Most requests in one batch. A saga sends at most two per movement (<see cref="SagaPlan.MaxStepsPerJournal"/>); an
    /// entry is at most a few kilobytes (64 postings, a 500-character memo), so a whole batch fits one table transaction
    /// (<see cref="PvoFinance.Storage.JournalLimits.MaxRecordsPerAppend"/> records, <see cref="PvoFinance.Storage.JournalLimits.MaxAppendBytes"/>) and is never split.
    /// </summary>
    public const int MaxBatchRequests = SagaPlan.MaxStepsPerJournal;

    /// <inheritdoc />
    public async Task<LedgerBatchReply> ExecuteBatch(IReadOnlyList<LedgerRequest> requests)
    {
        using var activity = LedgerTelemetry.Source.StartActivity("ledger.execute-batch");
        activity?.SetTag("pvo.journal", Id);
        activity?.SetTag("pvo.entries", requests?.Count ?? 0);
        ThrowIfBroken();
        if (requests is null || requests.Count is 0 or > MaxBatchRequests)
        {
            return RefusedBatch(0, new LedgerRejection(RejectionCode.Invalid, "requests", $"A batch has 1..{MaxBatchRequests} requests."));
        }
        var commands = new LedgerCommand[requests.Count];
        var referenced = new JournalEntry?[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            var (command, invalid) = LedgerRequestMapper.ToCommand(requests[i]);
            if (command is null)
            {
                return RefusedBatch(i, invalid!);
            }
            commands[i] = command;
        }
        // Keys older than those the journal holds in memory are looked up first, and reversals' targets loaded, until a
        // pass needs no storage: the batch is then decided with no await in between, so nothing else is decided meanwhile.
        while (true)
        {
            await LookUpKeysAsync(commands);
            for (var i = 0; i < commands.Length; i++)
            {
                referenced[i] = commands[i] is ReverseEntry reverse && _journal.SequenceOf(reverse.EntryKey) is { } target ? await LoadEntryAsync(target) : null;
            }
            ThrowIfBroken();
            if (commands.All(c => _journal.KeysToLookUp(c).Count == 0))
            {
                break;
            }
        }
        var outcome = _journal.ExecuteAll(commands, clock.GetCurrentInstant(), referenced);
        if (!outcome.Accepted)
        {
            // As for one command: a refusal decided against entries not yet durable only stands once they are.
            if (_queue.Count > 0)
            {
                await WaitQuietly(_queue[^1].Done.Task);
                ThrowIfBroken();
            }
            return RefusedBatch(outcome.RefusedIndex!.Value, outcome.Rejection!);
        }
        // Queue the new entries as one group (only the last ends it), then wait for each answer: they land in one append.
        var answers = new Task<LedgerReply>[commands.Length];
        var committed = outcome.Outcomes.Select((o, i) => (o, i)).Where(x => x.o is Committed).Select(x => x.i).ToList();
        for (var i = 0; i < commands.Length; i++)
        {
            switch (outcome.Outcomes[i])
            {
                case Committed c:
                    var accepted = new Accepted(c.Entry, new TaskCompletionSource<LedgerReply>(TaskCreationOptions.RunContinuationsAsynchronously), EndsGroup: i == committed[^1]);
                    _queue.Add(accepted);
                    _inFlight[c.Entry.Key] = accepted.Done.Task;
                    Remember(c.Entry);
                    answers[i] = accepted.Done.Task;
                    break;
                case Duplicate d:
                    LedgerTelemetry.Replays.Add(1);
                    answers[i] = _inFlight.TryGetValue(commands[i].Key, out var original)
                        ? Replayed(original)
                        : Replayed(d.Sequence);
                    break;
                default:
                    throw new UnreachableException();
            }
        }
        if (committed.Count > 0)
        {
            _flusher ??= FlushAsync();
        }
        return new LedgerBatchReply(await Task.WhenAll(answers), null, null);
    }

    /// <inheritdoc />
    public async Task<LedgerBatchReply> CheckBatch(IReadOnlyList<LedgerRequest> requests)
    {
        ThrowIfBroken();
        if (requests is null || requests.Count is 0 or > MaxBatchRequests)
        {
            return RefusedBatch(0, new LedgerRejection(RejectionCode.Invalid, "requests", $"A batch has 1..{MaxBatchRequests} requests."));
        }
        var commands = new List<LedgerCommand>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            var (command, invalid) = LedgerRequestMapper.ToCommand(requests[i]);
            if (command is null)
            {
                return new LedgerBatchReply([], i, LedgerRequestMapper.ToDto(invalid!));
            }
            if (command is not ReverseEntry)
            {
                commands.Add(command);
            }
        }
        do
        {
            await LookUpKeysAsync(commands);
            ThrowIfBroken();
        }
        while (commands.Any(c => _journal.KeysToLookUp(c).Count > 0));
        var outcome = _journal.CheckAll(commands, clock.GetCurrentInstant());
        // A movement refused at its check is refused by the ledger as surely as at its append: counted the same way.
        return outcome.Accepted
            ? new LedgerBatchReply([], null, null)
            : RefusedBatch(outcome.RefusedIndex!.Value, outcome.Rejection!);
    }

    private async Task LookUpKeysAsync(IEnumerable<LedgerCommand> commands)
    {
        foreach (var command in commands)
        {
            await LookUpKeysAsync(command);
        }
    }

    private static async Task<LedgerReply> Replayed(Task<LedgerReply> original) => (await original) with { Status = LedgerReplyStatus.Replayed };

    private async Task<LedgerReply> Replayed(long sequence) =>
        new(LedgerReplyStatus.Replayed, LedgerRequestMapper.ToDto(Id, await LoadEntryAsync(sequence)), null);

    private LedgerBatchReply RefusedBatch(int index, LedgerRejection rejection) => new([], index, Refused(rejection).Rejection);
}
