using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Text;
using PvoFinance.Access;
using PvoFinance.Applications;
using PvoFinance.Funding;
using PvoFinance.Grains.Contracts;
using PvoFinance.Grains.Funding;
using PvoFinance.Ledger;
using PvoFinance.Regions;
using PvoFinance.Storage;
using PvoFinance.Telemetry;

namespace PvoFinance.Grains.Applications;

/// <summary>
/// One application. Per request: rebuild the workflow from the stored value, fire, and if accepted store the new
/// value with its booking's intent in one write, then book the ledger effects as one saga (docs/ledger.md, "Sagas").
/// A crash after the write is finished by the next call: the same keys, and the ledger replays them.
/// Booking is in <c>ApplicationGrain.Booking.cs</c>, the figures in <c>ApplicationGrain.Figures.cs</c>.
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

    /// <summary>The history member of a view as remembered: empty, filled in again on a replay.</summary>
    internal const string HistorySlot = "\"history\":[]";

    private const int FormatVersion = 3;

    private static readonly RegionCatalog Catalog = RegionCatalog.Shipped;
    private static readonly AccessRules Rules = new(Catalog);

    private string Id => this.GetPrimaryKeyString();

    [GeneratedRegex("^[a-z0-9-]{1,60}$")]
    private static partial Regex IdPattern();

    /// <summary>Whether an application id is well formed.</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <inheritdoc />
    public async Task<ApplicationReply> Create(ActorDto actor, CreateApplicationDto draft)
    {
        if (!IsValidId(Id))
        {
            return ApplicationReply.Refused(400, "Invalid", "id", "An application id is 1..60 of a-z, 0-9 and '-'.");
        }
        if (ToActor(actor) is not { } who)
        {
            return ApplicationReply.Refused(403, "Forbidden", "caller", "An authenticated user is required.");
        }
        var (read, invalid) = ReadDraft(draft);
        if (invalid is not null)
        {
            return invalid;
        }
        var content = read!;
        if (!Catalog.IsRegion(draft.Region))
        {
            return ApplicationReply.Refused(400, "Invalid", "region", $"'{draft.Region}' is not one of the ten regions.");
        }
        // Who comes before what: a caller who may not start this region's application learns nothing from the
        // answer about the source it names (whether it exists, its kind, its province).
        if (!Rules.CanManage(who.Caller, Scope.Region(draft.Region)))
        {
            return ApplicationReply.From(Refusal.Forbidden($"Only the PVO-manager of region {draft.Region} may start its application."));
        }
        if (state.State.Json is not null)
        {
            var app = Load();
            var same = app.Region == draft.Region && state.State.SourceId == draft.SourceId && app.History.Count == 1 && app.ApplicantSide.Contains(who.UserId)
                && app.Title == content.Title && app.Requested == content.Requested && app.ProjectCosts == (content.ProjectCosts ?? content.Requested)
                && app.Theme == content.Theme && app.Plan.SequenceEqual(CoFinancing.PlanOf(content, app.LeadSource));
            return same ? await IndexedView(app, who) : ApplicationReply.Refused(409, "Conflict", "id", $"An application '{Id}' already exists.");
        }
        var lead = await Terms(draft.SourceId);
        // A source the manager may not read is answered as if it did not exist, as the funding endpoints do.
        if (lead is null || !Rules.CanRead(who.Caller, lead.Owner))
        {
            return ApplicationReply.Refused(400, "Invalid", "fundingSource", $"No funding source '{draft.SourceId}'.");
        }
        if (lead.Kind is not (FundingSourceKind.NationalScheme or FundingSourceKind.ProvincialFund))
        {
            return ApplicationReply.Refused(400, "Invalid", "fundingSource", "Applications are made to a national scheme or a provincial fund.");
        }
        if (lead.Owner.Level == ScopeLevel.Province && !Catalog.ProvincesOf(draft.Region).Contains(lead.Owner.Name!))
        {
            return ApplicationReply.Refused(400, "Invalid", "region", $"Region '{draft.Region}' has no municipality in {lead.Owner.Name}.");
        }
        var created = ApplicationWorkflow.CreateDraft(Id, draft.Region, lead, await TermsOf(content, who.Caller), SchemeRules.Default, who, content, Rules, clock);
        if (!created.IsOk)
        {
            return ApplicationReply.From(created.Refusal!);
        }
        state.State.SourceId = draft.SourceId;
        SetValue(created.Application);
        await WriteWithRows();
        await Index(created.Application);
        return await ShownReply(created.Application, who, 201);
    }

    /// <inheritdoc />
    public async Task<ApplicationReply> Get(ActorDto actor)
    {
        if (state.State.Json is null)
        {
            return NotFound();
        }
        if (ToActor(actor) is not { } who)
        {
            return ApplicationReply.Refused(403, "Forbidden", "caller", "An authenticated user is required.");
        }
        await Recover();
        var app = Load();
        // Readable by whoever may read the applicant's region, and by the fund's own people (its owner, or a
        // treasurer who keeps its books). Merely being able to read a national scheme does not open every
        // region's applications to it — the same rule the lists follow.
        if (!Rules.CanRead(who.Caller, Scope.Region(app.Region)) && !Rules.CanRecord(who.Caller, app.FundOwner))
        {
            return ApplicationReply.Refused(403, "Forbidden", "scope", $"A caller with reach '{who.Caller.Reach}' may not read application '{Id}'.");
        }
        return await ShownReply(app, who, 200);
    }

    /// <inheritdoc />
    public async Task<ApplicationReply> Fire(ActorDto actor, ApplicationTrigger trigger, string? payloadJson, string? idempotencyKey, string fingerprint)
    {
        if (state.State.Json is null)
        {
            return NotFound();
        }
        if (ToActor(actor) is not { } who)
        {
            return ApplicationReply.Refused(403, "Forbidden", "caller", "An authenticated user is required.");
        }
        // A transition left half-done by a failure is finished first (its retry then finds its answer below).
        await Recover();
        // An entry with neither form of answer (unreadable) is as if the key were new.
        if (idempotencyKey is not null && state.State.Replies.TryGetValue(idempotencyKey, out var seen) && (seen.Reply is not null || seen.Json is not null))
        {
            return seen.Fingerprint == fingerprint
                ? await Replay(seen)
                : ApplicationReply.Refused(409, "IdempotencyConflict", "Idempotency-Key", $"Idempotency key '{idempotencyKey}' was used for another request.");
        }
        if (await OlderReply(idempotencyKey) is { } older)
        {
            return older.Fingerprint == fingerprint
                ? await Replay(older)
                : ApplicationReply.Refused(409, "IdempotencyConflict", "Idempotency-Key", $"Idempotency key '{idempotencyKey}' was used for another request.");
        }
        if (idempotencyKey is not null && await ReplayBooked(idempotencyKey, fingerprint) is { } booked)
        {
            return booked;
        }
        object? payload = null;
        if (!string.IsNullOrWhiteSpace(payloadJson))
        {
            try
            {
                payload = JsonSerializer.Deserialize(payloadJson, ApplicationWorkflow.PayloadTypeOf(trigger), ApplicationJson.Options);
            }
            catch (JsonException ex)
            {
                var field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
                // The HTTP surface checks bodies before they get here; this is the last line, and names no .NET type.
                return ApplicationReply.Refused(400, "Invalid", field, $"The body is not valid for '{ActionNames.Of(trigger)}'.");
            }
        }
        await FlushRowsIfFull();
        var app = Load();
        var sources = payload is DraftContent edit ? await TermsOf(edit, who.Caller) : null;
        var workflow = new ApplicationWorkflow(app, Rules, clock, sources);
        var result = await workflow.FireAsync(trigger, who, payload);
        if (!result.IsOk)
        {
            return Counted(trigger, ApplicationReply.From(result.Refusal!), null);
        }

        if (TooLarge(result.Application, actor, idempotencyKey, fingerprint) is { } tooLarge)
        {
            return Counted(trigger, tooLarge, null);
        }
        if (result.Entry!.Effects.Count == 0)
        {
            return Counted(trigger, await Store(result.Application, who, idempotencyKey, fingerprint), result.Application.State);
        }
        // The transition and its booking's intent in one write, then the money. A failure after the write is finished by the next call.
        return Counted(trigger, await BookAndStore(result.Application, who, actor, idempotencyKey, fingerprint), result.Application.State);
    }

    // Refuses, before anything is written or booked, a transition whose stored state would pass the declared bound:
    // measured as the intent write (old value, new value, remembered answers) plus room for the new answer.
    private ApplicationReply? TooLarge(Application next, ActorDto actor, string? idempotencyKey, string fingerprint)
    {
        var s = state.State;
        var intent = new ApplicationGrainState
        {
            Version = FormatVersion,
            Json = s.Json,
            SourceId = s.SourceId,
            Replies = s.Replies,
            ReplyOrder = s.ReplyOrder,
            Attempt = s.Attempt,
            ToVoid = s.ToVoid,
            BookedAttempts = s.BookedAttempts,
            Unrowed = [.. s.Unrowed, JsonSerializer.Serialize(next.History[^1], ApplicationJson.Options)],
            KeyHashes = s.KeyHashes,
            Booking = new OpenBooking
            {
                Intent = new Sagas.SagaIntent { Id = $"app:{Id}:{next.History[^1].Sequence}" },
                Sequence = next.History[^1].Sequence,
                PreviousJson = ApplicationJson.Serialize(HistoryCompaction.Compact(next)),
                Actor = actor,
                IdempotencyKey = idempotencyKey,
                Fingerprint = fingerprint,
            },
        };
        var bytes = this.MeasureBytes(intent) + GrainStateLimits.ApplicationAnswerHeadroomBytes;
        if (bytes <= GrainStateLimits.MaxApplicationBytes)
        {
            return null;
        }
        LedgerTelemetry.StateTooLarge.Add(1, new KeyValuePair<string, object?>("state", nameof(ApplicationGrainState)));
        return ApplicationReply.Refused(422, "LimitExceeded", "application",
            $"Application '{Id}' has reached the size it may have ({bytes:N0} of at most {GrainStateLimits.MaxApplicationBytes:N0} bytes with this change); nothing was changed. Shorter reasons leave room for more steps.");
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
            LedgerTelemetry.ApplicationRefusals.Add(1, new KeyValuePair<string, object?>("trigger", trigger.ToString()), new KeyValuePair<string, object?>("code", reply.Code));
        }
        return reply;
    }

    // Stores the new value (and the answer under its key); clears what was pending.
    private async Task<ApplicationReply> Store(Application app, Actor who, string? idempotencyKey, string fingerprint)
    {
        await CloseBooked();
        SetValue(app);
        state.State.Attempt = 0;
        ApplicationReply reply;
        ApplicationView view;
        try
        {
            (reply, view) = await Shown(app, who, 200);
        }
        catch
        {
            // The answer's figures could not be read and nothing above is stored yet. Without dropping this activation
            // it would keep the new value in memory without the pending transition or the answer under its key, and a
            // retry with the same key would be judged afresh against it. Reloaded, the retry finishes and answers it.
            DeactivateOnIdle();
            throw;
        }
        if (idempotencyKey is not null)
        {
            var sequence = app.History.Count == 0 ? 0 : app.History[^1].Sequence;
            Remember(idempotencyKey, new RememberedReply(fingerprint, null, sequence, reply.Status, JsonSerializer.Serialize(view with { History = [] }, ApplicationJson.Options),
                ShownHistoryEntries));
        }
        await WriteWithRows();
        // The transition is stored and booked: a list that cannot be told now must not turn that into an error.
        // It is told again when this application next activates or changes.
        await IndexQuietly(app);
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

    // A repeated create also repairs the region's list, should the first have stopped before indexing.
    private async Task<ApplicationReply> IndexedView(Application app, Actor who)
    {
        await Index(app);
        return await ShownReply(app, who, 200);
    }

    // The region's list learns the new state, tier and dates; an older summary never replaces a newer one.
    private Task Index(Application app) =>
        GrainFactory.GetGrain<IApplicationIndexGrain>(app.Region).Upsert(new ApplicationSummary(
            app.Id, app.Region, state.State.SourceId!, app.FundOwner.ToString(), app.State.ToString(), app.Tier?.ToString(), app.Title,
            app.Requested.ToString(), app.Granted.ToString(), app.History.Count == 0 ? 0 : app.History[^1].Sequence,
            JsonSerializer.Serialize(app.Deadlines, ApplicationJson.Options)));

    private void Remember(string key, RememberedReply reply)
    {
        state.State.Replies[key] = reply;
        state.State.ReplyOrder.Add(key);
        state.State.KeyHashes[ApplicationHistoryLimits.KeyHash(key)] = reply.Sequence;
        // A key is stored twice (the answers' name and the order), each in quotes with a separator.
        static long KeyBytes(string k) => 2 * (JsonWireSize.Of(k) + 3);
        var bytes = state.State.ReplyOrder.Sum(k => KeyBytes(k) + (state.State.Replies.TryGetValue(k, out var r) ? r.Bytes : 0));
        // The answers of this transition and the one before are kept whatever their size: their rows are written with this
        // transition's (History.cs, RepliesOf). Each is at most GrainStateLimits.ApplicationAnswerHeadroomBytes.
        bool KeptForRow(string k) => state.State.Replies.TryGetValue(k, out var r) && r.Sequence >= reply.Sequence - 1;
        while (state.State.ReplyOrder.Count > MaxRemembered
            || (bytes > MaxRememberedBytes && state.State.ReplyOrder.Count > 1 && !KeptForRow(state.State.ReplyOrder[0])))
        {
            var oldest = state.State.ReplyOrder[0];
            if (state.State.Replies.Remove(oldest, out var gone))
            {
                bytes -= gone.Bytes;
            }
            bytes -= KeyBytes(oldest);
            state.State.ReplyOrder.RemoveAt(0);
        }
    }

    // A remembered answer as first given: its view with the history entries up to the sequence it showed (the newest of them
    // when it showed a window), read from the rows, each shown
    // as it was then (entries never change once stored, nor do their booking attempts).
    private async Task<ApplicationReply> Replay(RememberedReply seen)
    {
        if (seen.Reply is { } whole)
        {
            return whole;
        }
        var app = Load();
        var history = JsonSerializer.Serialize(await Window(app, seen.Sequence, seen.Window), ApplicationJson.Options);
        var stored = seen.Json ?? "";
        var at = stored.IndexOf(HistorySlot, StringComparison.Ordinal);
        if (at < 0)
        {
            return ApplicationReply.Success(seen.Status, stored);
        }
        // The slot is a member name in raw quotes: text inside a string has its quotes escaped, so it cannot match.
        var json = stored[..at] + "\"history\":" + history + stored[(at + HistorySlot.Length)..];
        return ApplicationReply.Success(seen.Status, json);
    }

    private ILedgerGrain Ledger(string journal) => GrainFactory.GetGrain<ILedgerGrain>(journal);

    // The stored value; one written before funding plans reads as a plan of its one source.
    private Application Load()
    {
        var app = ApplicationJson.Deserialize(state.State.Json!);
        return ApplicationUpgrade.NeedsPlan(app) ? ApplicationUpgrade.ToPlan(app, state.State.SourceId!) : app;
    }

    // The wire form of a draft as content, or the refusal naming the field that cannot be read.
    private static (DraftContent? Content, ApplicationReply? Error) ReadDraft(CreateApplicationDto d)
    {
        if (!Money.TryParse(d.Requested, out var requested, out var error))
        {
            return (null, ApplicationReply.Refused(400, "Invalid", "requested", error!));
        }
        Money? costs = null;
        if (d.ProjectCosts is not null)
        {
            if (!Money.TryParse(d.ProjectCosts, out var c, out error))
            {
                return (null, ApplicationReply.Refused(400, "Invalid", "projectCosts", error!));
            }
            costs = c;
        }
        List<FundingPart>? parts = null;
        if (d.Funding is { } funding)
        {
            if (funding.Count > CoFinancing.MaxParts)
            {
                return (null, ApplicationReply.Refused(400, "Invalid", "funding", $"A plan names at most {CoFinancing.MaxParts} sources."));
            }
            parts = [];
            for (var i = 0; i < funding.Count; i++)
            {
                if (string.IsNullOrEmpty(funding[i]?.Source))
                {
                    return (null, ApplicationReply.Refused(400, "Invalid", $"funding[{i}].source", "Every part names a funding source."));
                }
                if (!Money.TryParse(funding[i].Amount, out var amount, out error))
                {
                    return (null, ApplicationReply.Refused(400, "Invalid", $"funding[{i}].amount", error!));
                }
                parts.Add(new FundingPart(funding[i].Source!, amount));
            }
        }
        return (new DraftContent(d.Title ?? "", requested, costs, d.Theme, parts), null);
    }

    // The co-financing terms of one source, or null when there is no such source (or its stored definition cannot be read).
    private async Task<FundingTerms?> Terms(string? sourceId)
    {
        if (string.IsNullOrEmpty(sourceId) || sourceId.Length > 100)
        {
            return null;
        }
        var dto = await GrainFactory.GetGrain<IFundingSourceGrain>(sourceId).GetDefinition();
        return dto is not null && FundingSourceMapper.ToDefinition(dto).Definition is { } d ? FundingTerms.Of(d) : null;
    }

    // The terms of every source a draft's plan names (unknown ones are left out; the plan check names them). A source
    // the drafting caller may not read counts as unknown, so the refusal does not tell whose it is.
    private async Task<Dictionary<string, FundingTerms>> TermsOf(DraftContent content, Caller caller)
    {
        var terms = new Dictionary<string, FundingTerms>(StringComparer.Ordinal);
        foreach (var part in (content.Funding ?? []).Take(CoFinancing.MaxParts))
        {
            if (!terms.ContainsKey(part.Source) && await Terms(part.Source) is { } t && Rules.CanRead(caller, t.Owner))
            {
                terms[part.Source] = t;
            }
        }
        if (state.State.SourceId is { } lead && !terms.ContainsKey(lead) && await Terms(lead) is { } leadTerms)
        {
            terms[lead] = leadTerms;
        }
        return terms;
    }

    private ApplicationReply NotFound() => ApplicationReply.Refused(404, "NotFound", "id", $"No application '{Id}'.");

    private static Actor? ToActor(ActorDto dto)
    {
        if (string.IsNullOrWhiteSpace(dto.UserId) || dto.UserId.Length > Actor.MaxUserIdLength || !Scope.TryParse(dto.Reach, out var reach))
        {
            return null;
        }
        try
        {
            return new Actor(dto.UserId, Caller.Create(dto.Role, reach));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
