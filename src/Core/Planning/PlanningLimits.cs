namespace PvoFinance.Planning;

/// <summary>
/// The explicit bounds of planning: every loop over years, regions, scenarios, versions or variants has one, so no
/// request can make the engine work without end.
/// </summary>
public static class PlanningLimits
{
    /// <summary>Earliest first year of a projection.</summary>
    public const int FirstYear = 2000;

    /// <summary>Latest year a projection may reach (its first year plus horizon minus one).</summary>
    public const int LastYear = 2100;

    /// <summary>Longest horizon: ten years (the field asks for two to five).</summary>
    public const int MaxHorizonYears = 10;

    /// <summary>The horizon when none is asked for: five years.</summary>
    public const int DefaultHorizonYears = 5;

    /// <summary>Most stored scenarios.</summary>
    public const int MaxScenarios = 200;

    /// <summary>Most versions one scenario keeps; a save beyond it is refused (make a new scenario).</summary>
    public const int MaxVersions = 100;

    /// <summary>Most scenarios compared side by side.</summary>
    public const int MaxCompared = 5;

    /// <summary>Most variants one sweep runs (the benchmark runs 10,000).</summary>
    public const int MaxVariants = 100_000;

    /// <summary>Longest scenario name.</summary>
    public const int MaxNameChars = 100;

    /// <summary>Longest scenario description.</summary>
    public const int MaxDescriptionChars = 1_000;

    /// <summary>Most score bands in a bonus/malus rule.</summary>
    public const int MaxBands = 10;

    /// <summary>Highest weight of one maturity criterion; the seven weights add up to at most 7 × this.</summary>
    public const int MaxWeight = 100;

    /// <summary>Most binary-search steps the solver takes; 64 halvings exhaust any long range.</summary>
    public const int MaxSolverSteps = 64;
}
