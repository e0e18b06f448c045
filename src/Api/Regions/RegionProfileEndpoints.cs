using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PvoFinance.Access;
using PvoFinance.Api.Auth;
using PvoFinance.Api.Problems;
using PvoFinance.Grains.Contracts;

namespace PvoFinance.Api.Regions;

/// <summary><c>PUT /api/regions/{id}/profile</c>: the region's own PVO-manager replaces its profile.</summary>
public static class RegionProfileEndpoints
{
    /// <summary>Maps the endpoint on the regions group.</summary>
    public static void MapRegionProfile(this RouteGroupBuilder regions) =>
        regions.MapPut("/{id}/profile", Put)
            .WithSummary("Replace a region's profile (its own PVO-manager only). managerFte \"0.50\", ccvAdviserDaysPerWeek \"2.0\": exact decimal text.")
            .Produces<RegionChangeView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> Put(string id, ProfileBody? body, CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        if (RegionEndpoints.Refuse(id, caller, rules, write: true) is { } refused)
        {
            return refused;
        }
        if (body is null)
        {
            return ApiProblems.Invalid("body", "A JSON profile is required.");
        }
        var (profile, problem) = body.ToDto();
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem.Field, problem.Reason);
        }
        var reply = await grains.GetGrain<IRegionGrain>(id).UpdateProfile(profile!);
        return reply.Accepted
            ? Results.Ok(new RegionChangeView(reply.Status == RegionReplyStatus.Changed ? "changed" : "unchanged"))
            : ApiProblems.Invalid(reply.Field!, reply.Reason!);
    }
}
