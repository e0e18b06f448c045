using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PvoFinance.Funding;
using PvoFinance.Regions;

namespace PvoFinance.Core.Tests.Funding;

/// <summary>
/// A distribution of a budget year over the regions (<see cref="DistributionPlanner"/>, <see cref="DistributionSplit"/>)
/// and the all-or-nothing decision on its parts (<see cref="FundingSourceAggregate.DecideCommitAll"/>).
/// </summary>
public sealed class DistributionTests
{
    private static readonly RegionCatalog Catalog = RegionCatalog.Shipped;

    // The ten regions with the shipped CBS counts of 1 January 2024, as the API reads them for a national scheme.
    private static IReadOnlyList<DistributionRegion> TenRegions() =>
        [.. RegionDefinition.All.Select(r => new DistributionRegion(r.Id, r.Name, Catalog.MunicipalitiesOf(r.Id).Sum(m => (long)m.Inhabitants), 2024, null))];

    private static DistributionRequest Request(long total, DistributionRule rule = DistributionRule.PerInhabitant, long baseCents = 0) =>
        new("ccv-2026", 2026, rule, total, baseCents, rule == DistributionRule.Scenario ? "s" : null, rule == DistributionRule.Scenario ? 1 : null, Pay: true);

    [Fact]
    public void Ten_million_per_inhabitant_over_the_ten_regions_adds_up_to_exactly_ten_million()
    {
        var (plan, problem) = DistributionPlanner.Plan(Request(10_000_000_00), TenRegions());
        Assert.Null(problem);
        Assert.Equal(10, plan!.Parts.Count);
        Assert.Equal(10_000_000_00, plan.Parts.Sum(p => p.Cents));
        var inhabitants = TenRegions().Sum(r => r.Inhabitants!.Value);
        foreach (var part in plan.Parts)
        {
            // Within one cent of the exact share (total × inhabitants / all inhabitants).
            var exact = (decimal)10_000_000_00 * part.Weight / inhabitants;
            Assert.True(Math.Abs(part.Cents - exact) < 1m, $"{part.RegionId}: {part.Cents} vs {exact}");
            Assert.Equal(2024, part.PopulationYear);
        }
        Assert.Equal(plan.Parts.Select(p => p.RegionId).Order(StringComparer.Ordinal), plan.Parts.Select(p => p.RegionId));
    }

    [Fact]
    public void Ties_go_to_the_region_whose_id_sorts_first()
    {
        // Three equal weights and one cent left over after the floors: it goes to "a-region", whatever the order given.
        var parts = DistributionSplit.Split(100, [("c-region", 1), ("a-region", 1), ("b-region", 1)]);
        Assert.Equal([("a-region", 34L), ("b-region", 33L), ("c-region", 33L)], parts);
    }

    [Fact]
    public void A_base_for_every_region_then_the_rest_per_inhabitant()
    {
        var (plan, problem) = DistributionPlanner.Plan(Request(10_000_000_00, DistributionRule.BasePlusPerInhabitant, 250_000_00), TenRegions());
        Assert.Null(problem);
        Assert.Equal(10_000_000_00, plan!.Parts.Sum(p => p.Cents));
        Assert.All(plan.Parts, p => Assert.True(p.Cents > 250_000_00));
        var perInhabitant = DistributionPlanner.Plan(Request(7_500_000_00), TenRegions()).Plan!.Parts;
        Assert.Equal(perInhabitant.Select(p => p.Cents + 250_000_00), plan.Parts.Select(p => p.Cents));
    }

    [Fact]
    public void The_scenario_figures_come_out_unchanged_when_the_total_is_their_sum()
    {
        long[] figures = [123_456_78, 0, 98_765_43, 1_00, 500_000_00, 77_777_77, 3, 250_000_00, 1_234_567_89, 42_00];
        var regions = TenRegions().Select((r, i) => r with { ScenarioCents = figures[i] }).ToList();
        var (plan, problem) = DistributionPlanner.Plan(Request(figures.Sum(), DistributionRule.Scenario), regions);
        Assert.Null(problem);
        Assert.Equal(regions.OrderBy(r => r.RegionId, StringComparer.Ordinal).Select(r => r.ScenarioCents!.Value), plan!.Parts.Select(p => p.Cents));
        Assert.All(plan.Parts, p => Assert.Null(p.PopulationYear));
    }

    [Fact]
    public void Bad_requests_name_the_field()
    {
        Assert.Equal("total", DistributionPlanner.Plan(Request(0), TenRegions()).Problem!.Field);
        Assert.Equal("base", DistributionPlanner.Plan(Request(1_000_00, DistributionRule.BasePlusPerInhabitant, 101_00), TenRegions()).Problem!.Field);
        Assert.Equal("base", DistributionPlanner.Plan(Request(1_000_00, DistributionRule.PerInhabitant, 1_00), TenRegions()).Problem!.Field);
        Assert.Equal("distributionId", DistributionPlanner.Plan(Request(1_00) with { Id = "Bad Id" }, TenRegions()).Problem!.Field);
        Assert.Equal("year", DistributionPlanner.Plan(Request(1_00) with { Year = 1999 }, TenRegions()).Problem!.Field);
        Assert.Equal("regions", DistributionPlanner.Plan(Request(1_00), []).Problem!.Field);
        var uncounted = TenRegions().Select(r => r.RegionId == "limburg" ? r with { Inhabitants = null, PopulationYear = null } : r).ToList();
        var noCount = DistributionPlanner.Plan(Request(1_00), uncounted).Problem!;
        Assert.Equal("regions.limburg", noCount.Field);
        Assert.Contains("no population recorded for 2026", noCount.Reason, StringComparison.Ordinal);
        var nothing = TenRegions().Select(r => r with { ScenarioCents = 0 }).ToList();
        Assert.Equal("scenario", DistributionPlanner.Plan(Request(1_00, DistributionRule.Scenario), nothing).Problem!.Field);
        Assert.Equal("regions.limburg", DistributionPlanner.Plan(Request(1_00, DistributionRule.Scenario),
            TenRegions().Select(r => r with { ScenarioCents = r.RegionId == "limburg" ? null : 1 }).ToList()).Problem!.Field);
    }

