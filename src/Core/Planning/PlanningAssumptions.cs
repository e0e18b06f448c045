namespace PvoFinance.Planning;

/// <summary>The general assumptions of a scenario.</summary>
/// <param name="Indexation">Yearly indexation of costs, -10 % .. +10 %.</param>
/// <param name="PopulationGrowth">Yearly growth of every municipality's inhabitants, -5 % .. +5 %.</param>
public sealed record PlanningAssumptions(SignedPercentage Indexation, SignedPercentage PopulationGrowth)
{
    /// <summary>Bounds of indexation in basis points.</summary>
    public const int MaxIndexation = 10_00;

    /// <summary>Bounds of population growth in basis points.</summary>
    public const int MaxGrowth = 5_00;

    /// <summary>The status-quo assumptions (<see cref="StatusQuo.Indexation"/>, <see cref="StatusQuo.PopulationGrowth"/>).</summary>
    public static PlanningAssumptions Default { get; } = new(StatusQuo.Indexation, StatusQuo.PopulationGrowth);
}
