using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using NodaTime;
using PvoFinance.Access;
using PvoFinance.Applications;
using PvoFinance.Grains.Contracts;
using PvoFinance.Regions;
using PvoFinance.Storage;
using PvoFinance.Telemetry;

namespace PvoFinance.Grains.Applications;

/// <summary>
/// One application. Per request: rebuild the workflow from the stored value, fire, and if accepted store the new
/// value with its booking's intent in one write, then book the ledger effects as one saga (docs/ledger.md, "Sagas").
/// A crash after the write is finished by the next call: the same keys, and the ledger replays them.
/// Answers are typed (<see cref="ApplicationReply"/>); the API chooses their status and writes their JSON.
/// Creating a draft is in <c>ApplicationGrain.Create.cs</c>, answers and idempotency keys in <c>ApplicationGrain.Answers.cs</c>,
/// booking in <c>ApplicationGrain.Booking.cs</c>, the figures in <c>ApplicationGrain.Figures.cs</c>, the history in
/// <c>ApplicationGrain.History.cs</c>.
/// </summary>
public sealed partial class ApplicationGrain(
    [PersistentState("application", StorageNames.Funding)] IPersistentState<ApplicationGrainState> state,
    IClock clock,
    IApplicationHistoryStore history,
    ILogger<ApplicationGrain> logger) : Grain, IApplicationGrain
{
    /// <summary>How many idempotency keys an application remembers.</summary>
    public const int MaxRemembered = 200;

    /// <summary>
    /// Bytes of remembered answers (without history, as stored) an application keeps at most; older keys are forgotten
    /// first (their answers are in their history rows). Counted in stored bytes, not characters: a view's quotes take six
    /// bytes each in the state, and the state's bound is in bytes (<see cref="GrainStateLimits.MaxApplicationRememberedBytes"/>).
    /// </summary>
    public const int MaxRememberedBytes = GrainStateLimits.MaxApplicationRememberedBytes;

    private const int FormatVersion = 3;

    private static readonly RegionCatalog Catalog = RegionCatalog.Shipped;
    private static readonly AccessRules Rules = new(Catalog);

    private string Id => this.GetPrimaryKeyString();

    [GeneratedRegex("^[a-z0-9-]{1,60}$")]
    private static partial Regex IdPattern();

    /// <summary>Whether an application id is well formed.</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <inheritdoc />
    public async Task<ApplicationReply> Get(ActorDto actor)
    {
        if (state.State.Json is null)
        {
            return NotFound();
        }
        if (ToActor(actor) is not { } who)
        {
            return NoCaller();
        }
        await Recover();
        var app = Load();
        return MayRead(who, app) ? ApplicationReply.Success(await Shown(app, who)) : NotReadable(who);
    }

    /// <inheritdoc />
    public async Task<ApplicationReply> Fire(ActorDto actor, ApplicationTrigger trigger, object? payload, string? idempotencyKey, string fingerprint)
    {
        if (state.State.Json is null)
        {
            return NotFound();
        }
        if (ToActor(actor) is not { } who)
        {
            return NoCaller();
        }
        if (!ApplicationWorkflow.IsAction(trigger))
        {
            // Recording a document asked for on its own would record a file that is not stored: only the upload fires it.
            return Counted(trigger, ApplicationReply.Refused(ApplicationRefusalCode.Invalid, "trigger",
                $"{trigger} is recorded by uploading the document (POST /api/applications/{Id}/documents), not asked for as an action."), null);
        }
        // A transition left half-done by a failure is finished first (its retry then finds its answer below).
        await Recover();
        // An entry with neither form of answer (unreadable) is as if the key were new.
        if (idempotencyKey is not null && state.State.Replies.TryGetValue(idempotencyKey, out var seen) && (seen.Reply is not null || seen.Json is not null))
        {
            return seen.Fingerprint == fingerprint ? await Replay(seen) : KeyUsed(idempotencyKey);
        }
        if (await OlderReply(idempotencyKey) is { } older)
        {
            return older.Fingerprint == fingerprint ? await Replay(older) : KeyUsed(idempotencyKey);
        }
        if (idempotencyKey is not null && await ReplayBooked(idempotencyKey, fingerprint) is { } booked)
        {
            return booked;
        }
        // The payload arrives as the core's record (the API read the body); the workflow checks its type.
        await FlushRowsIfFull();
        var app = Load();
        var sources = payload is DraftContent edit ? await TermsOf(edit, who.Caller) : null;
        var workflow = new ApplicationWorkflow(app, Rules, clock, sources);
        var result = await workflow.FireAsync(trigger, who, payload);
        if (!result.IsOk)
        {
            return Counted(trigger, ApplicationReply.From(result.Refusal!), null);
        }
        // The accountability's documents are judged after the workflow (nothing is stored yet), so a caller who may not
        // account hears that first, not which document is missing.
        if (payload is AccountabilityReport report && await AccountabilityDocumentsRefusal(app, report) is { } noDocuments)
        {
            return Counted(trigger, noDocuments, null);
        }
        if (payload is AdvancePayment { Number: null } && await HeldAdvanceRefusal(app) is { } held)
        {
            return Counted(trigger, held, null);
        }

        // A decision's letter is rendered now and its SHA-256 recorded in the decision's history entry.
        var decided = WithLetterHash(result.Application);
        if (TooLarge(decided, actor, idempotencyKey, fingerprint) is { } tooLarge)
        {
            return Counted(trigger, tooLarge, null);
        }
        // The transition and, when it books money, its booking's intent in one write, then the money. A failure after the
        // write is finished by the next call. A decision then gets its letter (ApplicationGrain.Documents.cs).
        var reply = result.Entry!.Effects.Count == 0
            ? await Store(decided, who, idempotencyKey, fingerprint)
            : await BookAndStore(decided, who, actor, idempotencyKey, fingerprint);
        await IssueLetter(reply, decided);
        return Counted(trigger, reply, decided.State);
    }

    // Metrics: what was stored (by trigger and the state reached) and what was refused (by trigger and code).
    private static ApplicationReply Counted(ApplicationTrigger trigger, ApplicationReply reply, ApplicationState? reached)
    {
        if (reply.Ok)
        {
            LedgerTelemetry.Transitions.Add(1, new KeyValuePair<string, object?>("trigger", trigger.ToString()), new KeyValuePair<string, object?>("state", reached?.ToString()));
        }
        else
        {
            LedgerTelemetry.ApplicationRefusals.Add(1, new KeyValuePair<string, object?>("trigger", trigger.ToString()), new KeyValuePair<string, object?>("code", reply.Code?.ToString()));
        }
        return reply;
    }

    /// <inheritdoc />
    public async Task<string?> Snapshot() => state.State.Json is null ? null : ApplicationJson.Serialize(await Whole());

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await MigrateHistory();
        // Repairs the region's list should an earlier update of it have failed; an older summary never wins. A value
        // whose booking is still open is told once the booking is finished (by the next call), not before.
        if (state.State.Json is not null && state.State.Booking is null && state.State.Pending is null)
        {
            await IndexQuietly(Load());
        }
    }

    private async Task IndexQuietly(Application app)
    {
        try
        {
            await Index(app);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex,
                "Application {ApplicationId}: the list of region {Region} was not updated; it catches up on the next change or activation", app.Id, app.Region);
        }
    }

    // The region's list learns the new state, tier and dates; an older summary never replaces a newer one.
    private Task Index(Application app) =>
        GrainFactory.GetGrain<IApplicationIndexGrain>(app.Region).Upsert(new ApplicationSummary(
            app.Id, app.Region, state.State.SourceId!, app.FundOwner.ToString(), app.State.ToString(), app.Tier?.ToString(), app.Title,
            app.Requested.ToString(), app.Granted.ToString(), app.History.Count == 0 ? 0 : app.History[^1].Sequence,
            JsonSerializer.Serialize(app.Deadlines, ApplicationJson.Options)));

    private ILedgerGrain Ledger(string journal) => GrainFactory.GetGrain<ILedgerGrain>(journal);

    // The stored value; one written before funding plans reads as a plan of its one source. Parsed once per stored
    // text (a request calls this several times; the value is immutable), parsed again whenever the text changes.
    private Application Load()
    {
        var json = state.State.Json!;
        if (ReferenceEquals(json, _loaded.Json) && _loaded.App is { } cached)
        {
            return cached;
        }
        var app = ApplicationJson.Deserialize(json);
        app = ApplicationUpgrade.NeedsPlan(app) ? ApplicationUpgrade.ToPlan(app, state.State.SourceId!) : app;
        _loaded = (json, app);
        return app;
    }

    private (string? Json, Application? App) _loaded;

    private ApplicationReply NotFound() => ApplicationReply.Refused(ApplicationRefusalCode.NotFound, "id", $"No application '{Id}'.");

    private static ApplicationReply NoCaller() => ApplicationReply.Refused(ApplicationRefusalCode.Forbidden, "caller", "An authenticated user is required.");

    private static ApplicationReply KeyUsed(string? idempotencyKey) =>
        ApplicationReply.Refused(ApplicationRefusalCode.IdempotencyConflict, "Idempotency-Key", $"Idempotency key '{idempotencyKey}' was used for another request.");

    // Readable by whoever may read the applicant's region, and by the fund's own people (its owner, or a treasurer who
    // keeps its books). Merely being able to read a national scheme does not open every region's applications to it —
    // the same rule the lists follow.
    private static bool MayRead(Actor who, Application app) => DocumentRules.MayRead(Rules, who.Caller, app);

    private ApplicationReply NotReadable(Actor who) =>
        ApplicationReply.Refused(ApplicationRefusalCode.Forbidden, "scope", $"A caller with reach '{who.Caller.Reach}' may not read application '{Id}'.");

    private static Actor? ToActor(ActorDto dto)
    {
        if (string.IsNullOrWhiteSpace(dto.UserId) || dto.UserId.Length > Actor.MaxUserIdLength || !Scope.TryParse(dto.Reach, out var reach))
        {
            return null;
        }
        try
        {
            return new Actor(dto.UserId, Caller.Create(dto.Role, reach), dto.Name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
