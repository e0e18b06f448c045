using System.Diagnostics;
using PvoFinance.Grains.Contracts;
using PvoFinance.Ledger;
using PvoFinance.Telemetry;

namespace PvoFinance.Grains;

/// <summary>Several commands in one journal as one group: all or none, durable in one append (a saga's steps).</summary>
public sealed partial class LedgerGrain
{
    /// <summary>
    /// Most requests in one all-or-none batch. A saga sends at most two per movement (<see cref="SagaPlan.MaxStepsPerJournal"/>); an
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
        for (var i = 0; i < requests.Count; i++)
        {
            var (command, invalid) = LedgerRequestMapper.ToCommand(requests[i]);
            if (command is null)
            {
                return RefusedBatch(i, invalid!);
            }
            commands[i] = command;
        }
        await MakeRoomAsync(commands.Length);
        var referenced = new JournalEntry?[commands.Length];
        while (!Resolved(commands, referenced))
        {
            await PrepareAsync(commands, referenced);
        }
        var outcome = _journal.ExecuteAll(commands, clock.GetCurrentInstant(), referenced);
        if (!outcome.Accepted)
        {
            await AwaitQueuedAsync();
            return RefusedBatch(outcome.RefusedIndex!.Value, outcome.Rejection!);
        }
        // Queue the new entries as one group (only the last ends it), then wait for each answer: they land in one append.
        var answers = new Task<JournalEntry>[commands.Length];
        var statuses = new LedgerReplyStatus[commands.Length];
        var lastNew = outcome.Outcomes.Select((o, i) => (o, i)).LastOrDefault(x => x.o is Committed, (null!, -1)).i;
        for (var i = 0; i < commands.Length; i++)
        {
            switch (outcome.Outcomes[i])
            {
                case Committed c:
                    answers[i] = Enqueue(c.Entry, endsGroup: i == lastNew);
                    statuses[i] = LedgerReplyStatus.Committed;
                    break;
                case Duplicate d:
                    LedgerTelemetry.Replays.Add(1);
                    answers[i] = EntryOf(commands[i].Key, d.Sequence);
                    statuses[i] = LedgerReplyStatus.Replayed;
                    break;
                default:
                    throw new UnreachableException();
            }
        }
        if (lastNew >= 0)
        {
            _flusher ??= FlushAsync();
        }
        var entries = await Task.WhenAll(answers);
        return new LedgerBatchReply([.. entries.Select((e, i) => Reply(statuses[i], e, withEntry: false))], null, null);
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
        while (!Resolved(commands, new JournalEntry?[commands.Count]))
        {
            await PrepareAsync(commands, new JournalEntry?[commands.Count]);
        }
        var outcome = _journal.CheckAll(commands, clock.GetCurrentInstant());
        // A movement refused at its check is refused by the ledger as surely as at its append: counted the same way.
        return outcome.Accepted
            ? new LedgerBatchReply([], null, null)
            : RefusedBatch(outcome.RefusedIndex!.Value, outcome.Rejection!);
    }

    private LedgerBatchReply RefusedBatch(int index, LedgerRejection rejection) => new([], index, Refused(rejection).Rejection);
}
