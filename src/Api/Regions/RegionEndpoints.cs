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
/// <c>/api/regions</c>: the ten PVO regions on CBS municipal data. The list is a public summary for any authenticated
/// caller; a region's details are for those who may read the region; its profile is its PVO-manager's to change
/// (<see cref="RegionProfileEndpoints"/>); its population years are the ministry's (<see cref="RegionPopulationEndpoints"/>).
/// </summary>
public static class RegionEndpoints
{
    /// <summary>Maps every <c>/regions</c> endpoint on the <c>/api</c> group.</summary>
    public static RouteGroupBuilder MapRegionsApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/regions").WithTags("Regions");
        group.MapGet("", List)
            .WithSummary("The ten regions: municipalities, inhabitants (latest reference year, or ?year=), provinces and organisation form. Bron: CBS.")
            .Produces<RegionSummaryView[]>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{id}", Details)
            .WithSummary("A region: its municipalities with inhabitants, its profile and the population years recorded.")
            .Produces<RegionDetailsView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapRegionProfile();
        group.MapRegionPopulation();
        return group;
    }

    private static async Task<IResult> List(int? year, IGrainFactory grains)
    {
        if (year is < PopulationHistory.FirstYear or > PopulationHistory.LastYear)
        {
            return ApiProblems.Invalid("year", $"year must be between {PopulationHistory.FirstYear} and {PopulationHistory.LastYear}.");
        }
        var catalog = RegionCatalog.Shipped;
        var regions = await Task.WhenAll(RegionDefinition.All.Select(async r =>
        {
            var grain = grains.GetGrain<IRegionGrain>(r.Id);
            var details = await grain.GetDetails();
            var population = year is null ? details.Latest : await grain.GetPopulation(year);
            return new RegionSummaryView(
                r.Id, r.Name, catalog.MunicipalitiesOf(r.Id).Count, population?.Total, population?.Year,
                [.. catalog.ProvincesOf(r.Id).Order(StringComparer.Ordinal)], details.Profile.Form.ToString());
        }));
        return Results.Ok(regions);
    }

    private static async Task<IResult> Details(string id, CurrentCaller caller, AccessRules rules, IGrainFactory grains, NodaTime.IClock clock)
    {
        if (Refuse(id, caller, rules, write: false) is { } refused)
        {
            return refused;
        }
        var catalog = RegionCatalog.Shipped;
        var details = await grains.GetGrain<IRegionGrain>(id).GetDetails();
        var latest = details.Latest ?? throw new InvalidOperationException($"Region {id} has no population year.");
        return Results.Ok(new RegionDetailsView
        {
            Id = id,
            Name = RegionDefinition.All.First(r => r.Id == id).Name,
            Provinces = [.. catalog.ProvincesOf(id).Order(StringComparer.Ordinal)],
            MunicipalityCount = catalog.MunicipalitiesOf(id).Count,
            Inhabitants = latest.Total,
            ReferenceYear = latest.Year,
            Municipalities = RegionViews.Municipalities(latest, catalog),
            Profile = RegionViews.From(details.Profile, details.ProfileEdited),
            PopulationYears = details.PopulationYears,
            Funding = await PvoFinance.Api.Funding.RegionFundingQuery.LoadAsync(grains, id,
                clock.GetCurrentInstant().InZone(NodaTime.DateTimeZoneProviders.Tzdb["Europe/Amsterdam"]).Year),
        });
    }

    /// <summary>
    /// 404 for an unknown region (region ids are public, so existence is checked first); 403 when the caller may not read
    /// (or, with <paramref name="write"/>, manage) the region; null when the request may go on.
    /// </summary>
    internal static IResult? Refuse(string id, CurrentCaller caller, AccessRules rules, bool write)
    {
        if (!RegionCatalog.Shipped.IsRegion(id))
        {
            return ApiProblems.NotFound("id", $"No region '{Shorten(id)}'; the ten ids are {string.Join(", ", RegionDefinition.All.Select(r => r.Id))}.");
        }
        var scope = Scope.Region(id);
        if (write ? !rules.CanManage(caller.Caller, scope) : !rules.CanRead(caller.Caller, scope))
        {
            return ApiProblems.Forbidden("role", write
                ? $"Only the PVO-manager of {id} may change its profile; the token is {Describe(caller)}."
                : $"A token for {Describe(caller)} does not reach region {id}.");
        }
        return null;
    }

    internal static string Describe(CurrentCaller caller) => $"{caller.Role} with reach {caller.Reach}";

    internal static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
