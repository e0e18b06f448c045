using System.Diagnostics;
using System.Globalization;
using PvoFinance.Funding;
using PvoFinance.Planning;
using PvoFinance.Regions;

namespace PvoFinance.Bench;

/// <summary>
/// <c>./bench.sh scenarios</c>: a sweep of 10,000 scenario variants over the ten regions, their 342 municipalities and
/// five years, through the real engine (<see cref="ProjectionEngine.Run"/>: inhabitants per municipality and year,
/// indexation, every income line, bonus/malus, budget-neutral splits). A cell is one municipality in one year of one
/// variant. Pure CPU, no storage.
/// </summary>
internal static class ScenarioBenchmark
{
    public static int Run()
    {
        const int variants = 10_000, years = 5, from = 2026;
        var planningBase = PlanningBase.Create(RegionCatalog.Shipped, from, years);
        var scenarios = Enumerable.Range(0, variants).Select(Variant).ToArray();
        var cells = (long)variants * ProjectionEngine.Cells(planningBase);

        // Warm-up outside the clock for one second: long enough for tiered JIT to recompile the engine with full
        // optimisation, as it is in a service that has been running for a while.
        var warm = Stopwatch.StartNew();
        for (var i = 0; warm.Elapsed < TimeSpan.FromSeconds(1); i = (i + 1) % variants)
        {
            ProjectionEngine.Run(planningBase, scenarios[i]);
        }

        var gaps = new long[variants];
        var closed = new bool[variants];
        var sw = Stopwatch.StartNew();
        Parallel.For(0, variants, new ParallelOptions { MaxDegreeOfParallelism = int.Parse(Environment.GetEnvironmentVariable("PVO_BENCH_THREADS") ?? "-1", System.Globalization.CultureInfo.InvariantCulture) }, i =>
        {
            var run = ProjectionEngine.Run(planningBase, scenarios[i]);
            long gap = 0;
            for (var r = 0; r < planningBase.Regions; r++)
            {
                for (var t = 0; t < years; t++)
                {
                    gap += run.GapOf(r, t).Cents;
                }
            }
            gaps[i] = gap;
            closed[i] = run.ClosesEveryGap();
        });
        sw.Stop();

        var seconds = sw.Elapsed.TotalSeconds;
        // One thread, per kind, to show where the time goes (not part of the headline figure).
        string[] kinds = ["per-inhabitant", "co-financing", "budget-neutral", "combination"];
        for (var k = 0; k < kinds.Length; k++)
        {
            var one = Stopwatch.StartNew();
            var n = 0;
            for (var i = k; i < variants; i += 4 * 5)
            {
                ProjectionEngine.Run(planningBase, scenarios[i]);
                n++;
            }
            Console.WriteLine($"  one thread, {kinds[k],-15} {one.Elapsed.TotalMicroseconds / n,8:F1} µs per variant");
        }
        Console.WriteLine($"PvoFinance scenario sweep: {variants:N0} variants x {planningBase.Regions} regions x {planningBase.Municipalities} municipalities x {years} years on {Environment.ProcessorCount} cores");
        Console.WriteLine($"  variants closing every gap: {closed.Count(c => c):N0}; smallest summed gap {new Money(gaps.Min())}; largest {new Money(gaps.Max())}");
        Console.WriteLine($"  {cells / seconds:N0} cells/s, {seconds * 1_000_000 / variants:F1} µs per variant");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"variants={variants} cells={cells} seconds={seconds:F3}"));
        return 0;
    }

    // Deterministic variants: the four kinds in turn (mandate, co-financing, budget-neutral, both), with rates, pots,
    // weights, bands, indexation and growth all varying with the index.
    private static Scenario Variant(int i)
    {
        var assumptions = new PlanningAssumptions(new SignedPercentage(100 + (i % 300)), new SignedPercentage((i % 11) - 5) with { BasisPoints = ((i % 11) - 5) * 10 });
        var weights = new[] { 10 + (i % 7), 15, 10 + (i % 11), 15, 15, 10, 5 + (i % 13) };
        var rules = new MaturityRules(weights, new Percentage(4_000 + (i % 2_000)),
            [new ScoreBand(0, new SignedPercentage(-(i % 3_000))), new ScoreBand(40, new SignedPercentage(0)), new ScoreBand(60 + (i % 20), new SignedPercentage(i % 3_000))]);
        var mandate = PerInhabitantMandate.Alike(new Rate(1_000 + (i % 9_000)));
        return (i % 4) switch
        {
            0 => new Scenario($"v{i}", "", mandate, null, assumptions),
            1 => new Scenario($"v{i}", "", null, new CoFinancing(new Percentage(i % 10_000), rules, null), assumptions),
            2 => new Scenario($"v{i}", "", null, new CoFinancing(default, rules, Money.FromCents(100_000_000L + i * 10_000L)), assumptions),
            _ => new Scenario($"v{i}", "", mandate, new CoFinancing(new Percentage(i % 5_000), rules, null), assumptions),
        };
    }
}
