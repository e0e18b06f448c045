using PvoFinance.Funding;
using PvoFinance.Planning;
using PvoFinance.Regions;

namespace PvoFinance.Core.Tests.Planning;

public sealed class ProjectionTests
{
    private static readonly RegionCatalog Catalog = RegionCatalog.Shipped;

    private static long Inhabitants(string region) => Catalog.MunicipalitiesOf(region).Sum(m => (long)m.Inhabitants);

    [Fact]
    public void Oost_brabant_in_2024_by_hand()
    {
        // 2024 is the CBS reference year (no growth yet) and before the price year 2026 (no indexation).
        var run = ProjectionEngine.Run(PlanningBase.Create(Catalog, 2024, 1), Scenario.StatusQuo);
        var r = run.Base.RegionIndex("oost-brabant");
        Assert.Equal(1_486_090, run.InhabitantsOf(r, 0));
        // €0.25 × 1,486,090 = €371,522.50 (the safety fund of DOMAIN.md).
        Assert.Equal(371_522_50, run.IncomeOf(r, 0, IncomeSource.MunicipalLevy).Cents);
        Assert.Equal(30_000_00, run.IncomeOf(r, 0, IncomeSource.RijkScheme).Cents);
        Assert.Equal(25_000_00, run.IncomeOf(r, 0, IncomeSource.Province).Cents);
        Assert.Equal(426_522_50, run.CashOf(r, 0).Cents);
        // No manager; CCV 2.0 days × 46 weeks × €800 = €73,600 (in kind); projects €50,000.
        Assert.Equal(0, run.CostOf(r, 0, CostItem.Manager).Cents);
        Assert.Equal(73_600_00, run.CostOf(r, 0, CostItem.CcvAdviser).Cents);
        Assert.Equal(73_600_00, run.InKindOf(r, 0, InKindItem.CcvAdviser).Cents);
        Assert.Equal(123_600_00, run.CostTotalOf(r, 0).Cents);
        // Gap = 123,600 − 426,522.50 − 73,600 = −376,522.50 (a surplus).
        Assert.Equal(-376_522_50, run.GapOf(r, 0).Cents);
    }

    [Fact]
    public void Limburg_in_2027_is_indexed_once_from_the_price_year()
    {
        var run = ProjectionEngine.Run(PlanningBase.Create(Catalog, 2026, 2), Scenario.StatusQuo);
        var r = run.Base.RegionIndex("limburg");
        Assert.Equal(400_000_00, run.CostOf(r, 0, CostItem.Projects).Cents);
        Assert.Equal(90_000_00, run.CostOf(r, 0, CostItem.Manager).Cents);
        // 2.5 %: 400,000 → 410,000; 90,000 → 92,250; overhead 15 % of 410,000 = 61,500.
        Assert.Equal(410_000_00, run.CostOf(r, 1, CostItem.Projects).Cents);
        Assert.Equal(92_250_00, run.CostOf(r, 1, CostItem.Manager).Cents);
        Assert.Equal(61_500_00, run.IncomeOf(r, 1, IncomeSource.ProjectOverhead).Cents);
        // The manager is paid by the region, so not in kind; Limburg has no CCV adviser.
        Assert.Equal(0, run.InKindTotalOf(r, 1).Cents);
        // Gap 2027 = 92,250 + 410,000 − (60,000 + 250,000 + 61,500 + 25,000) = 105,750.
        Assert.Equal(105_750_00, run.GapOf(r, 1).Cents);
    }

    [Fact]
    public void Inhabitants_grow_per_municipality_rounded_each_year()
    {
        var run = ProjectionEngine.Run(PlanningBase.Create(Catalog, 2025, 2), Scenario.StatusQuo);
        foreach (var region in RegionDefinition.All)
        {
            long y2025 = 0, y2026 = 0;
            foreach (var m in Catalog.MunicipalitiesOf(region.Id))
            {
                // 0.40 % a year, half away from zero, each year on the rounded count.
                var a = (long)Math.Round(m.Inhabitants * 1.004m, MidpointRounding.AwayFromZero);
                var b = (long)Math.Round(a * 1.004m, MidpointRounding.AwayFromZero);
                y2025 += a;
                y2026 += b;
            }
            var r = run.Base.RegionIndex(region.Id);
            Assert.Equal(y2025, run.InhabitantsOf(r, 0));
            Assert.Equal(y2026, run.InhabitantsOf(r, 1));
        }
    }

