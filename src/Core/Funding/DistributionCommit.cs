namespace PvoFinance.Funding;

/// <summary>The rule of committing a distribution's parts together: each part is a commitment, and all stand or none.</summary>
public static partial class FundingSourceAggregate
{
    /// <summary>
    /// Whether the commitments <paramref name="asked"/> (a distribution's parts with money, one per region) may be made
    /// together. Each is decided as <see cref="DecideCommit"/> decides one (<paramref name="made"/> and
    /// <paramref name="pending"/>: what is known under each id); the first refusal refuses them all and names the region
    /// (field <c>parts.&lt;region&gt;</c>). When every part was made before with the same content the answer is
    /// <c>AlreadyMade</c>; when only some were, the ids were used by someone else and the distribution is refused.
    /// </summary>
    public static FundingDecision<CommitAllPlan> DecideCommitAll(FundingSourceDefinition? d, string sourceId, IReadOnlyList<Commitment> asked,
        IReadOnlyDictionary<string, Commitment> made, IReadOnlyDictionary<string, Commitment> pending, long count, Regions.RegionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(asked);
        ArgumentNullException.ThrowIfNull(made);
        ArgumentNullException.ThrowIfNull(pending);
        if (asked.Count is 0 or > DistributionLimits.MaxRegions)
        {
            return FundingRefusal.Invalid("parts", $"A distribution commits 1..{DistributionLimits.MaxRegions} parts.");
        }
        if (asked.Select(c => c.Region).Distinct(StringComparer.Ordinal).Count() != asked.Count)
        {
            return FundingRefusal.Invalid("parts", "A distribution commits one part per region.");
        }
        var plans = new List<CommitPlan>(asked.Count);
        var newOnes = 0;
        foreach (var c in asked)
        {
            var isPending = pending.TryGetValue(c.Id, out var p);
            var decision = DecideCommit(d, sourceId, c, made.GetValueOrDefault(c.Id), p, count + (isPending ? 0 : newOnes), catalog);
            if (decision.Refusal is { } refused)
            {
                return refused with { Field = $"parts.{c.Region}", Message = $"Region '{c.Region}': {refused.Message}" };
            }
            newOnes += decision.Value!.AlreadyMade || isPending ? 0 : 1;
            plans.Add(decision.Value);
        }
        var madeBefore = plans.Count(p => p.AlreadyMade);
        if (madeBefore > 0 && madeBefore < plans.Count)
        {
            var first = plans.First(p => p.AlreadyMade).Commitment;
            return new FundingRefusal(FundingRefusalCode.IdempotencyConflict, $"parts.{first.Region}",
                $"Region '{first.Region}': commitment '{first.Id}' already exists outside this distribution; choose another distribution id.");
        }
        return new CommitAllPlan([.. plans.Select(p => p.Commitment)], AlreadyMade: madeBefore == plans.Count);
    }
}

/// <summary>What committing a distribution's parts leads to: commitments to reserve together, or the answer of those made before.</summary>
/// <param name="Commitments">The commitments, one per region.</param>
/// <param name="AlreadyMade">True when every one was made before with the same content: nothing is booked again.</param>
public sealed record CommitAllPlan(IReadOnlyList<Commitment> Commitments, bool AlreadyMade);
