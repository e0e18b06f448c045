using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using PvoFinance.Api.Auth;
using PvoFinance.Api.Problems;
using PvoFinance.Applications;
using PvoFinance.Grains.Applications;

namespace PvoFinance.Api.Applications;

/// <summary>
/// <c>GET /api/applications/{id}/history</c>: an application's history a page at a time, newest page first (the
/// application's view shows only the newest <see cref="ApplicationGrain.ShownHistoryEntries"/> entries). Readable by
/// whoever may read the application.
/// </summary>
public static class ApplicationHistoryEndpoints
{
    /// <summary>Entries per page when no pageSize is given.</summary>
    public const int DefaultPageSize = ApplicationGrain.ShownHistoryEntries;

    /// <summary>Maps the history endpoint on the applications group.</summary>
    public static RouteGroupBuilder MapApplicationHistory(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapGet("/{id}/history", History)
            .WithSummary($"An application's history, a page at a time from the newest (pageSize, default {DefaultPageSize}, at most {ApplicationGrain.MaxHistoryPageSize}; follow next as continuation for older entries), each page oldest first.")
            .Produces<HistoryPageView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<IResult> History(string id, [FromQuery] string? pageSize, [FromQuery] string? continuation, HttpContext http, CurrentCaller caller,
        IGrainFactory grains)
    {
        if (!ApplicationGrain.IsValidId(id))
        {
            return ApiProblems.NotFound("id", $"No application '{id}'.");
        }
        var size = DefaultPageSize;
        if (pageSize is not null && (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > ApplicationGrain.MaxHistoryPageSize))
        {
            return ApiProblems.Invalid("pageSize", $"pageSize is a whole number of history entries, 1..{ApplicationGrain.MaxHistoryPageSize}.");
        }
        int? before = null;
        if (continuation is not null)
        {
            if (!int.TryParse(continuation, NumberStyles.None, CultureInfo.InvariantCulture, out var b) || b is < 2 or > ApplicationLimits.MaxHistoryEntries + 1)
            {
                return ApiProblems.Invalid("continuation", "continuation is the 'next' of an earlier page of this application's history.");
            }
            before = b;
        }
        if (http.User.FindFirst("sub")?.Value is not { Length: > 0 and <= Actor.MaxUserIdLength } sub)
        {
            return ApiProblems.Forbidden("sub", "The token has no subject.");
        }
        return ApplicationAnswers.Answer(await grains.GetGrain<IApplicationGrain>(id).History(new ActorDto(sub, caller.Role, caller.Reach.ToString()), size, before));
    }
}
