using PvoFinance.Funding;
using PvoFinance.Grains.Funding;

namespace PvoFinance.Grains.Distribution;

/// <summary>
/// A distribution (docs/distribution.md). Thin: the parts are worked out by <see cref="DistributionPlanner"/> before they
/// get here, and the funding source decides and books them (<see cref="IFundingSourceGrain.CommitAll"/>, then
/// <see cref="IFundingSourceGrain.Pay"/> per part). This grain holds the intent, so a retry resumes the same
/// distribution: each commit attempt is counted before it starts (a crashed attempt is undone by the next), and the
/// payments are keyed by the part, so paying again after a crash pays nothing twice.
/// </summary>
public sealed class DistributionGrain(
    [PersistentState("distribution", StorageNames.Funding)] IPersistentState<DistributionState> state) : Grain, IDistributionGrain
{
    /// <inheritdoc />
    public async Task<DistributionReply> Commit(DistributionDto distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        var s = state.State;
        if (s.Distribution is { } known && !known.SameRequest(distribution))
        {
            return Refused(FundingReply.Refused(FundingRefusalCode.IdempotencyConflict, "distributionId",
                $"Distribution '{distribution.Id}' was {(s.Committed ? "made" : "begun")} with another request; choose another distribution id."));
        }
        var alreadyMade = s.Committed;
        var source = GrainFactory.GetGrain<IFundingSourceGrain>(distribution.SourceId);
        if (!s.Committed)
        {
            // The intent and the attempt are stored before any entry: the stored parts are the ones committed, even when
            // the counts changed before a retry.
            s.Distribution ??= distribution;
            s.Attempt++;
            await this.WriteOrDropAsync(state);
            var d = s.Distribution;
            var parts = d.Parts.Where(p => p.Cents > 0).Select(p => new CommitmentDto(DistributionLimits.PartId(d.Id, p.RegionId), p.RegionId,
                new Dictionary<int, long> { [d.Year] = p.Cents }, $"Distribution {d.Id} {d.Year} ({d.Rule})")).ToList();
            var reply = await source.CommitAll(d.Id, s.Attempt - 1, parts);
            if (!reply.Ok)
            {
                // Nothing is committed: forget the request, so the id may be used again with another one.
                s.Distribution = null;
                await this.WriteOrDropAsync(state);
                return Refused(reply);
            }
            s.Committed = true;
            await this.WriteOrDropAsync(state);
        }
        var stored = s.Distribution!;
        if (stored.Pay && !s.Paid)
        {
            foreach (var part in stored.Parts.Where(p => p.Cents > 0))
            {
                // Keyed by the part: a payment made before is resumed, not made again.
                var paid = await source.Pay(DistributionLimits.PartId(stored.Id, part.RegionId), part.RegionId, stored.Year, part.Cents);
                if (!paid.Ok)
                {
                    return Refused(paid with { Field = $"parts.{part.RegionId}", Message = $"Committed, but the payment to '{part.RegionId}' failed (retry the same request to finish): {paid.Message}" });
                }
            }
            s.Paid = true;
            await this.WriteOrDropAsync(state);
        }
        return new DistributionReply(Record(), null, alreadyMade);
    }

    /// <inheritdoc />
    public Task<DistributionRecordDto?> Get() => Task.FromResult(state.State.Committed ? Record() : null);

    private DistributionRecordDto Record() =>
        new(state.State.Distribution!, state.State.Paid ? DistributionStatus.Paid : DistributionStatus.Committed);

    private static DistributionReply Refused(FundingReply reply) => new(null, reply, false);
}
