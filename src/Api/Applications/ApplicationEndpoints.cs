using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using PvoFinance.Api.Auth;
using PvoFinance.Api.Ledger;
using PvoFinance.Api.Problems;
using PvoFinance.Applications;
using PvoFinance.Grains.Applications;

namespace PvoFinance.Api.Applications;

/// <summary>The body of <c>POST /api/applications</c>.</summary>
/// <param name="Id">The application id, <c>[a-z0-9-]{1,60}</c>.</param>
/// <param name="Region">The applying region.</param>
/// <param name="FundingSource">The funding source (national scheme or provincial fund).</param>
/// <param name="Title">What the activities are.</param>
/// <param name="Requested">The amount requested, e.g. <c>"30000.00"</c>.</param>
/// <param name="ProjectCosts">The project's total costs (co-financing shares are shares of these); default the requested amount.</param>
/// <param name="Theme">The project's theme (checked against earmarked sources).</param>
/// <param name="Funding">The funding plan: the requested amount over the fund applied to and other sources (the region's own, or the same owner's); default all from <paramref name="FundingSource"/>.</param>
public sealed record ApplicationBody(string? Id, string? Region, string? FundingSource, string? Title, string? Requested,
    string? ProjectCosts = null, string? Theme = null, IReadOnlyList<FundingPartDto>? Funding = null);

/// <summary>
/// Subsidy applications: create a draft, read it with its figures (from the ledger) and the actions the caller
/// may take, and act on it. Every action honours an <c>Idempotency-Key</c> header.
/// </summary>
public static class ApplicationEndpoints
{
    /// <summary>The largest action body accepted.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Maps the application endpoints.</summary>
    public static RouteGroupBuilder MapApplicationsApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/applications").WithTags("Applications");
        group.MapApplicationLists();
        group.MapPost("/", Create).WithSummary("Start a draft application (PVO-manager of the region).")
            .Produces<ApplicationView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/{id}", Get).WithSummary("An application: state, figures from the ledger, deadlines, history and the caller's actions.")
            .Produces<ApplicationView>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/{action}", Act)
            .WithSummary("Act on an application: submit, start-review, request-information, supply-information, grant, reject, withdraw, pay-advance, submit-accountability, determine, record-payment, record-reclaim, ….")
            .WithDescription("The body is the action's payload (e.g. edit-draft: title, requested, projectCosts, theme, funding; grant: amount, endDate, accountabilityDue, advances, reason, split; approve-amendment: budget, endDate, accountabilityDue, remainingAdvances, reason, split; determine: amount, reason; pay-advance, record-payment, record-reclaim: amount, reference; others: reason). Refusals are problems naming the field: 403 caller, 409 state, 400 content, 422 ceiling (every part of a split is reserved or none).")
            .Accepts<Dictionary<string, object>>("application/json")
            .Produces<ApplicationView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    private static async Task<IResult> Create(ApplicationBody? body, HttpContext http, CurrentCaller caller, IGrainFactory grains)
    {
        if (!ApplicationGrain.IsValidId(body?.Id))
        {
            return ApiProblems.Invalid("id", "An application id is 1..60 of a-z, 0-9 and '-'.");
        }
        if (body!.Id == "due")
        {
            return ApiProblems.Invalid("id", "'due' names the list of deadlines (GET /api/applications/due); choose another id.");
        }
        if (string.IsNullOrEmpty(body.Region))
        {
            return ApiProblems.Invalid("region", "The applying region is required.");
        }
        if (string.IsNullOrEmpty(body.FundingSource))
        {
            return ApiProblems.Invalid("fundingSource", "The funding source is required.");
        }
        if (ActorOf(http, caller) is not { } actor)
        {
            return ApiProblems.Forbidden("sub", "The token has no subject.");
        }
        var reply = await grains.GetGrain<IApplicationGrain>(body.Id!).Create(actor,
            new CreateApplicationDto(body.Region, body.FundingSource, body.Title ?? "", body.Requested ?? "", body.ProjectCosts, body.Theme, body.Funding));
        if (reply.Status == StatusCodes.Status201Created)
        {
            http.Response.Headers.Location = $"/api/applications/{body.Id}";
        }
        return Answer(reply);
    }

    private static async Task<IResult> Get(string id, HttpContext http, CurrentCaller caller, IGrainFactory grains)
    {
        if (!ApplicationGrain.IsValidId(id))
        {
            return ApiProblems.NotFound("id", $"No application '{id}'.");
        }
        if (ActorOf(http, caller) is not { } actor)
        {
            return ApiProblems.Forbidden("sub", "The token has no subject.");
        }
        return Answer(await grains.GetGrain<IApplicationGrain>(id).Get(actor));
    }

    private static async Task<IResult> Act(string id, string action, HttpContext http, CurrentCaller caller, IGrainFactory grains,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey)
    {
        if (!ApplicationGrain.IsValidId(id))
        {
            return ApiProblems.NotFound("id", $"No application '{id}'.");
        }
        if (!ActionNames.TryParse(action, out var trigger))
        {
            return ApiProblems.NotFound("action", $"No action '{action}'; known: {string.Join(", ", ActionNames.All)}.");
        }
        if (idempotencyKey is { Length: 0 or > 200 })
        {
            return ApiProblems.Invalid("Idempotency-Key", "An idempotency key has 1..200 characters.");
        }
        if (ActorOf(http, caller) is not { } actor)
        {
            return ApiProblems.Forbidden("sub", "The token has no subject.");
        }
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return ApiProblems.Malformed(StatusCodes.Status413PayloadTooLarge, "body", $"An action body is at most {MaxBodyBytes} bytes.");
        }
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        if (body.Length > MaxBodyBytes)
        {
            return ApiProblems.Malformed(StatusCodes.Status413PayloadTooLarge, "body", $"An action body is at most {MaxBodyBytes} bytes.");
        }
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{actor.UserId}\n{action}\n{body}")));
        var reply = await grains.GetGrain<IApplicationGrain>(id).Fire(actor, trigger, body, idempotencyKey, fingerprint);
        return Answer(reply);
    }

    private static IResult Answer(ApplicationReply reply) => reply.Ok
        ? Results.Text(reply.Json!, "application/json", Encoding.UTF8, reply.Status)
        : ApiProblems.Refused(reply.Status, reply.Code!, reply.Field, reply.Reason!);

    // The actor is the token's subject with the caller's role and reach.
    private static ActorDto? ActorOf(HttpContext http, CurrentCaller caller) =>
        http.User.FindFirst("sub")?.Value is { Length: > 0 and <= Actor.MaxUserIdLength } sub
            ? new ActorDto(sub, caller.Role, caller.Reach.ToString())
            : null;
}
