using System.Diagnostics;
using PvoFinance.Grains.Contracts;
using PvoFinance.Ledger;
using PvoFinance.Telemetry;

namespace PvoFinance.Grains;

/// <summary>A batch of independent entries and linked chains in one call: each stands alone unless linked to the next.</summary>
public sealed partial class LedgerGrain
{
    /// <inheritdoc />
    public async Task<LedgerBatchResult> Submit(IReadOnlyList<LedgerRequest> requests)
    {
        using var activity = LedgerTelemetry.Source.StartActivity("ledger.submit");
        activity?.SetTag("pvo.journal", Id);
        activity?.SetTag("pvo.entries", requests?.Count ?? 0);
        ThrowIfBroken();
        if (requests is null || requests.Count is 0 or > LedgerBatchLimits.MaxCommands)
        {
            return new LedgerBatchResult([], Refused(new LedgerRejection(RejectionCode.Invalid, "requests", $"A batch has 1..{LedgerBatchLimits.MaxCommands} requests.")).Rejection);
        }
        for (var i = 0; i < requests.Count; i++)
        {
            if (requests[i] is null)
            {
                return new LedgerBatchResult([], Refused(new LedgerRejection(RejectionCode.Invalid, $"requests[{i}]", "A request is missing.")).Rejection);
            }
        }
        var outcomes = new LedgerOutcome?[requests.Count];
        // A chain with a malformed request is refused whole here; the others go to the journal, in order.
        var kept = new List<int>(requests.Count);
        foreach (var (start, length) in Journal.ChainsOf([.. requests.Select(r => r.LinkedToNext)]))
        {
            var mapped = Enumerable.Range(start, length).Select(i => (i, LedgerRequestMapper.ToCommand(requests[i]))).ToList();
            if (mapped.FirstOrDefault(m => m.Item2.Command is null) is { Item2.Rejection: { } invalid } bad)
            {
                foreach (var (i, _) in mapped)
                {
                    outcomes[i] = i == bad.i ? new Rejected(invalid) : new ChainRefused(bad.i, invalid);
                }
                continue;
            }
            kept.AddRange(Enumerable.Range(start, length));
        }
        var commands = kept.Select(i => LedgerRequestMapper.ToCommand(requests[i]).Command!).ToList();
        await MakeRoomAsync(commands.Count);
        var referenced = new JournalEntry?[commands.Count];
        while (!Resolved(commands, referenced))
        {
            await PrepareAsync(commands, referenced);
        }
        var decided = _journal.ExecuteChains(commands, [.. kept.Select(i => requests[i].LinkedToNext)], clock.GetCurrentInstant(), referenced);
        var answers = new Task<JournalEntry>?[requests.Count];
        var anyNew = false;
        for (var k = 0; k < kept.Count; k++)
        {
            var i = kept[k];
            // The journal counts in the commands it was given; a chain mate names the request at fault by its place in the batch.
            outcomes[i] = decided[k] is ChainRefused mate ? mate with { AtFault = kept[mate.AtFault] } : decided[k];
            switch (decided[k])
            {
                case Committed c:
                    // A chain ends its group, so an append never splits it; independent entries each end their own.
                    answers[i] = Enqueue(c.Entry, endsGroup: !requests[i].LinkedToNext);
                    anyNew = true;
                    break;
                case Duplicate d:
                    LedgerTelemetry.Replays.Add(1);
                    answers[i] = EntryOf(commands[k].Key, d.Sequence);
                    break;
            }
        }
        if (anyNew)
        {
            _flusher ??= FlushAsync();
        }
        else
        {
            // Refusals decided against entries not yet durable only stand once they are (as for one command).
            await AwaitQueuedAsync();
        }
        var result = new EntryOutcomeDto[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            result[i] = outcomes[i] switch
            {
                Committed => Slim(LedgerReplyStatus.Committed, await answers[i]!),
                Duplicate => Slim(LedgerReplyStatus.Replayed, await answers[i]!),
                Rejected r => new EntryOutcomeDto(LedgerReplyStatus.Rejected, 0, null, InRequest(i, Refused(r.Rejection).Rejection!)),
                // A chain mate of a refused request: the refusal of the request at fault, with that request's index.
                ChainRefused c => new EntryOutcomeDto(LedgerReplyStatus.Rejected, 0, null, InRequest(c.AtFault, LedgerRequestMapper.ToDto(c.Rejection))),
                _ => throw new UnreachableException(),
            };
        }
        return new LedgerBatchResult(result, null);
    }

    private static EntryOutcomeDto Slim(LedgerReplyStatus status, JournalEntry entry) => new(status, entry.Sequence, entry.Hash, null);

    // A refusal's field in request terms: which request of the batch, then the field within it.
    private static RejectionDto InRequest(int index, RejectionDto rejection) => rejection with { Field = $"requests[{index}].{rejection.Field}" };
}
