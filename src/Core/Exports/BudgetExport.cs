using System.Globalization;
using PvoFinance.Planning;
using PvoFinance.Regions;

namespace PvoFinance.Exports;

/// <summary>
/// The <c>budgets.csv</c> export: per region and fiscal year the projection's plan (income per line, in kind, costs
/// and the gap; indicative, with the scenario id and version) beside the ledger's actuals as of the cut-off, and one
/// row per funding source the ledger holds money of (committed, never a plan figure). Pure: the same run and actuals
/// always give the same rows in the same order.
/// </summary>
public static class BudgetExport
{
    /// <summary>Row order within a region and year: income lines, in kind, costs, the gap, then the ledger's sources by id.</summary>
    public static IReadOnlyList<string> Lines { get; } = ["income", "in-kind", "cost", "gap", "source"];

    /// <summary>
    /// The funding kind whose ledger money is the actual of a projection income line (as the projection's actuals
    /// read it), or empty when no funding kind feeds it yet (per-inhabitant mandates, co-financing).
    /// </summary>
    public static string KindOf(IncomeSource line) => line switch
    {
        IncomeSource.RijkScheme => "national-scheme",
        IncomeSource.Province => "provincial-fund",
        IncomeSource.MunicipalLevy => "municipal-levy",
        IncomeSource.ProjectOverhead => "project-overhead",
        IncomeSource.Private => "private",
        _ => "",
    };

    /// <summary>
    /// The rows for <paramref name="regions"/> over the run's horizon. Plan figures come from <paramref name="run"/>
    /// only; actuals from <paramref name="actuals"/> only (those of other regions or years are ignored).
    /// </summary>
    /// <param name="run">The projection of the scenario over the horizon.</param>
    /// <param name="scenarioId">The scenario's id, written on plan rows.</param>
    /// <param name="version">The scenario's version, written on plan rows.</param>
    /// <param name="regions">The regions to export, in the order wanted.</param>
    /// <param name="actuals">The ledger's figures per region, year and source as of the cut-off.</param>
    public static IReadOnlyList<BudgetRow> Rows(ScenarioRun run, string scenarioId, int version, IReadOnlyList<string> regions, IReadOnlyList<BudgetActual> actuals)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(scenarioId);
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(actuals);
        var v = version.ToString(CultureInfo.InvariantCulture);
        var byCell = actuals.GroupBy(a => (a.RegionId, a.Year)).ToDictionary(g => g.Key, g => g.OrderBy(a => a.SourceId, StringComparer.Ordinal).ToList());
        var rows = new List<BudgetRow>();
        foreach (var region in regions)
        {
            var r = run.Base.RegionIndex(region);
            if (r < 0)
            {
                throw new ArgumentException($"No region '{region}'.", nameof(regions));
            }
            var name = RegionDefinition.All.First(d => d.Id == region).Name;
            for (var t = 0; t < run.Base.Years; t++)
            {
                var year = run.Base.From + t;
                var cell = byCell.GetValueOrDefault((region, year)) ?? [];
                BudgetRow Plan(string line, string source, string kind, long plan, long committed, long? actual) => new()
                {
                    RegionCode = region,
                    RegionName = name,
                    Line = line,
                    Source = source,
                    SourceKind = kind,
                    FiscalYear = year,
                    BudgetStatus = "indicative",
                    ScenarioId = scenarioId,
                    ScenarioVersion = v,
                    PlanCents = plan,
                    CommittedCents = committed,
                    ActualCents = actual ?? 0,
                    DifferenceCents = actual is { } a ? checked(a - plan) : 0,
                    ActualBasis = actual is null ? "none" : "ledger",
                };
                foreach (var line in IncomeSources.All)
                {
                    var kind = KindOf(line);
                    var feeding = cell.Where(a => kind.Length > 0 && a.Kind == kind).ToList();
                    rows.Add(Plan("income", IncomeSources.Name(line), kind, run.IncomeOf(r, t, line).Cents,
                        feeding.Sum(a => a.CommittedCents), feeding.Sum(a => a.ActualCents)));
                }
                foreach (var item in Enum.GetValues<InKindItem>())
                {
                    rows.Add(Plan("in-kind", CostItems.Name(item), "", run.InKindOf(r, t, item).Cents, 0, null));
                }
                foreach (var item in Enum.GetValues<CostItem>())
                {
                    rows.Add(Plan("cost", CostItems.Name(item), "", run.CostOf(r, t, item).Cents, 0, null));
                }
                rows.Add(Plan("gap", "gap", "", run.GapOf(r, t).Cents, 0, null));
                foreach (var a in cell)
                {
                    rows.Add(new BudgetRow
                    {
                        RegionCode = region,
                        RegionName = name,
                        Line = "source",
                        Source = a.SourceId,
                        SourceKind = a.Kind,
                        FiscalYear = year,
                        BudgetStatus = "committed",
                        ScenarioId = "",
                        ScenarioVersion = "",
                        PlanCents = 0,
                        CommittedCents = a.CommittedCents,
                        ActualCents = a.ActualCents,
                        DifferenceCents = checked(a.ActualCents - a.CommittedCents),
                        ActualBasis = "ledger",
                    });
                }
            }
        }
        return rows;
    }

    /// <summary>The <c>budgets.csv</c> layout (IATI-style budgets: one fiscal year per row, budget type original).</summary>
    public static CsvExportWriter<BudgetRow> Writer { get; } = new(
    [
        CsvColumn<BudgetRow>.OfText("region_code", r => r.RegionCode),
        CsvColumn<BudgetRow>.OfText("region_name", r => r.RegionName),
        CsvColumn<BudgetRow>.OfText("line", r => r.Line),
        CsvColumn<BudgetRow>.OfText("source", r => r.Source),
        CsvColumn<BudgetRow>.OfText("source_kind", r => r.SourceKind),
        CsvColumn<BudgetRow>.OfNumber("fiscal_year", r => r.FiscalYear),
        CsvColumn<BudgetRow>.OfText("period_start", r => $"{r.FiscalYear.ToString("D4", CultureInfo.InvariantCulture)}-01-01"),
        CsvColumn<BudgetRow>.OfText("period_end", r => $"{r.FiscalYear.ToString("D4", CultureInfo.InvariantCulture)}-12-31"),
        CsvColumn<BudgetRow>.OfText("budget_type", _ => "original"),
        CsvColumn<BudgetRow>.OfText("budget_status", r => r.BudgetStatus),
        CsvColumn<BudgetRow>.OfText("scenario_id", r => r.ScenarioId),
        CsvColumn<BudgetRow>.OfText("scenario_version", r => r.ScenarioVersion),
        CsvColumn<BudgetRow>.OfAmount("plan", r => r.PlanCents),
        CsvColumn<BudgetRow>.OfAmount("committed", r => r.CommittedCents),
        CsvColumn<BudgetRow>.OfAmount("actual", r => r.ActualCents),
        CsvColumn<BudgetRow>.OfAmount("difference", r => r.DifferenceCents),
        CsvColumn<BudgetRow>.OfText("actual_basis", r => r.ActualBasis),
        CsvColumn<BudgetRow>.OfText("currency", _ => "EUR"),
    ],
    groupBy: ["line"]);
}
