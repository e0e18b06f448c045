using PvoFinance.Funding;

namespace PvoFinance.Planning;

/// <summary>What the solver looks for.</summary>
public enum SolveMode
{
    /// <summary>The smallest amount per inhabitant that the Rijk, the province and the municipalities each pay alike.</summary>
    PerInhabitant,
    /// <summary>The smallest ministry co-financing rate (share of costs, with the scenario's bonus/malus rule).</summary>
    CoFinancingRate,
}

/// <summary>One point of the sensitivity sweep.</summary>
/// <param name="Offset">The point's distance from the solution in percent of it (<c>-10</c>), or in steps when the solution is 0.</param>
/// <param name="Value">The value tried.</param>
/// <param name="RegionsWithGap">Regions left with a gap in some year.</param>
/// <param name="TotalShortfall">All positive gaps added up over regions and years.</param>
/// <param name="RijkTotal">What the Rijk pays over the horizon.</param>
/// <param name="CashTotal">All cash over regions and years.</param>
public sealed record SensitivityPoint(string Offset, string Value, int RegionsWithGap, string TotalShortfall, string RijkTotal, string CashTotal);

/// <summary>The solver's answer.</summary>
/// <param name="Mode">What was solved.</param>
/// <param name="Feasible">False when even the largest value leaves a gap.</param>
/// <param name="Value">The smallest value that closes every gap (per inhabitant with four decimals, or a percentage); null when infeasible.</param>
/// <param name="Step">The resolution: one ten-thousandth of a euro, or one basis point.</param>
/// <param name="OpenRegions">Regions still with a gap at the largest value (infeasible), else empty.</param>
/// <param name="Sensitivity">The sweep around the value.</param>
public sealed record SolveResult(string Mode, bool Feasible, string? Value, string Step, IReadOnlyList<string> OpenRegions, IReadOnlyList<SensitivityPoint> Sensitivity);

/// <summary>
/// Finds the smallest per-inhabitant amount or co-financing rate that closes every region's gap in every year of the
/// horizon, by bisection over whole steps. The gap never grows when the value grows (scores are measured on current
/// arrangements, adjustments are bounded at -100 %), so the answer is exact: the value closes every gap and one step
/// less does not.
/// </summary>
public static class Solver
{
    /// <summary>Offsets of the sensitivity sweep in percent of the solution.</summary>
    public static IReadOnlyList<int> SweepPercents { get; } = [-20, -10, -5, -1, 0, 1, 5, 10, 20];

    /// <summary>Solves <paramref name="mode"/> on top of <paramref name="scenario"/> (its other settings stay).</summary>
    public static SolveResult Solve(PlanningBase planningBase, Scenario scenario, SolveMode mode)
    {
        long max = mode == SolveMode.PerInhabitant ? PerInhabitantMandate.MaxTenThousandths : 10_000;
        Func<long, ScenarioRun> run = value => ProjectionEngine.Run(planningBase, With(scenario, mode, value));
        var top = run(max);
        if (!top.ClosesEveryGap())
        {
            var open = Enumerable.Range(0, planningBase.Regions)
                .Where(r => Enumerable.Range(0, planningBase.Years).Any(t => top.GapOf(r, t).Cents > 0))
                .Select(r => planningBase.Plans[r].RegionId).ToList();
            return new SolveResult(ModeName(mode), false, null, StepText(mode), open, Sweep(planningBase, scenario, mode, max, max));
        }
        long lo = -1, hi = max;
        // lo never closes (or is below the domain), hi always closes.
        for (var i = 0; i < PlanningLimits.MaxSolverSteps && hi - lo > 1; i++)
        {
            var mid = lo + (hi - lo) / 2;
            if (run(mid).ClosesEveryGap())
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }
        System.Diagnostics.Debug.Assert(hi - lo == 1, "bisection ends on adjacent values");
        return new SolveResult(ModeName(mode), true, Format(mode, hi), StepText(mode), [], Sweep(planningBase, scenario, mode, hi, max));
    }

    /// <summary>The scenario with the solved value set.</summary>
    public static Scenario With(Scenario scenario, SolveMode mode, long value) => mode == SolveMode.PerInhabitant
        ? scenario with { Mandate = PerInhabitantMandate.Alike(new Rate(value)) }
        : scenario with { CoFinancing = new CoFinancing(new Percentage(checked((int)value)), scenario.Rules, null) };

    /// <summary>The API name of a mode.</summary>
    public static string ModeName(SolveMode mode) => mode == SolveMode.PerInhabitant ? "per-inhabitant" : "co-financing-rate";

    /// <summary>A value as text: <c>1.2345</c> per inhabitant or <c>12.34</c> percent.</summary>
    public static string Format(SolveMode mode, long value) =>
        mode == SolveMode.PerInhabitant ? new Rate(value).ToString() : new Percentage(checked((int)value)).ToString();

    private static string StepText(SolveMode mode) => mode == SolveMode.PerInhabitant ? "0.0001" : "0.01";

    private static List<SensitivityPoint> Sweep(PlanningBase b, Scenario scenario, SolveMode mode, long value, long max)
    {
        var points = new List<SensitivityPoint>();
        var seen = new HashSet<long>();
        // Around a zero solution percentages collapse onto zero; sweep in whole steps instead.
        IEnumerable<(string Offset, long Value)> candidates = value == 0
            ? [.. Enumerable.Range(0, 5).Select(k => ($"+{k} steps", (long)k))]
            : [.. SweepPercents.Select(p => (p > 0 ? $"+{p}%" : $"{p}%", SignedPercentage.Scale(value, 100 + p, 100))), ("-1 step", value - 1)];
        foreach (var (offset, v) in candidates.OrderBy(c => c.Item2))
        {
            var clamped = Math.Clamp(v, 0, max);
            if (!seen.Add(clamped))
            {
                continue;
            }
            var run = ProjectionEngine.Run(b, With(scenario, mode, clamped));
            long shortfall = 0, rijk = 0, cash = 0;
            var open = 0;
            for (var r = 0; r < b.Regions; r++)
            {
                var regionOpen = false;
                for (var t = 0; t < b.Years; t++)
                {
                    var gap = run.GapOf(r, t).Cents;
                    shortfall += Math.Max(0, gap);
                    regionOpen |= gap > 0;
                    rijk += run.RijkOf(r, t).Cents;
                    cash += run.CashOf(r, t).Cents;
                }
                open += regionOpen ? 1 : 0;
            }
            points.Add(new SensitivityPoint(offset, Format(mode, clamped), open, new Money(shortfall).ToString(), new Money(rijk).ToString(), new Money(cash).ToString()));
        }
        return points;
    }
}
