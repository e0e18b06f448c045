using PvoFinance.Funding;

namespace PvoFinance.Planning;

/// <summary>A scenario as named in a comparison.</summary>
/// <param name="Id">Scenario id.</param>
/// <param name="Version">Version used.</param>
/// <param name="Name">Display name.</param>
/// <param name="Kind">Its kinds.</param>
public sealed record ScenarioRef(string Id, int Version, string Name, string Kind);

/// <summary>One scenario's headline figures for a region and year.</summary>
public sealed record ScenarioFigures(string Scenario, int Version, string CashIncome, string Rijk, string InKind, string Costs, string Gap, int MaturityScore, string Adjustment);

/// <summary>Scenarios side by side for one region and year.</summary>
public sealed record ComparisonRow(string Region, int Year, IReadOnlyList<ScenarioFigures> Scenarios);

/// <summary>A share of a region's cash: amount and percentage (shares of one region and year add up to exactly 100.00).</summary>
public sealed record ShareLine(string Line, string Amount, string Share);

/// <summary>The ministry's view of one region in one year under one scenario.</summary>
/// <param name="Region">Region id.</param>
/// <param name="Year">Year.</param>
/// <param name="Inhabitants">Inhabitants.</param>
/// <param name="Cash">Cash income.</param>
/// <param name="PerInhabitant">Cash income per inhabitant, four decimals.</param>
/// <param name="Sources">Share per income line.</param>
/// <param name="Payers">Share per payer (Rijk, province, municipalities, projects, private).</param>
/// <param name="RijkDependence">The Rijk's share of cash, percent.</param>
/// <param name="Earmarked">Earmarked money (scheme subsidies, provincial commitments).</param>
/// <param name="Free">Free money.</param>
/// <param name="Themes">Project spending per theme (the pipeline split by theme weights, exact).</param>
public sealed record MinistryRow(
    string Region, int Year, long Inhabitants, string Cash, string PerInhabitant, IReadOnlyList<ShareLine> Sources, IReadOnlyList<ShareLine> Payers,
    string RijkDependence, string Earmarked, string Free, IReadOnlyList<AmountLine> Themes);

/// <summary>The ministry's totals for one year under one scenario.</summary>
public sealed record MinistryYear(int Year, string Rijk, string Cash, string Gap, int RegionsWithGap);

/// <summary>The ministry's view across the ten regions under one scenario.</summary>
public sealed record MinistryView(string Scenario, int Version, IReadOnlyList<MinistryRow> Regions, IReadOnlyList<MinistryYear> Totals);

/// <summary>Scenarios side by side per region and year, and the ministry's view per scenario.</summary>
public sealed record ComparisonReport(int From, int Years, IReadOnlyList<ScenarioRef> Scenarios, IReadOnlyList<ComparisonRow> Rows, IReadOnlyList<MinistryView> Ministry);

/// <summary>Builds comparisons from runs over one base.</summary>
public static class Comparisons
{
    /// <summary>Compares <paramref name="runs"/> (1..<see cref="PlanningLimits.MaxCompared"/>, all over the same base).</summary>
    public static ComparisonReport Build(IReadOnlyList<(ScenarioRef Ref, ScenarioRun Run)> runs)
    {
        if (runs.Count is 0 or > PlanningLimits.MaxCompared)
        {
            throw new ArgumentException($"1..{PlanningLimits.MaxCompared} scenarios.", nameof(runs));
        }
        var b = runs[0].Run.Base;
        if (runs.Any(x => !ReferenceEquals(x.Run.Base, b)))
        {
            throw new ArgumentException("Every run of a comparison uses the same base.", nameof(runs));
        }
        var rows = new List<ComparisonRow>(b.Regions * b.Years);
        for (var r = 0; r < b.Regions; r++)
        {
            for (var t = 0; t < b.Years; t++)
            {
                rows.Add(new ComparisonRow(b.Plans[r].RegionId, b.From + t, [.. runs.Select(x => new ScenarioFigures(
                    x.Ref.Id, x.Ref.Version, x.Run.CashOf(r, t).ToString(), x.Run.RijkOf(r, t).ToString(), x.Run.InKindTotalOf(r, t).ToString(),
                    x.Run.CostTotalOf(r, t).ToString(), x.Run.GapOf(r, t).ToString(), x.Run.ScoreOf(r, t), x.Run.AdjustmentOf(r, t).ToString()))]));
            }
        }
        return new ComparisonReport(b.From, b.Years, [.. runs.Select(x => x.Ref)], rows, [.. runs.Select(x => Ministry(x.Ref, x.Run))]);
    }

