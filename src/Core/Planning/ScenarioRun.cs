namespace PvoFinance.Planning;

/// <summary>
/// The figures of one scenario over one base: every region, year and line as whole cents in flat arrays (region r,
/// year index t at r × years + t), so a sweep of thousands of scenarios allocates a few small arrays per run and the
/// reports read the same numbers. Produced only by <see cref="ProjectionEngine.Run"/>.
/// </summary>
public sealed class ScenarioRun
{
    internal ScenarioRun(PlanningBase planningBase, Scenario scenario)
    {
        Base = planningBase;
        Scenario = scenario;
        var cells = planningBase.Regions * planningBase.Years;
        Income = new long[cells * IncomeSources.Count];
        Costs = new long[cells * CostItems.Count];
        InKind = new long[cells * CostItems.InKindCount];
        Inhabitants = new long[cells];
        Scores = new int[cells];
        Adjustments = new int[cells];
    }

    /// <summary>The base the run used.</summary>
    public PlanningBase Base { get; }

    /// <summary>The scenario the run used.</summary>
    public Scenario Scenario { get; }

    internal long[] Income { get; }

    internal long[] Costs { get; }

    internal long[] InKind { get; }

    internal long[] Inhabitants { get; }

    internal int[] Scores { get; }

    internal int[] Adjustments { get; }

    /// <summary>How many municipality-years the run computed inhabitants for (the benchmark's cells).</summary>
    public long MunicipalityYears => (long)Base.Municipalities * Base.Years;

    /// <summary>One income line of region <paramref name="r"/> in year index <paramref name="t"/>.</summary>
    public Money IncomeOf(int r, int t, IncomeSource source) => new(Income[((r * Base.Years) + t) * IncomeSources.Count + (int)source]);

    /// <summary>One cost line.</summary>
    public Money CostOf(int r, int t, CostItem item) => new(Costs[((r * Base.Years) + t) * CostItems.Count + (int)item]);

    /// <summary>One in-kind line.</summary>
    public Money InKindOf(int r, int t, InKindItem item) => new(InKind[((r * Base.Years) + t) * CostItems.InKindCount + (int)item]);

    /// <summary>The region's inhabitants in the year (1 January, grown by the scenario's assumption).</summary>
    public long InhabitantsOf(int r, int t) => Inhabitants[(r * Base.Years) + t];

    /// <summary>The maturity score in the year.</summary>
    public int ScoreOf(int r, int t) => Scores[(r * Base.Years) + t];

    /// <summary>The bonus (positive) or malus of the score's band.</summary>
    public SignedPercentage AdjustmentOf(int r, int t) => new(Adjustments[(r * Base.Years) + t]);

    /// <summary>All cash income of the year.</summary>
    public Money CashOf(int r, int t) => new(Sum(Income, ((r * Base.Years) + t) * IncomeSources.Count, IncomeSources.Count));

    /// <summary>All costs of the year.</summary>
    public Money CostTotalOf(int r, int t) => new(Sum(Costs, ((r * Base.Years) + t) * CostItems.Count, CostItems.Count));

    /// <summary>All in-kind value of the year.</summary>
    public Money InKindTotalOf(int r, int t) => new(Sum(InKind, ((r * Base.Years) + t) * CostItems.InKindCount, CostItems.InKindCount));

    /// <summary>What is not covered: costs minus cash minus in-kind. Positive is a shortfall, negative a surplus.</summary>
    public Money GapOf(int r, int t) => CostTotalOf(r, t) - CashOf(r, t) - InKindTotalOf(r, t);

    /// <summary>What the Rijk pays the region in the year (scheme, per inhabitant, co-financing).</summary>
    public Money RijkOf(int r, int t) =>
        IncomeOf(r, t, IncomeSource.RijkScheme) + IncomeOf(r, t, IncomeSource.RijkPerInhabitant) + IncomeOf(r, t, IncomeSource.RijkCoFinancing);

    /// <summary>True when no region has a gap in any year.</summary>
    public bool ClosesEveryGap()
    {
        for (var r = 0; r < Base.Regions; r++)
        {
            for (var t = 0; t < Base.Years; t++)
            {
                if (GapOf(r, t).Cents > 0)
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static long Sum(long[] values, int start, int count)
    {
        long sum = 0;
        for (var i = 0; i < count; i++)
        {
            sum = checked(sum + values[start + i]);
        }
        return sum;
    }
}
