using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PvoFinance.Access;
using PvoFinance.Api.Auth;
using PvoFinance.Api.Problems;
using PvoFinance.Grains.Contracts;
using PvoFinance.Regions;

namespace PvoFinance.Api.Regions;

/// <summary>
/// <c>/api/regions/{id}/population</c>: inhabitants per municipality per reference year. Reading follows the region's
/// read rule (the details show the latest year to the same callers); recording a year is the ministry's.
/// </summary>
public static class RegionPopulationEndpoints
{
    /// <summary>Maps the endpoints on the regions group.</summary>
    public static void MapRegionPopulation(this RouteGroupBuilder regions)
    {
        regions.MapGet("/{id}/population", Get)
            .WithSummary("A region's inhabitants per municipality in a reference year (?year=, default the latest). Bron: CBS.")
            .Produces<PopulationView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        regions.MapPut("/{id}/population", Put)
            .WithSummary("Record a new reference year: every municipality of the region once (ministry only). A recorded year never changes.")
            .Produces<RegionChangeView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> Get(string id, int? year, CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        if (RegionEndpoints.Refuse(id, caller, rules, write: false) is { } refused)
        {
            return refused;
        }
        if (year is < PopulationHistory.FirstYear or > PopulationHistory.LastYear)
        {
            return ApiProblems.Invalid("year", $"year must be between {PopulationHistory.FirstYear} and {PopulationHistory.LastYear}.");
        }
        var population = await grains.GetGrain<IRegionGrain>(id).GetPopulation(year);
        return population is null
            ? ApiProblems.NotFound("year", $"No population recorded for {id} in {year}.")
            : Results.Ok(new PopulationView(id, population.Year, population.Total, RegionViews.Municipalities(population, RegionCatalog.Shipped)));
    }

    private static async Task<IResult> Put(string id, PopulationBody? body, CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        if (!RegionCatalog.Shipped.IsRegion(id))
        {
            return RegionEndpoints.Refuse(id, caller, rules, write: false)!;
        }
        if (!rules.CanManage(caller.Caller, Scope.National))
        {
            return ApiProblems.Forbidden("role", $"Only the ministry records population years; the token is {RegionEndpoints.Describe(caller)}.");
        }
        if (body is null)
        {
            return ApiProblems.Invalid("body", "A JSON body with year and municipalities is required.");
        }
        var (year, counts, problem) = body.ToDto();
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem.Field, problem.Reason);
        }
        var reply = await grains.GetGrain<IRegionGrain>(id).RecordPopulation(year, counts!);
        return reply.Accepted
            ? Results.Ok(new RegionChangeView(reply.Status == RegionReplyStatus.Changed ? "changed" : "unchanged"))
            : ApiProblems.Invalid(reply.Field!, reply.Reason!);
    }
}
