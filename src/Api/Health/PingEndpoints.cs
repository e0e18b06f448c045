using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PvoFinance.Api.Auth;

namespace PvoFinance.Api.Health;

/// <summary>
/// <c>GET /api/ping</c>: the cheapest authenticated request — the token is checked and the caller made, as for every
/// <c>/api</c> call, and nothing else: no grain, no storage. Load tests measure it beside real requests, so what
/// they see is the cost of the grains and storage behind an endpoint, not of HTTP, authentication or the machine.
/// </summary>
public static class PingEndpoints
{
    /// <summary>The reply: the caller's role and reach as the token gave them.</summary>
    /// <param name="Role">The caller's role.</param>
    /// <param name="Reach">The caller's reach (national, a province or a region).</param>
    public sealed record PingReply(string Role, string Reach);

    /// <summary>Maps the endpoint on the <c>/api</c> group (which authenticates and makes the caller).</summary>
    public static RouteHandlerBuilder MapPing(this RouteGroupBuilder api) =>
        api.MapGet("/ping", (CurrentCaller caller) => TypedResults.Ok(new PingReply(caller.Role.ToString(), caller.Reach.ToString())))
            .WithTags("Health")
            .WithSummary("Authenticated no-op: answers the caller's role and reach, touching no grain or storage.")
            .Produces<PingReply>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
}
