using PvoFinance.Funding;
using PvoFinance.Planning;
using PvoFinance.Regions;

namespace PvoFinance.Core.Tests.Planning;

public sealed class SolverTests
{
    private static readonly PlanningBase Base = PlanningBase.Create(RegionCatalog.Shipped, 2026, 5);

    [Fact]
    public void The_status_quo_leaves_gaps()
    {
        Assert.False(ProjectionEngine.Run(Base, Scenario.StatusQuo).ClosesEveryGap());
    }

    [Fact]
    public void The_per_inhabitant_amount_is_minimal()
    {
        var result = Solver.Solve(Base, Scenario.StatusQuo, SolveMode.PerInhabitant);
        Assert.True(result.Feasible);
        Assert.True(Rate.TryParse(result.Value, out var rate, out _));
        Assert.True(rate.TenThousandths > 0);
        Assert.True(ProjectionEngine.Run(Base, Solver.With(Scenario.StatusQuo, SolveMode.PerInhabitant, rate.TenThousandths)).ClosesEveryGap());
        Assert.False(ProjectionEngine.Run(Base, Solver.With(Scenario.StatusQuo, SolveMode.PerInhabitant, rate.TenThousandths - 1)).ClosesEveryGap());
        // The sweep shows gaps below the value and none at or above it.
        Assert.Contains(result.Sensitivity, p => p.Offset == "-1 step" && p.RegionsWithGap > 0);
        Assert.All(result.Sensitivity.Where(p => Rate.TryParse(p.Value, out var v, out _) && v.TenThousandths >= rate.TenThousandths), p => Assert.Equal(0, p.RegionsWithGap));
    }

    [Fact]
    public void The_co_financing_rate_is_minimal()
    {
        var result = Solver.Solve(Base, Scenario.StatusQuo, SolveMode.CoFinancingRate);
        Assert.True(result.Feasible);
        Assert.True(Percentage.TryParse(result.Value, out var rate, out _));
        Assert.True(ProjectionEngine.Run(Base, Solver.With(Scenario.StatusQuo, SolveMode.CoFinancingRate, rate.BasisPoints)).ClosesEveryGap());
        Assert.False(ProjectionEngine.Run(Base, Solver.With(Scenario.StatusQuo, SolveMode.CoFinancingRate, rate.BasisPoints - 1)).ClosesEveryGap());
    }

    [Fact]
    public void An_impossible_rate_is_reported_with_the_regions_left_open()
    {
        // A malus of 100 % for everyone: no rate can close anything.
        var rules = MaturityRules.Default with { Bands = [new(0, new(-100_00))] };
        var scenario = Scenario.StatusQuo with { CoFinancing = new CoFinancing(new Percentage(0), rules, null) };
        var result = Solver.Solve(Base, scenario, SolveMode.CoFinancingRate);
        Assert.False(result.Feasible);
        Assert.Null(result.Value);
        Assert.NotEmpty(result.OpenRegions);
    }

    [Fact]
    public void Solving_twice_gives_the_same_answer()
    {
        var a = Solver.Solve(Base, Scenario.StatusQuo, SolveMode.PerInhabitant);
        var b = Solver.Solve(Base, Scenario.StatusQuo, SolveMode.PerInhabitant);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(a), System.Text.Json.JsonSerializer.Serialize(b));
    }
}
