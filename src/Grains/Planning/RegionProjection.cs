namespace PvoFinance.Planning;

/// <summary>An amount on a named line, as exact text (<c>1234.50</c>).</summary>
/// <param name="Line">The line's API name, e.g. <c>municipal-levy</c>.</param>
/// <param name="Amount">The amount.</param>
public sealed record AmountLine(string Line, string Amount);

/// <summary>The ledger's figures for a year, beside the plan.</summary>
/// <param name="Received">Cash received per income line (every line, zero included).</param>
/// <param name="Cash">All cash received.</param>
/// <param name="Committed">Committed by schemes and provinces.</param>
/// <param name="InKind">In-kind value recorded.</param>
/// <param name="CashVersusPlan">Cash received minus planned cash income (negative: behind plan).</param>
public sealed record ActualsView(IReadOnlyList<AmountLine> Received, string Cash, string Committed, string InKind, string CashVersusPlan);

/// <summary>One year of a region's projection.</summary>
/// <param name="Year">The year.</param>
/// <param name="Inhabitants">Inhabitants on 1 January (grown by the scenario's assumption).</param>
/// <param name="Income">Cash income per line, in <see cref="IncomeSource"/> order.</param>
/// <param name="CashIncome">The sum of <paramref name="Income"/>.</param>
/// <param name="InKind">In-kind value per line, apart from cash.</param>
/// <param name="InKindTotal">The sum of <paramref name="InKind"/>.</param>
/// <param name="Costs">Costs per line.</param>
/// <param name="CostTotal">The sum of <paramref name="Costs"/>.</param>
/// <param name="Gap">Costs minus cash minus in-kind: positive is a shortfall.</param>
/// <param name="MaturityScore">The region's maturity score on current arrangements.</param>
/// <param name="Adjustment">The bonus or malus of the score's band.</param>
/// <param name="Actuals">The ledger's figures for past and current years; null for future years.</param>
public sealed record ProjectionYear(
    int Year, long Inhabitants, IReadOnlyList<AmountLine> Income, string CashIncome, IReadOnlyList<AmountLine> InKind, string InKindTotal,
    IReadOnlyList<AmountLine> Costs, string CostTotal, string Gap, int MaturityScore, string Adjustment, ActualsView? Actuals);

/// <summary>A region's projection under one scenario version.</summary>
/// <param name="Region">Region id.</param>
/// <param name="Scenario">The scenario id used.</param>
/// <param name="Version">The scenario version used.</param>
/// <param name="Kind">The scenario's kinds, e.g. <c>per-inhabitant+co-financing</c>.</param>
/// <param name="From">First year.</param>
/// <param name="Years">The years, in order.</param>
/// <param name="HorizonGap">The gaps of all years added up.</param>
public sealed record RegionProjection(string Region, string Scenario, int Version, string Kind, int From, IReadOnlyList<ProjectionYear> Years, string HorizonGap);

/// <summary>Builds the report of one region from a run.</summary>
public static class RegionProjections
{
    /// <summary>
    /// The projection of <paramref name="regionId"/>. <paramref name="actuals"/> are placed beside the years they name
    /// (others get none); the scenario's id and version are written into the report so it says what it used.
    /// </summary>
    public static RegionProjection Build(ScenarioRun run, string regionId, string scenarioId, int version, IReadOnlyList<LedgerActuals>? actuals = null)
    {
        var r = run.Base.RegionIndex(regionId);
        if (r < 0)
        {
            throw new ArgumentException($"No region '{regionId}'.", nameof(regionId));
        }
        var rows = new List<ProjectionYear>(run.Base.Years);
        long horizonGap = 0;
        for (var t = 0; t < run.Base.Years; t++)
        {
            var year = run.Base.From + t;
            var cash = run.CashOf(r, t);
            ActualsView? actual = null;
            if (actuals?.FirstOrDefault(a => a.Year == year && a.RegionId == regionId) is { } a)
            {
                var received = IncomeSources.All.Select(s => new AmountLine(IncomeSources.Name(s), a.Received.GetValueOrDefault(s).ToString())).ToList();
                var receivedCash = a.Received.Values.Aggregate(Money.Zero, (x, y) => x + y);
                actual = new ActualsView(received, receivedCash.ToString(), a.Committed.ToString(), a.InKind.ToString(), (receivedCash - cash).ToString());
            }
            var gap = run.GapOf(r, t);
            horizonGap += gap.Cents;
            rows.Add(new ProjectionYear(
                year,
                run.InhabitantsOf(r, t),
                [.. IncomeSources.All.Select(s => new AmountLine(IncomeSources.Name(s), run.IncomeOf(r, t, s).ToString()))],
                cash.ToString(),
                [.. Enum.GetValues<InKindItem>().Select(i => new AmountLine(CostItems.Name(i), run.InKindOf(r, t, i).ToString()))],
                run.InKindTotalOf(r, t).ToString(),
                [.. Enum.GetValues<CostItem>().Select(c => new AmountLine(CostItems.Name(c), run.CostOf(r, t, c).ToString()))],
                run.CostTotalOf(r, t).ToString(),
                gap.ToString(),
                run.ScoreOf(r, t),
                run.AdjustmentOf(r, t).ToString(),
                actual));
        }
        return new RegionProjection(regionId, scenarioId, version, run.Scenario.Kind, run.Base.From, rows, new Money(horizonGap).ToString());
    }
}
