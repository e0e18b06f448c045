using PvoFinance.Funding;
using PvoFinance.Grains.Sagas;
using PvoFinance.Ledger;

namespace PvoFinance.Grains.Funding;

/// <summary>
/// A distribution's parts committed together (docs/distribution.md): one hold per region in one saga, so all parts
/// stand or none. The parts of one budget year all live in that year's journal, so the journal reserves and posts
/// them in one batch, atomically.
/// </summary>
public sealed partial class FundingSourceGrain
{
    /// <inheritdoc />
    public async Task<FundingReply> CommitAll(string distributionId, int attempt, IReadOnlyList<CommitmentDto> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (attempt is < 0 or > DistributionLimits.MaxAttempts)
        {
            return FundingReply.Refused(FundingRefusalCode.LimitExceeded, "distributionId",
                $"Distribution '{distributionId}' was tried {DistributionLimits.MaxAttempts} times; use a new distribution id.");
        }
        var asked = parts.Select(ToCommitment).ToList();
        var made = new Dictionary<string, Commitment>(StringComparer.Ordinal);
        if (Definition is not null)
        {
            foreach (var c in asked)
            {
                if (await CommitmentRow(c.Id) is { Made: true } row)
                {
                    made[c.Id] = ToCommitment(row);
                }
            }
        }
        var pending = state.State.Pending.Where(p => asked.Any(a => a.Id == p.Key)).ToDictionary(p => p.Key, p => ToCommitment(p.Value), StringComparer.Ordinal);
        var decision = FundingSourceAggregate.DecideCommitAll(Definition, Id, asked, made, pending,
            state.State.CommitmentCount + state.State.Pending.Count, Catalog);
        if (decision.Refusal is { } refused)
        {
            return Refused(refused);
        }
        if (decision.Value!.AlreadyMade)
        {
            return FundingReply.Success(await Details());
        }
        var commitments = decision.Value.Commitments.Select(ToDto).ToList();
        SagaPlan PlanOf(int a) => SagaPlan.Of([.. commitments.SelectMany(c => c.Amounts.Select(y => new SagaMovement(
            SagaKeys.Commitment(c.CommitmentId, a), SagaMovementKind.Hold, FundingAccounts.Journal(Id, y.Key),
            FundingAccounts.Budget(Id, y.Key), null, FundingAccounts.Commitment(Id, y.Key, c.Region), new Money(y.Value),
            new NodaTime.LocalDate(y.Key, 1, 1), Trim(c.Purpose))))]);
        FundingReply RefusedFor(SagaRefusal r)
        {
            // The movement names the part, and so the region: the problem says which region could not be committed.
            var region = commitments.First(c => r.Movement.Id == SagaKeys.Commitment(c.CommitmentId, attempt)).Region;
            var field = $"parts.{region}";
            return r.Rejection.Code == nameof(RejectionCode.LimitExceeded)
                ? FundingReply.Refused(FundingRefusalCode.LimitExceeded, field, $"Region '{region}': the {r.Movement.ValueDate.Year} budget cannot carry this: {r.Rejection.Message}")
                : FundingReply.FromLedger(r.Rejection with { Message = $"Region '{region}': {r.Rejection.Message}" }, field);
        }
        var plan = PlanOf(attempt);
        if (pending.Count == 0)
        {
            // Every part is asked first: a part the journal would refuse refuses the distribution before anything is
            // reserved or remembered.
            if (await SagaExecutor.CheckAsync(GrainFactory, plan) is { } wouldRefuse)
            {
                return RefusedFor(wouldRefuse);
            }
            foreach (var c in commitments)
            {
                state.State.Pending[c.CommitmentId] = c;
            }
            await this.WriteOrDropAsync(state);
        }
        else
        {
            // Resuming after a crash: an earlier attempt may hold some parts; undo every earlier attempt (idempotent:
            // what was never made or is undone already is found so) before going forward with this one.
            for (var a = 0; a < attempt; a++)
            {
                await SagaExecutor.CompensateAsync(GrainFactory, PlanOf(a));
            }
        }
        var run = await SagaExecutor.RunAsync(GrainFactory, plan);
        if (!run.Done)
        {
            // Refused late (a race after the check): undo what any journal holds, then drop the intent. The caller's
            // next attempt books under new keys.
            await SagaExecutor.CompensateAsync(GrainFactory, plan);
            foreach (var c in commitments)
            {
                state.State.Pending.Remove(c.CommitmentId);
            }
            await this.WriteOrDropAsync(state);
            return RefusedFor(run.Refusal!);
        }
        foreach (var c in commitments)
        {
            foreach (var year in c.Amounts.Keys)
            {
                state.State.Years.Add(year);
            }
            state.State.Pending.Remove(c.CommitmentId);
            Made(c);
        }
        await Save();
        return FundingReply.Success(await Details());
    }
}
