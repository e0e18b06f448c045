using System.Text;
using PvoFinance.Exports;
using PvoFinance.Planning;
using PvoFinance.Regions;

namespace PvoFinance.Core.Tests.Exports;

public sealed class BudgetRowsTests
{
    private const string Region = "amsterdam-amstelland";

    // Amsterdam-Amstelland's status quo in 2026 (the price year, so nothing is indexed): manager 0.83 FTE × €90,000 =
    // €74,700 provided by the municipality (in kind), CCV adviser 2.0 days × 46 weeks × €800 = €73,600 (in kind),
    // pipeline €250,000; Rijk scheme €60,000, private €15,000, and a provincial commitment of €10,000 as the province's
    // floor (the assumption is zero). Gap: 398,300 − 85,000 − 148,300 = 165,000.
    private static IReadOnlyList<BudgetRow> Rows(IReadOnlyList<BudgetActual> actuals)
    {
        var planningBase = PlanningBase.Create(RegionCatalog.Shipped, 2026, 1, [new PlannedCommitment(Region, 2026, IncomeSource.Province, Money.FromCents(10_000_00))]);
        return BudgetExport.Rows(ProjectionEngine.Run(planningBase, Scenario.StatusQuo), "status-quo", 1, [Region], actuals);
    }

    private static readonly BudgetActual[] Actuals =
    [
        new(Region, 2026, "sponsors", "private", 5_000_00, 5_000_00),
        new(Region, 2026, "fund", "provincial-fund", 10_000_00, 4_000_00),
        new("limburg", 2026, "other", "private", 1_00, 1_00),
        new(Region, 2027, "later", "private", 2_00, 2_00),
    ];

    [Fact]
    public void Plan_lines_carry_the_hand_computed_projection_and_the_scenario_and_actuals_come_only_from_the_ledger()
    {
        var rows = Rows(Actuals);
        // 8 income lines, 2 in kind, 3 costs, the gap, then this region's 2026 sources by id.
        Assert.Equal(16, rows.Count);
        var plan = rows.Where(r => r.Line != "source").ToDictionary(r => (r.Line, r.Source));
        Assert.Equal(60_000_00, plan[("income", "rijk-scheme")].PlanCents);
        Assert.Equal(10_000_00, plan[("income", "province")].PlanCents);
        Assert.Equal(15_000_00, plan[("income", "private")].PlanCents);
        Assert.Equal(74_700_00, plan[("cost", "pvo-manager")].PlanCents);
        Assert.Equal(73_600_00, plan[("cost", "ccv-adviser")].PlanCents);
        Assert.Equal(250_000_00, plan[("cost", "projects")].PlanCents);
        Assert.Equal(74_700_00, plan[("in-kind", "pvo-manager-hours")].PlanCents);
        Assert.Equal(165_000_00, plan[("gap", "gap")].PlanCents);

        var privateLine = plan[("income", "private")];
        Assert.Equal((5_000_00L, 5_000_00L, -10_000_00L, "ledger"), (privateLine.CommittedCents, privateLine.ActualCents, privateLine.DifferenceCents, privateLine.ActualBasis));
        var province = plan[("income", "province")];
        Assert.Equal((10_000_00L, 4_000_00L, -6_000_00L), (province.CommittedCents, province.ActualCents, province.DifferenceCents));
        // No ledger money for the Rijk's scheme: actual zero, the whole plan behind.
        Assert.Equal((0L, -60_000_00L), (plan[("income", "rijk-scheme")].ActualCents, plan[("income", "rijk-scheme")].DifferenceCents));
        // Costs, in kind and the gap have no actual in the ledger: zero and marked so.
        Assert.All(rows.Where(r => r.Line is "cost" or "in-kind" or "gap"), r => Assert.Equal((0L, 0L, "none"), (r.ActualCents, r.DifferenceCents, r.ActualBasis)));
        Assert.All(plan.Values, r => Assert.Equal(("indicative", "status-quo", "1"), (r.BudgetStatus, r.ScenarioId, r.ScenarioVersion)));

        var sources = rows.Where(r => r.Line == "source").ToList();
        Assert.Equal(["fund", "sponsors"], sources.Select(r => r.Source));
        Assert.All(sources, r => Assert.Equal(("committed", "", "", 0L), (r.BudgetStatus, r.ScenarioId, r.ScenarioVersion, r.PlanCents)));
        Assert.Equal((10_000_00L, 4_000_00L, -6_000_00L), (sources[0].CommittedCents, sources[0].ActualCents, sources[0].DifferenceCents));
    }

    [Fact]
    public void Without_ledger_money_every_actual_is_zero_and_the_plan_is_unchanged()
    {
        var without = Rows([]);
        var with = Rows(Actuals);
        Assert.Equal(14, without.Count);
        Assert.All(without, r => Assert.Equal(0, r.ActualCents));
        Assert.Equal(with.Where(r => r.Line != "source").Select(r => r.PlanCents), without.Select(r => r.PlanCents));
    }

    [Fact]
    public async Task The_writer_gives_the_header_and_a_source_row_as_text_with_totals_per_money_column()
    {
        using var stream = new MemoryStream();
        var totals = await BudgetExport.Writer.WriteAsync(stream, Rows(Actuals).ToAsyncEnumerable(), CsvDialect.Canonical);
        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split("\r\n");
        Assert.Equal("region_code,region_name,line,source,source_kind,fiscal_year,period_start,period_end,budget_type,budget_status,scenario_id,scenario_version,plan,committed,actual,difference,actual_basis,currency", lines[0]);
        Assert.Equal("amsterdam-amstelland,Amsterdam-Amstelland,source,fund,provincial-fund,2026,2026-01-01,2026-12-31,original,committed,,,0.00,10000.00,4000.00,-6000.00,ledger,EUR", lines[15]);
        Assert.Equal("amsterdam-amstelland,Amsterdam-Amstelland,income,private,private,2026,2026-01-01,2026-12-31,original,indicative,status-quo,1,15000.00,5000.00,5000.00,-10000.00,ledger,EUR", lines[8]);
        Assert.Equal(16, totals.Rows);
        // A column total adds every row: ledger money counts once on the income line it feeds and once on its source row.
        Assert.Equal(2 * 9_000_00, totals.Columns["actual"]);
        Assert.Equal(10_000_00 + 5_000_00 + 10_000_00 + 5_000_00, totals.Columns["committed"]);
        Assert.Equal(165_000_00, totals.Groups["line"]["gap"]);
        Assert.Equal(0, totals.Groups["line"]["source"]);
    }
}
