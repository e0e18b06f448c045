using System.Text.Json;
using PvoFinance.Funding;
using PvoFinance.Planning;
using PvoFinance.Regions;

namespace PvoFinance.Core.Tests.Planning;

public sealed class ExactnessTests
{
    private static readonly RegionCatalog Catalog = RegionCatalog.Shipped;

    private static Scenario BudgetNeutral(long potCents, MaturityRules? rules = null) =>
        Scenario.StatusQuo with { CoFinancing = new CoFinancing(default, rules ?? MaturityRules.Default, Money.FromCents(potCents)) };

    [Theory]
    [InlineData(1_000_000_00L)]
    [InlineData(1_000_000_01L)]
    [InlineData(7L)]
    [InlineData(0L)]
    [InlineData(123_456_789_99L)]
    public void A_budget_neutral_scenario_pays_exactly_the_pot_every_year(long pot)
    {
        var run = ProjectionEngine.Run(PlanningBase.Create(Catalog, 2026, 5), BudgetNeutral(pot));
        for (var t = 0; t < 5; t++)
        {
            Assert.Equal(pot, Enumerable.Range(0, 10).Sum(r => run.IncomeOf(r, t, IncomeSource.RijkCoFinancing).Cents));
        }
    }

    [Fact]
    public void Maluses_pay_the_bonuses_pro_rata()
    {
        const long pot = 2_000_000_00;
        var b = PlanningBase.Create(Catalog, 2026, 1);
        var run = ProjectionEngine.Run(b, BudgetNeutral(pot));
        var bases = Allocation.Split(new Money(pot), [.. Enumerable.Range(0, 10).Select(r => run.InhabitantsOf(r, 0))]);
        long malus = 0, bonus = 0;
        for (var r = 0; r < 10; r++)
        {
            var paid = run.IncomeOf(r, 0, IncomeSource.RijkCoFinancing).Cents;
            var adjustment = run.AdjustmentOf(r, 0).BasisPoints;
            if (adjustment < 0)
            {
                // A malus region gets its base less exactly 20 %.
                Assert.Equal(bases[r].Cents - new SignedPercentage(2000).Of(bases[r].Cents), paid);
                malus += bases[r].Cents - paid;
            }
            else if (adjustment > 0)
            {
                Assert.True(paid > bases[r].Cents);
                bonus += paid - bases[r].Cents;
            }
            else
            {
                Assert.Equal(bases[r].Cents, paid);
            }
        }
        Assert.True(malus > 0, "the default rule gives some region a malus");
        Assert.Equal(malus, bonus);
    }

    [Fact]
    public void Without_a_bonus_region_nobody_loses_a_malus()
    {
        var noBonus = MaturityRules.Default with { Bands = [new(0, new(-20_00)), new(40, new(0))] };
        var run = ProjectionEngine.Run(PlanningBase.Create(Catalog, 2026, 1), BudgetNeutral(1_000_000_00, noBonus));
        var bases = Allocation.Split(Money.FromCents(1_000_000_00), [.. Enumerable.Range(0, 10).Select(r => run.InhabitantsOf(r, 0))]);
        Assert.Equal(bases.Select(m => m.Cents), Enumerable.Range(0, 10).Select(r => run.IncomeOf(r, 0, IncomeSource.RijkCoFinancing).Cents));
    }