    [Fact]
    public void A_mandate_charges_each_party_its_rate_times_the_inhabitants_and_replaces_the_levy()
    {
        var scenario = Scenario.StatusQuo with { Mandate = new PerInhabitantMandate(new Rate(1_0000), new Rate(5000), new Rate(2500)) };
        var run = ProjectionEngine.Run(PlanningBase.Create(Catalog, 2024, 1), scenario);
        var r = run.Base.RegionIndex("rotterdam");
        var inhabitants = Inhabitants("rotterdam");
        Assert.Equal(inhabitants * 100, run.IncomeOf(r, 0, IncomeSource.RijkPerInhabitant).Cents);
        Assert.Equal(inhabitants * 50, run.IncomeOf(r, 0, IncomeSource.ProvincePerInhabitant).Cents);
        Assert.Equal(new Rate(2500).Times(inhabitants), run.IncomeOf(r, 0, IncomeSource.MunicipalLevy));
    }

    [Fact]
    public void Co_financing_with_bonus_and_malus_by_hand()
    {
        var scenario = Scenario.StatusQuo with { CoFinancing = new CoFinancing(new Percentage(10_00), MaturityRules.Default, null) };
        var run = ProjectionEngine.Run(PlanningBase.Create(Catalog, 2026, 1), scenario);
        // Limburg: foundation 15 + business 15 + manager 15 + offer 15 + on time 10 + co-funding 15
        // ((250,000 + 60,000 + 25,000) / 395,000 = 85 % ≥ 50 %) = 85 → +20 %. Costs 490,000 × 10 % × 1.2 = 58,800.
        var limburg = run.Base.RegionIndex("limburg");
        Assert.Equal(85, run.ScoreOf(limburg, 0));
        Assert.Equal(2000, run.AdjustmentOf(limburg, 0).BasisPoints);
        Assert.Equal(58_800_00, run.IncomeOf(limburg, 0, IncomeSource.RijkCoFinancing).Cents);
        // Oost-Nederland: business 15 + offer 15 = 30 → −20 %. Costs: manager 0.50 × 90,000 = 45,000, CCV 73,600,
        // projects 150,000 = 268,600 × 10 % × 0.8 = 21,488.
        var oost = run.Base.RegionIndex("oost-nederland");
        Assert.Equal(30, run.ScoreOf(oost, 0));
        Assert.Equal(21_488_00, run.IncomeOf(oost, 0, IncomeSource.RijkCoFinancing).Cents);
    }

    [Fact]
    public void Commitments_in_the_ledger_replace_the_assumption_for_their_years()
    {
        var b = PlanningBase.Create(Catalog, 2026, 3, [
            new("limburg", 2027, IncomeSource.Province, Money.FromCents(300_000_00), "prov-a"),
            new("limburg", 2028, IncomeSource.Province, Money.FromCents(100_000_00), "prov-a"),
            new("den-haag", 2026, IncomeSource.RijkScheme, Money.FromCents(10_000_00), "scheme-a"),
            new("den-haag", 2026, IncomeSource.RijkScheme, Money.FromCents(15_000_00), "scheme-b"),
        ]);
        var run = ProjectionEngine.Run(b, Scenario.StatusQuo);
        var limburg = b.RegionIndex("limburg");
        // 2026: nothing committed, the assumption of 250,000; 2027: 300,000 committed; 2028: 100,000 committed — below
        // the assumption, and not topped up to it.
        Assert.Equal(250_000_00, run.IncomeOf(limburg, 0, IncomeSource.Province).Cents);
        Assert.Equal(300_000_00, run.IncomeOf(limburg, 1, IncomeSource.Province).Cents);
        Assert.Equal(100_000_00, run.IncomeOf(limburg, 2, IncomeSource.Province).Cents);
        // Two schemes' commitments of one year add up (10,000 + 15,000) and replace the 60,000 assumed.
        var denHaag = b.RegionIndex("den-haag");
        Assert.Equal(25_000_00, run.IncomeOf(denHaag, 0, IncomeSource.RijkScheme).Cents);
        Assert.Equal(60_000_00, run.IncomeOf(denHaag, 1, IncomeSource.RijkScheme).Cents);
        var parts = RegionProjections.Build(run, "den-haag", "status-quo", 1).Years[0].Income.Single(l => l.Line == "rijk-scheme").Commitments!;
        Assert.Equal([("scheme-a", "10000.00"), ("scheme-b", "15000.00")], parts.Select(p => (p.Source, p.Amount)));
    }

    [Fact]
    public void Every_region_has_sources_costs_and_a_gap_for_five_years()
    {
        var run = ProjectionEngine.Run(PlanningBase.Create(Catalog, 2026, 5), Scenario.StatusQuo);
        foreach (var region in RegionDefinition.All)
        {
            var p = RegionProjections.Build(run, region.Id, Scenario.StatusQuoId, 1);
            Assert.Equal(5, p.Years.Count);
            Assert.All(p.Years, y =>
            {
                Assert.Equal(IncomeSources.Count, y.Income.Count);
                Assert.Equal(CostItems.Count, y.Costs.Count);
                Assert.Equal(Money.Parse(y.CashIncome).Cents, y.Income.Sum(l => Money.Parse(l.Amount).Cents));
                Assert.Equal(Money.Parse(y.Gap).Cents, Money.Parse(y.CostTotal).Cents - Money.Parse(y.CashIncome).Cents - Money.Parse(y.InKindTotal).Cents);
                Assert.True(Money.Parse(y.CostTotal).Cents > 0);
            });
        }
    }