    [Fact]
    public void The_reference_year_is_the_latest_recorded_not_after_the_budget_year()
    {
        Assert.Equal(2024, DistributionPlanner.ReferenceYear([2024], 2026));
        Assert.Equal(2026, DistributionPlanner.ReferenceYear([2024, 2026, 2027], 2026));
        Assert.Null(DistributionPlanner.ReferenceYear([2024], 2023));
    }

    [Property(MaxTest = 300)]
    public Property Parts_sum_to_the_whole_within_a_cent_of_their_share_whatever_the_order() =>
        Prop.ForAll(
            Arb.From(from total in Gen.Zip(Gen.Choose(0, 2_000_000_000), Gen.Choose(1, 999), (a, b) => (long)a * 1_000 + b)
                     from n in Gen.Choose(1, 10)
                     from weights in Gen.ArrayOf(Gen.Choose(0, 20_000_000), n)
                     from seed in Gen.Choose(0, 1000)
                     select (total, weights, seed)),
            c =>
            {
                var (total, weights, seed) = c;
                if (weights.All(w => w == 0))
                {
                    weights[0] = 1;
                }
                var named = weights.Select((w, i) => ($"r{i:D2}", (long)w)).ToList();
                var parts = DistributionSplit.Split(total, named);
                // The same regions in another order (a permutation chosen by the seed).
                List<(string, long)> shuffled = [.. named.Select((x, i) => (x, k: (i * 7919 + seed) % 101)).OrderBy(t => t.k).Select(t => t.x)];
                var again = DistributionSplit.Split(total, shuffled);
                var sum = (decimal)weights.Sum(w => (long)w);
                var withinACent = parts.All(p => Math.Abs(p.Cents - (decimal)total * named.Single(n => n.Item1 == p.RegionId).Item2 / sum) < 1m);
                return (parts.Sum(p => p.Cents) == total && withinACent && parts.SequenceEqual(again)).Label($"{total} over {string.Join(",", weights)}");
            });

    [Fact]
    public void Committing_the_parts_is_all_or_nothing_and_names_the_region_at_fault()
    {
        var d = FundingSourceAggregateTests.Scheme("ccv");
        Commitment Part(string region, long cents = 1_000_00) => new($"d1.{region}", region, new Dictionary<int, long> { [2026] = cents }, "Distribution d1");
        var empty = new Dictionary<string, Commitment>();
        var asked = new[] { Part("limburg"), Part("rotterdam") };
        var ok = FundingSourceAggregate.DecideCommitAll(d, "jenv-pvo", asked, empty, empty, 0, Catalog);
        Assert.False(ok.IsRefused, ok.ToString());
        Assert.False(ok.Value!.AlreadyMade);
        Assert.Equal(2, ok.Value.Commitments.Count);

        // The same parts made before: a retry, nothing to book.
        var made = asked.ToDictionary(c => c.Id);
        Assert.True(FundingSourceAggregate.DecideCommitAll(d, "jenv-pvo", asked, made, empty, 2, Catalog).Value!.AlreadyMade);

        // One id used before with other content: the whole distribution is refused, naming that region.
        var clash = new Dictionary<string, Commitment> { ["d1.rotterdam"] = Part("rotterdam", 5_00) };
        var refused = FundingSourceAggregate.DecideCommitAll(d, "jenv-pvo", asked, clash, empty, 1, Catalog);
        Assert.Equal(FundingRefusalCode.IdempotencyConflict, refused.Refusal!.Code);
        Assert.Equal("parts.rotterdam", refused.Refusal.Field);
        Assert.Contains("rotterdam", refused.Refusal.Message, StringComparison.Ordinal);

        // Only some made before (with the same content): someone else used the ids; refused.
        var some = new Dictionary<string, Commitment> { ["d1.limburg"] = Part("limburg") };
        Assert.Equal(FundingRefusalCode.IdempotencyConflict, FundingSourceAggregate.DecideCommitAll(d, "jenv-pvo", asked, some, empty, 1, Catalog).Refusal!.Code);

        // A provincial fund cannot commit to a region outside its province.
        var province = new FundingSourceDefinition("prov-limburg", "Fonds Limburg", FundingSourceKind.ProvincialFund, PvoFinance.Access.Scope.Province("Limburg"),
            "Provincie Limburg", [], null, null, null, [], null, null);
        Assert.Equal("parts.rotterdam", FundingSourceAggregate.DecideCommitAll(province, "prov-limburg", asked, empty, empty, 0, Catalog).Refusal!.Field);

        // Two parts for one region, or too many parts.
        Assert.Equal("parts", FundingSourceAggregate.DecideCommitAll(d, "jenv-pvo", [Part("limburg"), Part("limburg")], empty, empty, 0, Catalog).Refusal!.Field);
        Assert.Equal("parts", FundingSourceAggregate.DecideCommitAll(d, "jenv-pvo", [], empty, empty, 0, Catalog).Refusal!.Field);
    }
}
