namespace PvoFinance.Funding;

/// <summary>What a distribution is asked to do (the caller's request, before the regions are weighed).</summary>
/// <param name="Id">The caller's id; the same id with the same request is the same distribution.</param>
/// <param name="Year">The budget year committed.</param>
/// <param name="Rule">How the regions are weighed.</param>
/// <param name="Total">The whole amount, in cents.</param>
/// <param name="BaseCents">Each region's base (<see cref="DistributionRule.BasePlusPerInhabitant"/> only; else 0).</param>
/// <param name="ScenarioId">The scenario whose figures weigh the regions (<see cref="DistributionRule.Scenario"/> only).</param>
/// <param name="ScenarioVersion">Its version (<see cref="DistributionRule.Scenario"/> only).</param>
/// <param name="Pay">True when every part is also paid at once (through the intermediary where the source has one).</param>
public sealed record DistributionRequest(string Id, int Year, DistributionRule Rule, long Total, long BaseCents, string? ScenarioId, int? ScenarioVersion, bool Pay);

/// <summary>One region as the distribution reads it.</summary>
/// <param name="RegionId">The region.</param>
/// <param name="Name">Its name.</param>
/// <param name="Inhabitants">Inhabitants counted (for a provincial fund: in the province only), or null when no year is recorded.</param>
/// <param name="PopulationYear">The reference year of the count (latest recorded year not after the budget year), or null.</param>
/// <param name="ScenarioCents">The scenario's figure for the region and year (scenario rule), or null.</param>
public sealed record DistributionRegion(string RegionId, string Name, long? Inhabitants, int? PopulationYear, long? ScenarioCents);

/// <summary>One region's part.</summary>
/// <param name="RegionId">The region.</param>
/// <param name="Name">Its name.</param>
/// <param name="Weight">What weighed it: inhabitants, or the scenario's cents.</param>
/// <param name="PopulationYear">The reference year of the inhabitants, or null for the scenario rule.</param>
/// <param name="BaseCents">The base in the part (base plus per inhabitant), else 0.</param>
/// <param name="Cents">The part.</param>
public sealed record DistributionPart(string RegionId, string Name, long Weight, int? PopulationYear, long BaseCents, long Cents);

/// <summary>A distribution worked out: the request and its parts, which add up to the total exactly.</summary>
/// <param name="Request">The request.</param>
/// <param name="Parts">One part per region, by region id.</param>
public sealed record DistributionPlan(DistributionRequest Request, IReadOnlyList<DistributionPart> Parts);

/// <summary>Why a distribution cannot be worked out: the field at fault and why.</summary>
/// <param name="Field">The request's field (<c>total</c>, <c>base</c>, <c>year</c>, <c>regions.limburg</c>, …).</param>
/// <param name="Reason">A sentence for a person.</param>
public sealed record DistributionProblem(string Field, string Reason);

/// <summary>
/// Works a distribution out: the regions' weights by the rule, then the exact split (<see cref="DistributionSplit"/>).
/// Plain C#, no I/O: the caller reads the regions (inhabitants from the region's population history, the scenario's
/// figures from a projection run) and the source's budget.
/// </summary>
public static class DistributionPlanner
{
    /// <summary>The latest recorded population year not after <paramref name="year"/>, or null when none is (the levy's rule, without its fallback to a later year: a distribution never weighs a year by a count taken after it).</summary>
    public static int? ReferenceYear(IEnumerable<int> recordedYears, int year)
    {
        ArgumentNullException.ThrowIfNull(recordedYears);
        var before = recordedYears.Where(y => y <= year).ToList();
        return before.Count == 0 ? null : before.Max();
    }

    /// <summary>The parts of <paramref name="request"/> over <paramref name="regions"/>, or the problem.</summary>
    public static (DistributionPlan? Plan, DistributionProblem? Problem) Plan(DistributionRequest request, IReadOnlyList<DistributionRegion> regions)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(regions);
        if (!DistributionLimits.IsValidId(request.Id))
        {
            return Fail("distributionId", $"A distribution id has 1..{DistributionLimits.MaxIdChars} characters a-z, 0-9 and '-', not starting with '-'.");
        }
        if (request.Year is < FundingSourceAggregate.FirstYear or > FundingSourceAggregate.LastYear)
        {
            return Fail("year", $"A budget year is between {FundingSourceAggregate.FirstYear} and {FundingSourceAggregate.LastYear}.");
        }
        if (request.Total is <= 0 or > Money.MaxCents)
        {
            return Fail("total", "The total to distribute is positive.");
        }
        if (regions.Count is 0 or > DistributionLimits.MaxRegions)
        {
            return Fail("regions", $"A distribution spreads over 1..{DistributionLimits.MaxRegions} regions; this source reaches none.");
        }
        if (request.Rule != DistributionRule.BasePlusPerInhabitant && request.BaseCents != 0)
        {
            return Fail("base", "Only the rule base-plus-per-inhabitant has a base.");
        }
        if (request.BaseCents < 0)
        {
            return Fail("base", "A base is zero or more.");
        }
        var baseTotal = (Int128)request.BaseCents * regions.Count;
        if (baseTotal > request.Total)
        {
            return Fail("base", $"{regions.Count} regions × {new Money(request.BaseCents)} base is more than the total {new Money(request.Total)}.");
        }
        if (request.Rule == DistributionRule.Scenario)
        {
            if (regions.FirstOrDefault(r => r.ScenarioCents is null or < 0) is { } missing)
            {
                return Fail($"regions.{missing.RegionId}", $"The scenario has no figure for {missing.Name} in {request.Year}.");
            }
            if (regions.All(r => r.ScenarioCents == 0))
            {
                return Fail("scenario", $"Scenario '{request.ScenarioId}' version {request.ScenarioVersion} gives no money to any of these regions in {request.Year}; its figures cannot weigh a distribution.");
            }
        }
        else if (regions.FirstOrDefault(r => r.Inhabitants is null or <= 0 || r.PopulationYear is null) is { } uncounted)
        {
            return Fail($"regions.{uncounted.RegionId}", uncounted.PopulationYear is null
                ? $"{uncounted.Name} has no population recorded for {request.Year} or a year before it; record the CBS count first."
                : $"{uncounted.Name} has no inhabitants counted here, so it cannot be weighed per inhabitant.");
        }
        long WeightOf(DistributionRegion r) => request.Rule == DistributionRule.Scenario ? r.ScenarioCents!.Value : r.Inhabitants!.Value;
        var rest = request.Total - (long)baseTotal;
        var split = rest == 0 ? regions.Select(r => (r.RegionId, Cents: 0L)).ToList()
            : DistributionSplit.Split(rest, [.. regions.Select(r => (r.RegionId, WeightOf(r)))]);
        var byId = regions.ToDictionary(r => r.RegionId, StringComparer.Ordinal);
        var parts = split.OrderBy(s => s.RegionId, StringComparer.Ordinal).Select(s =>
        {
            var r = byId[s.RegionId];
            return new DistributionPart(r.RegionId, r.Name, WeightOf(r), request.Rule == DistributionRule.Scenario ? null : r.PopulationYear,
                request.BaseCents, request.BaseCents + s.Cents);
        }).ToList();
        // The whole is the sum of the parts, to the cent, always (asserted, not assumed).
        if (parts.Sum(p => p.Cents) != request.Total)
        {
            throw new InvalidOperationException("Invariant broken: the parts of a distribution do not add up to its total.");
        }
        return (new DistributionPlan(request, parts), null);
    }

    private static (DistributionPlan?, DistributionProblem?) Fail(string field, string reason) => (null, new DistributionProblem(field, reason));
}