    [Fact]
    public void Shares_per_source_and_payer_add_up_to_exactly_100_and_themes_to_the_projects()
    {
        var scenario = BudgetNeutral(3_333_333_33) with { Mandate = PerInhabitantMandate.Alike(new Rate(3333)) };
        var run = ProjectionEngine.Run(PlanningBase.Create(Catalog, 2026, 5), scenario);
        var view = Comparisons.Ministry(new ScenarioRef("x", 1, "x", scenario.Kind), run);
        Assert.Equal(50, view.Regions.Count);
        foreach (var row in view.Regions)
        {
            Assert.Equal(100_00, row.Sources.Sum(s => Money.Parse(s.Share).Cents));
            Assert.Equal(100_00, row.Payers.Sum(s => Money.Parse(s.Share).Cents));
            Assert.Equal(Money.Parse(row.Cash).Cents, row.Sources.Sum(s => Money.Parse(s.Amount).Cents));
            Assert.Equal(Money.Parse(row.Cash).Cents, Money.Parse(row.Earmarked).Cents + Money.Parse(row.Free).Cents);
            var r = run.Base.RegionIndex(row.Region);
            Assert.Equal(run.CostOf(r, row.Year - 2026, CostItem.Projects).Cents, row.Themes.Sum(t => Money.Parse(t.Amount).Cents));
        }
    }

    [Fact]
    public void The_same_inputs_give_byte_identical_json_and_csv()
    {
        var scenario = BudgetNeutral(1_234_567_89) with { Mandate = new PerInhabitantMandate(new Rate(1234), new Rate(1), new Rate(9999)) };
        string Render()
        {
            var b = PlanningBase.Create(Catalog, 2025, 5, [new("limburg", 2026, IncomeSource.Province, Money.FromCents(1))]);
            var run = ProjectionEngine.Run(b, scenario);
            var actuals = new[] { new LedgerActuals("limburg", 2025, new Dictionary<IncomeSource, Money> { [IncomeSource.Province] = Money.FromCents(5) }, Money.FromCents(5), Money.Zero) };
            var projection = RegionProjections.Build(run, "limburg", "s", 3, actuals);
            var comparison = Comparisons.Build([(new ScenarioRef("s", 3, "s", scenario.Kind), run)]);
            return JsonSerializer.Serialize(projection) + ProjectionCsv.Write(projection) + JsonSerializer.Serialize(comparison);
        }
        Assert.Equal(Render(), Render());
    }

    [Fact]
    public void Actuals_stand_beside_the_plan_with_the_difference()
    {
        var run = ProjectionEngine.Run(PlanningBase.Create(Catalog, 2026, 2), Scenario.StatusQuo);
        var actuals = new[] { new LedgerActuals("limburg", 2026, new Dictionary<IncomeSource, Money> { [IncomeSource.Province] = Money.FromCents(100_000_00) }, Money.FromCents(250_000_00), Money.FromCents(1_00)) };
        var p = RegionProjections.Build(run, "limburg", "status-quo", 1, actuals);
        var a = p.Years[0].Actuals!;
        Assert.Null(p.Years[1].Actuals);
        Assert.Equal("100000.00", a.Cash);
        Assert.Equal("100000.00", a.Received.Single(l => l.Line == "province").Amount);
        Assert.All(a.Received, l => Assert.Equal("actual", l.Basis));
        // Planned cash 2026: 60,000 + 250,000 + 60,000 + 25,000 = 395,000.
        Assert.Equal("-295000.00", a.CashVersusPlan);
    }

    [Fact]
    public void Csv_follows_rfc_4180()
    {
        Assert.Equal("plain", ProjectionCsv.Field("plain"));
        Assert.Equal("\"a,b\"", ProjectionCsv.Field("a,b"));
        Assert.Equal("\"say \"\"hi\"\"\"", ProjectionCsv.Field("say \"hi\""));
        var run = ProjectionEngine.Run(PlanningBase.Create(Catalog, 2026, 1), Scenario.StatusQuo);
        var csv = ProjectionCsv.Write(RegionProjections.Build(run, "den-haag", "status-quo", 1));
        Assert.StartsWith("region,scenario,version,year,section,line,amount,basis,note\r\n", csv);
        Assert.EndsWith("\r\n", csv);
        Assert.Contains("den-haag,status-quo,1,2026,gap,gap,", csv);
        Assert.All(csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries), line => Assert.Equal(9, line.Split(',').Length));
    }
}
