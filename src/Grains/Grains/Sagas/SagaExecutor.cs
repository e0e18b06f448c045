using PvoFinance.Grains.Contracts;
using PvoFinance.Ledger;

namespace PvoFinance.Grains.Sagas;

/// <summary>
/// Runs a <see cref="SagaPlan"/> against the journals with the fewest sequential round trips: every journal is asked
/// at once about its whole batch (<see cref="CheckAsync"/>, in memory at the journal, no storage), every journal then gets its steps as one
/// batch at once (<see cref="RunAsync"/>: one durable append per journal, all in parallel), and only after a late
/// refusal are the movements undone (<see cref="CompensateAsync"/>). The owner (a transfer, a funding source, an
/// application) writes the saga's intent with its own state before <see cref="RunAsync"/> and decides, from what it
/// stored, whether a resumed saga goes forward or is compensated; see docs/ledger.md, "Sagas".
/// </summary>
public static class SagaExecutor
{
    /// <summary>
    /// The first refusal a journal would give a movement's first step now, or null. Nothing is recorded anywhere, so a
    /// refusal here needs no undoing. A key already used with the same content is no refusal (a resumed saga).
    /// </summary>
    public static async Task<SagaRefusal?> CheckAsync(IGrainFactory grains, SagaPlan plan)
    {
        var asks = plan.Forward.Select(j => grains.GetGrain<ILedgerGrain>(j.Journal)
            .CheckBatch([.. j.Steps.Select(s => LedgerRequestMapper.ToRequest(s.Command))])).ToList();
        var answers = await Task.WhenAll(asks);
        for (var j = 0; j < answers.Length; j++)
        {
            if (!answers[j].Succeeded)
            {
                var steps = plan.Forward[j].Steps;
                return new SagaRefusal(steps[Math.Clamp(answers[j].RefusedIndex ?? 0, 0, steps.Count - 1)].Movement, plan.Forward[j].Journal, answers[j].Rejection!);
            }
        }
        return null;
    }

    /// <summary>
    /// Sends every journal its forward steps as one batch, all journals in parallel, and waits for all of them. A refusal
    /// of a batch leaves that journal untouched; the others may hold their part, which the caller then compensates
    /// (after recording that it does). A failure to reach a journal (storage, timeout) throws once every batch has
    /// answered, with the saga's intent still open: running the same plan again finishes it.
    /// </summary>
    public static async Task<SagaRun> RunAsync(IGrainFactory grains, SagaPlan plan)
    {
        var batches = plan.Forward.Select(j => grains.GetGrain<ILedgerGrain>(j.Journal)
            .ExecuteBatch([.. j.Steps.Select(s => LedgerRequestMapper.ToRequest(s.Command))])).ToList();
        // Waits for every batch; a failure of any is thrown once all have answered.
        await Task.WhenAll(batches);
        var entries = new Dictionary<(string, string), long>();
        for (var j = 0; j < plan.Forward.Count; j++)
        {
            var journal = plan.Forward[j];
            var reply = batches[j].Result;
            if (!reply.Succeeded)
            {
                var step = journal.Steps[Math.Clamp(reply.RefusedIndex ?? 0, 0, journal.Steps.Count - 1)];
                return new SagaRun(new SagaRefusal(step.Movement, journal.Journal, reply.Rejection!), entries);
            }
            for (var i = 0; i < reply.Replies.Count; i++)
            {
                entries[(journal.Journal, journal.Steps[i].Command.Key)] = reply.Replies[i].Sequence;
            }
        }
        return new SagaRun(null, entries);
    }

    /// <summary>
    /// Undoes every movement of <paramref name="plan"/> in every journal: voids a reservation still open, reverses a
    /// posted entry, each under its own key (<see cref="SagaKeys.Void"/>, <see cref="SagaKeys.Undo"/>), journals in
    /// parallel, steps within a journal in order as one batch of independent entries (<see cref="ILedgerGrain.Submit"/>). A step with nothing to undo (never made, or undone before) counts as
    /// done, so running it again after a crash is safe. Any other refusal throws: the journals were changed by hand.
    /// </summary>
    public static async Task CompensateAsync(IGrainFactory grains, SagaPlan plan)
    {
        await Task.WhenAll(plan.Compensation.Select(async journal =>
        {
            // The journal's undo steps as one batch of independent entries, decided in order and stored together: one
            // durable wait per journal instead of one per step.
            var result = await grains.GetGrain<ILedgerGrain>(journal.Journal).Submit([.. journal.Steps.Select(s => LedgerRequestMapper.ToRequest(s.Command))]);
            if (result.Rejection is { } whole)
            {
                throw new InvalidOperationException($"Undoing in {journal.Journal} was refused: {whole.Code} {whole.Message}");
            }
            for (var i = 0; i < journal.Steps.Count; i++)
            {
                var outcome = result.Outcomes[i];
                if (!outcome.Succeeded && !(Enum.TryParse<RejectionCode>(outcome.Rejection!.Code, out var code) && SagaPlan.IsNothingToUndo(code)))
                {
                    throw new InvalidOperationException(
                        $"Undoing '{journal.Steps[i].Command.Key}' in {journal.Journal} was refused: {outcome.Rejection.Code} {outcome.Rejection.Message}");
                }
            }
        }));
    }
}
