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
using PvoFinance.Documents;
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
public sealed record ApplicationBody(string Id, string Region, string FundingSource, string Title, string Requested,
    string? ProjectCosts = null, string? Theme = null, IReadOnlyList<FundingPartBody>? Funding = null);

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
        group.MapApplicationHistory();
        group.MapApplicationDocuments();
        group.MapPost("/", Create).WithSummary("Start a draft application (PVO-manager of the region).")
            .Produces<ApplicationView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/{id}", Get).WithSummary("An application: state, figures from the ledger, deadlines, history and the caller's actions.")
            .Produces<ApplicationView>().ProducesProblem(StatusCodes.Status404NotFound);
        // One operation per lifecycle action, each with its own body schema and answers (issue 13); an address
        // that names no action is a 404 problem listing the actions.
        MapAction<EditDraftBody>(group, "Edit the draft: title, requested amount, project costs, theme and funding plan (PVO-manager).", required: true);
        MapAction<SubmitBody>(group, "Submit the complete draft; the decision term starts (PVO-manager).", required: false);
        MapAction<StartReviewBody>(group, "Take the application into review (fund owner).", required: false);
        MapAction<ExtendDecisionTermBody>(group, "Extend the decision term once, by weeks, with a reason (fund owner).", required: true);
        MapAction<RequestInformationBody>(group, "Ask for more information; the decision term is suspended. A reason is required (fund owner).", required: false);
        MapAction<SupplyInformationBody>(group, "Supply the information asked for; the term runs again (PVO-manager).", required: false);
        MapAction<GrantBody>(group, "Grant: amount, end date, advances and split; tier A is determined at once, tier C needs two approvers (fund owner).", required: true);
        MapAction<RejectBody>(group, "Refuse the application. A reason is required (fund owner).", required: false);
        MapAction<WithdrawBody>(group, "Withdraw before a decision (PVO-manager).", required: false);
        MapAction<PayAdvanceBody>(group, "Record the next scheduled advance as paid (treasurer).", required: true);
        MapAction<RequestAmendmentBody>(group, "Ask to change the granted budget or end date (PVO-manager).", required: true);
        MapAction<ApproveAmendmentBody>(group, "Approve an amendment with the new terms, decided like a grant (fund owner).", required: true);
        MapAction<RefuseAmendmentBody>(group, "Refuse an amendment; the grant stands. A reason is required (fund owner).", required: false);
        MapAction<SubmitAccountabilityBody>(group, "Account for results and, per tier, realised costs and an auditor's statement (PVO-manager).", required: false);
        MapAction<DetermineBody>(group, "Determine the final amount; tier C needs two approvers (fund owner).", required: true);
        MapAction<RecordPaymentBody>(group, "Record a payment of what is still due after the determination (treasurer).", required: true);
        MapAction<RecordReclaimBody>(group, "Record money received back on a reclaim (treasurer).", required: true);
        MapAction<RevokeBody>(group, "Revoke the grant or, within five years, the determination. A reason is required (fund owner).", required: false);
        MapAction<CloseBody>(group, "Archive a finished file (fund owner).", required: false);
        MapAction<LodgeObjectionBody>(group, "Object to a decision within six weeks, with grounds; once per decision (PVO-manager).", required: true);
        MapAction<ExtendObjectionTermBody>(group, "Refer the open objection to an advisory committee or extend its term, each once (fund owner).", required: true);
        MapAction<DecideObjectionBody>(group, "Decide the open objection: unfounded, or founded with the revised decision (fund owner; tier C twice).", required: true);
        MapAction<GiveNoticeOfDefaultBody>(group, "Give notice of default after the decision term passed; the penalty runs two weeks later (PVO-manager).", required: false);
        MapAction<DecidePenaltyBody>(group, "Decide the penalty for the late decision: the law's amount, or zero on a ground of Awb 4:17 lid 6 (fund owner).", required: true);
        MapAction<PayPenaltyBody>(group, "Record a payment of the decided penalty to the region (treasurer, not who decided it).", required: true);
        group.MapPost("/{id}/{action}", Unknown).ExcludeFromDescription();
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
        var (content, problem) = DraftReader.Read(body);
        if (problem is not null)
        {
            return problem;
        }
        var reply = await grains.GetGrain<IApplicationGrain>(body.Id!).Create(actor, new CreateApplicationDto(body.Region, body.FundingSource, content!));
        if (reply.Created)
        {
            http.Response.Headers.Location = $"/api/applications/{body.Id}";
        }
        return ApplicationAnswers.Answer(reply);
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
        return ApplicationAnswers.Answer(await grains.GetGrain<IApplicationGrain>(id).Get(actor));
    }

    // The triggers that have an operation (every one; the test on the OpenAPI document checks it), and those whose body is optional.
    private static readonly List<ApplicationTrigger> MappedTriggers = [];

    private static readonly HashSet<ApplicationTrigger> OptionalBody = [];

    private static void MapAction<TBody>(RouteGroupBuilder group, string summary, bool required) where TBody : class, IActionBody
    {
        var name = ActionNames.Of(TBody.Trigger);
        var builder = required
            ? group.MapPost($"/{{id}}/{name}", ActRequired<TBody>)
            : group.MapPost($"/{{id}}/{name}", ActOptional<TBody>);
        builder.WithName(ToPascal(name)).WithSummary(summary)
            .WithDescription("Honours an Idempotency-Key header: the same key with an equivalent body (member order and whitespace do not matter) answers as the first time; with another body, 409. Refusals are problems naming the field: 400 body, 403 caller, 404 application, 409 state or key, 422 ceiling or amounts, 503 storage briefly unavailable.")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .Produces<ApplicationView>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        lock (MappedTriggers)
        {
            if (!MappedTriggers.Contains(TBody.Trigger))
            {
                MappedTriggers.Add(TBody.Trigger);
            }
            if (!required)
            {
                OptionalBody.Add(TBody.Trigger);
            }
        }
    }

    private static string ToPascal(string action) => string.Concat(action.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    private static Task<IResult> ActRequired<TBody>(string id, TBody body, HttpContext http, CurrentCaller caller, IGrainFactory grains,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey) where TBody : class, IActionBody =>
        Act(id, TBody.Trigger, body.Canonical(), http, caller, grains, idempotencyKey);

    private static Task<IResult> ActOptional<TBody>(string id, TBody? body, HttpContext http, CurrentCaller caller, IGrainFactory grains,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey) where TBody : class, IActionBody =>
        Act(id, TBody.Trigger, body?.Canonical() ?? "{}", http, caller, grains, idempotencyKey);

    // Reached for an action name no operation has, and for a known action whose request the JSON endpoint did not
    // match because it has no Content-Type: without a body that is the empty body an optional-body action accepts;
    // with one it is the 415 every JSON endpoint gives.
    private static async Task<IResult> Unknown(string id, string action, HttpContext http, CurrentCaller caller, IGrainFactory grains,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey)
    {
        if (action == "documents" && HttpMethods.IsPost(http.Request.Method))
        {
            // The upload's route accepts only the document types, so a file of another type (or none declared) falls
            // through to here: it is an upload refused for its type, not an unknown action.
            return ApiProblems.Refused(StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType", "Content-Type",
                $"A document is one of {string.Join(", ", DocumentType.Allowed)}, sent with that Content-Type; '{http.Request.ContentType ?? "none"}' is not accepted.");
        }
        if (!ActionNames.TryParse(action, out var trigger) || !MappedTriggers.Contains(trigger))
        {
            return ApiProblems.NotFound("action", $"No action '{action}'; known: {string.Join(", ", ActionNames.All)}.");
        }
        if (http.Request.ContentLength is null or 0 && !http.Request.Headers.TransferEncoding.Any() && OptionalBody.Contains(trigger))
        {
            return await Act(id, trigger, "{}", http, caller, grains, idempotencyKey);
        }
        return ApiProblems.Malformed(StatusCodes.Status415UnsupportedMediaType, "Content-Type", "The body must be JSON, sent with Content-Type: application/json.");
    }

    // The body arrives bound and checked (StrictJson); its canonical text is read into the core's payload record, which
    // the application receives, and the idempotency fingerprint is taken over that text, so equivalent requests (other
    // member order, whitespace) are the same request.
    private static async Task<IResult> Act(string id, ApplicationTrigger trigger, string payload, HttpContext http, CurrentCaller caller, IGrainFactory grains,
        string? idempotencyKey)
    {
        if (!ApplicationGrain.IsValidId(id))
        {
            return ApiProblems.NotFound("id", $"No application '{id}'.");
        }
        if (idempotencyKey is { Length: 0 or > 200 })
        {
            return ApiProblems.Invalid("Idempotency-Key", "An idempotency key has 1..200 characters.");
        }
        if (ActorOf(http, caller) is not { } actor)
        {
            return ApiProblems.Forbidden("sub", "The token has no subject.");
        }
        if (!ApplicationAnswers.TryReadPayload(trigger, payload, out var content, out var unreadable))
        {
            return unreadable!;
        }
        var action = ActionNames.Of(trigger);
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{actor.UserId}\n{action}\n{payload}")));
        var reply = await grains.GetGrain<IApplicationGrain>(id).Fire(actor, trigger, content, idempotencyKey, fingerprint);
        return ApplicationAnswers.Answer(reply);
    }

    // The actor is the token's subject with the caller's role and reach, and the person's name (the OIDC `name` claim)
    // so the history shows who acted by name.
    private static ActorDto? ActorOf(HttpContext http, CurrentCaller caller) =>
        http.User.FindFirst("sub")?.Value is { Length: > 0 and <= Actor.MaxUserIdLength } sub
            ? new ActorDto(sub, caller.Role, caller.Reach.ToString(), Actor.Clean(http.User.FindFirst("name")?.Value))
            : null;
}
