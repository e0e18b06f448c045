using Microsoft.AspNetCore.Http;
using NodaTime;
using PvoFinance.Access;
using PvoFinance.Api.Planning;
using PvoFinance.Api.Problems;
using PvoFinance.Funding;
using PvoFinance.Grains.Contracts;
using PvoFinance.Grains.Funding;
using PvoFinance.Grains.Planning;
using PvoFinance.Planning;
using PvoFinance.Regions;

namespace PvoFinance.Api.Funding;

/// <summary>
/// What a distribution reads before it is worked out: the regions the source reaches (every region for a national
/// scheme; for a provincial fund those with a municipality in its province), their inhabitants from the region grains'
/// population history (the latest recorded CBS year not after the budget year; for a provincial fund only the
/// municipalities in the province), or the figures of a named scenario version for the year.
/// </summary>
public static class DistributionInputs
{
    /// <summary>The regions of <paramref name="source"/>, weighed for <paramref name="request"/>; or a problem.</summary>
    public static async Task<(IReadOnlyList<DistributionRegion>? Regions, DistributionRequest? Request, IResult? Problem)> LoadAsync(
        IGrainFactory grains, IClock clock, FundingSourceDto source, DistributionRequest request)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(request);
        Scope.TryParse(source.Owner, out var owner);
        var province = owner?.Level == ScopeLevel.Province ? owner.Name : null;
        var catalog = RegionCatalog.Shipped;
        var regions = RegionDefinition.All.Where(r => province is null || catalog.ProvincesOf(r.Id).Contains(province)).ToList();
        if (request.Rule == DistributionRule.Scenario)
        {
            return await ScenarioAsync(grains, clock, source, province is not null, request, regions);
        }
        var weighed = await Task.WhenAll(regions.Select(async r =>
        {
            var grain = grains.GetGrain<IRegionGrain>(r.Id);
            var year = DistributionPlanner.ReferenceYear((await grain.GetDetails()).PopulationYears, request.Year);
            if (year is null || await grain.GetPopulation(year) is not { } population)
            {
                return new DistributionRegion(r.Id, r.Name, null, null, null);
            }
            var inProvince = catalog.MunicipalitiesOf(r.Id).Where(m => province is null || m.Province == province).Select(m => m.Code).ToHashSet(StringComparer.Ordinal);
            return new DistributionRegion(r.Id, r.Name, population.Municipalities.Where(m => inProvince.Contains(m.Code)).Sum(m => (long)m.Inhabitants), year, null);
        }));
        return (weighed, request, null);
    }

    // The scenario's money from this kind of funder for the year: the Rijk's per-inhabitant mandate and co-financing
    // (bonus/malus included) for a national scheme, the province's per-inhabitant mandate for a provincial fund.
    private static async Task<(IReadOnlyList<DistributionRegion>?, DistributionRequest?, IResult?)> ScenarioAsync(
        IGrainFactory grains, IClock clock, FundingSourceDto source, bool provincial, DistributionRequest request, IReadOnlyList<RegionDefinition> regions)
    {
        if (request.ScenarioId is null)
        {
            return (null, null, ApiProblems.Invalid("scenario", "The rule scenario names a scenario (its id, and optionally its version)."));
        }
        if (PlanningBase.CheckHorizon(request.Year, 1) is { } horizon)
        {
            return (null, null, ApiProblems.Invalid("year", $"A scenario covers {PlanningLimits.FirstYear}..{PlanningLimits.LastYear}: {horizon.Reason}"));
        }
        Scenario scenario;
        int version;
        if (request.ScenarioId == Scenario.StatusQuoId)
        {
            if (request.ScenarioVersion is not (null or 1))
            {
                return (null, null, ApiProblems.NotFound("version", "The status quo has only version 1."));
            }
            (scenario, version) = (Scenario.StatusQuo, 1);
        }
        else
        {
            if (!ScenarioGrain.IsValidId(request.ScenarioId))
            {
                return (null, null, ApiProblems.Invalid("scenario", "A scenario id is 1..60 of a-z, 0-9 and '-'."));
            }
            if (request.ScenarioVersion is < 1)
            {
                return (null, null, ApiProblems.Invalid("version", "A version is 1 or more."));
            }
            var saved = await grains.GetGrain<IScenarioGrain>(request.ScenarioId).Get(request.ScenarioVersion);
            if (saved is null)
            {
                return (null, null, ApiProblems.NotFound(request.ScenarioVersion is null ? "scenario" : "version",
                    request.ScenarioVersion is null ? $"No scenario '{request.ScenarioId}'." : $"Scenario '{request.ScenarioId}' has no version {request.ScenarioVersion}."));
            }
            (scenario, version) = (ScenarioDocument.Deserialize(saved.Json), saved.Version);
        }
        var (planningBase, _) = await PlanningInputs.BaseAsync(grains, clock, request.Year, 1, []);
        var run = ProjectionEngine.Run(planningBase, scenario);
        var weighed = regions.Select(r =>
        {
            var i = planningBase.RegionIndex(r.Id);
            var cents = provincial
                ? run.IncomeOf(i, 0, IncomeSource.ProvincePerInhabitant).Cents
                : run.IncomeOf(i, 0, IncomeSource.RijkPerInhabitant).Cents + run.IncomeOf(i, 0, IncomeSource.RijkCoFinancing).Cents;
            return new DistributionRegion(r.Id, r.Name, null, null, cents);
        }).ToList();
        return (weighed, request with { ScenarioVersion = version }, null);
    }
}