    [Fact]
    public void Horizon_limits_are_refused()
    {
        Assert.Equal("years", PlanningBase.CheckHorizon(2026, PlanningLimits.MaxHorizonYears + 1)!.Field);
        Assert.Equal("years", PlanningBase.CheckHorizon(2026, 0)!.Field);
        Assert.Equal("from", PlanningBase.CheckHorizon(1999, 5)!.Field);
        Assert.Equal("years", PlanningBase.CheckHorizon(2098, 5)!.Field);
        Assert.Null(PlanningBase.CheckHorizon(2026, PlanningLimits.MaxHorizonYears));
        Assert.Throws<ArgumentException>(() => PlanningBase.Create(Catalog, 2026, 11));
    }
    [Fact]
    public void The_engine_refuses_growth_and_indexation_beyond_their_bounds()
    {
        var b = PlanningBase.Create(Catalog, 2026, 1);
        Assert.Throws<ArgumentException>(() => ProjectionEngine.Run(b, Scenario.StatusQuo with { Assumptions = new(new(0), new(5_01)) }));
        Assert.Throws<ArgumentException>(() => ProjectionEngine.Run(b, Scenario.StatusQuo with { Assumptions = new(new(-10_01), new(0)) }));
        Assert.True(ProjectionEngine.Run(b, Scenario.StatusQuo with { Assumptions = new(new(10_00), new(-5_00)) }).CashOf(0, 0).Cents > 0);
    }
    [Fact]
    public void A_recorded_population_year_is_grown_from_instead_of_the_cbs_counts()
    {
        // Limburg recorded for 2026 with ten more inhabitants in every municipality.
        var municipalities = Catalog.MunicipalitiesOf("limburg");
        var counts = municipalities.ToDictionary(m => m.Code, m => m.Inhabitants + 10);
        var b = PlanningBase.Create(Catalog, 2025, 3, populations: [new RegionPopulation("limburg", 2026, counts)]);
        var run = ProjectionEngine.Run(b, Scenario.StatusQuo);
        var r = b.RegionIndex("limburg");
        Assert.Equal(2026, b.PopulationYears[r]);
        Assert.Equal(2024, b.PopulationYears[b.RegionIndex("rotterdam")]);
        long recorded = counts.Values.Sum(v => (long)v);
        // Up to the reference year the recorded count stands; after it, 0.40 % a year per municipality.
        Assert.Equal(recorded, run.InhabitantsOf(r, 0));
        Assert.Equal(recorded, run.InhabitantsOf(r, 1));
        Assert.Equal(counts.Values.Sum(v => (long)Math.Round(v * 1.004m, MidpointRounding.AwayFromZero)), run.InhabitantsOf(r, 2));
        // A population that misses a municipality is refused.
        var partial = counts.Skip(1).ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Throws<ArgumentException>(() => PlanningBase.Create(Catalog, 2026, 1, populations: [new RegionPopulation("limburg", 2026, partial)]));
    }
    [Fact]
    public void The_status_quo_follows_an_edited_profile()
    {
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(StatusQuo.Regions), System.Text.Json.JsonSerializer.Serialize(StatusQuo.From(RegionProfiles.Seed)));
        var edited = RegionProfiles.Seed["oost-nederland"] with { ManagerFte = 80, ManagerProvidedBy = "PVO foundation", Form = OrganisationForm.Foundation };
        var plans = StatusQuo.From(new Dictionary<string, RegionProfile> { ["oost-nederland"] = edited });
        var plan = plans.Single(p => p.RegionId == "oost-nederland");
        Assert.Equal(80, plan.ManagerFte);
        Assert.False(plan.ManagerInKind);
        Assert.True(plan.Meets(MaturityCriterion.ManagerHalfFte));
        Assert.True(plan.Meets(MaturityCriterion.FormalGovernance));
        var run = ProjectionEngine.Run(PlanningBase.Create(Catalog, 2026, 1, plans: plans), Scenario.StatusQuo);
        var r = run.Base.RegionIndex("oost-nederland");
        // 0.80 × €90,000, paid by the region: a cost, no in-kind value.
        Assert.Equal(72_000_00, run.CostOf(r, 0, CostItem.Manager).Cents);
        Assert.Equal(0, run.InKindOf(r, 0, InKindItem.Manager).Cents);
        // Business 15 + manager 15 + offer 15 + formal 15 = 60 → no malus any more.
        Assert.Equal(60, run.ScoreOf(r, 0));
    }
}