    /// <summary>The ministry's view of one run.</summary>
    public static MinistryView Ministry(ScenarioRef scenario, ScenarioRun run)
    {
        var b = run.Base;
        var rows = new List<MinistryRow>(b.Regions * b.Years);
        for (var r = 0; r < b.Regions; r++)
        {
            for (var t = 0; t < b.Years; t++)
            {
                var cash = run.CashOf(r, t);
                var amounts = IncomeSources.All.Select(s => run.IncomeOf(r, t, s).Cents).ToArray();
                var shares = Shares(amounts);
                var payers = Enum.GetValues<Payer>();
                var payerAmounts = payers.Select(p => IncomeSources.All.Where(s => IncomeSources.PayerOf(s) == p).Sum(s => run.IncomeOf(r, t, s).Cents)).ToArray();
                var payerShares = Shares(payerAmounts);
                var earmarked = IncomeSources.All.Where(IncomeSources.IsEarmarked).Sum(s => run.IncomeOf(r, t, s).Cents);
                var inhabitants = run.InhabitantsOf(r, t);
                var themes = b.Plans[r].Themes;
                var projects = run.CostOf(r, t, CostItem.Projects);
                var themeAmounts = themes.Count > 0 && themes.Any(x => x.Weight > 0)
                    ? Allocation.Split(projects, [.. themes.Select(x => (long)x.Weight)])
                    : [];
                rows.Add(new MinistryRow(
                    b.Plans[r].RegionId,
                    b.From + t,
                    inhabitants,
                    cash.ToString(),
                    inhabitants > 0 ? new Rate(SignedPercentage.Scale(cash.Cents, 100, inhabitants)).ToString() : "0.0000",
                    [.. IncomeSources.All.Select((s, i) => new ShareLine(IncomeSources.Name(s), new Money(amounts[i]).ToString(), new Percentage(shares[i]).ToString()))],
                    [.. payers.Select((p, i) => new ShareLine(PayerName(p), new Money(payerAmounts[i]).ToString(), new Percentage(payerShares[i]).ToString()))],
                    new Percentage(payerShares[(int)Payer.Rijk]).ToString(),
                    new Money(earmarked).ToString(),
                    (cash - new Money(earmarked)).ToString(),
                    [.. themeAmounts.Select((m, i) => new AmountLine(themes[i].Theme, m.ToString()))]));
            }
        }
        var totals = new List<MinistryYear>(b.Years);
        for (var t = 0; t < b.Years; t++)
        {
            long rijk = 0, cash = 0, gap = 0;
            var open = 0;
            for (var r = 0; r < b.Regions; r++)
            {
                rijk += run.RijkOf(r, t).Cents;
                cash += run.CashOf(r, t).Cents;
                var g = run.GapOf(r, t).Cents;
                gap += g;
                open += g > 0 ? 1 : 0;
            }
            totals.Add(new MinistryYear(b.From + t, new Money(rijk).ToString(), new Money(cash).ToString(), new Money(gap).ToString(), open));
        }
        return new MinistryView(scenario.Id, scenario.Version, rows, totals);
    }

    /// <summary>The API name of a payer.</summary>
    public static string PayerName(Payer payer) => payer switch
    {
        Payer.Rijk => "rijk",
        Payer.Province => "province",
        Payer.Municipalities => "municipalities",
        Payer.Projects => "projects",
        _ => "private",
    };

    // Shares in basis points that add up to exactly 10,000 (largest remainder); all zero when there is no money.
    // Amounts are never negative here, so the weights are valid.
    private static int[] Shares(long[] amounts)
    {
        if (amounts.All(a => a == 0))
        {
            return new int[amounts.Length];
        }
        var parts = Allocation.Split(new Money(10_000), amounts);
        return [.. parts.Select(p => (int)p.Cents)];
    }
}
