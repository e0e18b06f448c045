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

namespace PvoFinance.Grains.Applications;

/// <summary>The stored application: its <see cref="Application"/> as JSON text (<see cref="ApplicationJson"/>).</summary>
[GenerateSerializer]
public sealed class ApplicationGrainState
{
    /// <summary>The format of <see cref="Json"/>; 1 is <see cref="ApplicationJson"/> as it is now.</summary>
    [Id(0)] public int Version { get; set; }

    /// <summary>The application value; null until created.</summary>
    [Id(1)] public string? Json { get; set; }

    /// <summary>The funding source applied to (one per application in this version).</summary>
    [Id(2)] public string? SourceId { get; set; }

    /// <summary>Successful answers by idempotency key (the most recent <see cref="ApplicationGrain.MaxRemembered"/>).</summary>
    [Id(3)] public Dictionary<string, RememberedReply> Replies { get; set; } = [];

    /// <summary>The keys of <see cref="Replies"/>, oldest first.</summary>
    [Id(4)] public List<string> ReplyOrder { get; set; } = [];
}

/// <summary>A successful answer kept for its idempotency key.</summary>
[GenerateSerializer, Immutable]
public sealed record RememberedReply([property: Id(0)] string Fingerprint, [property: Id(1)] ApplicationReply Reply);

/// <summary>
/// One application. Per request: rebuild the workflow from the stored value, fire, and if accepted first book
/// the ledger effects, then store the new value. A crash between the two is repaired by the retry: the
/// workflow yields the same history sequence, so the same ledger keys, and the ledger replays them.
/// </summary>
public sealed partial class ApplicationGrain(
    [PersistentState("application", StorageNames.Funding)] IPersistentState<ApplicationGrainState> state,
    IClock clock,
    ILogger<ApplicationGrain> logger) : Grain, IApplicationGrain
{
    /// <summary>How many idempotency keys an application remembers.</summary>
    public const int MaxRemembered = 200;

    private const int FormatVersion = 1;
    private const int PageSize = 500;

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
        if (!Money.TryParse(draft.Requested, out var requested, out var error))
        {
            return ApplicationReply.Refused(400, "Invalid", "requested", error!);
        }
        if (!Catalog.IsRegion(draft.Region))
        {
            return ApplicationReply.Refused(400, "Invalid", "region", $"'{draft.Region}' is not one of the ten regions.");
        }
        if (state.State.Json is { } existing)
        {
            var app = ApplicationJson.Deserialize(existing);
            return app.Region == draft.Region && state.State.SourceId == draft.SourceId && app.History.Count == 1
                && app.Title == draft.Title && app.Requested == requested && app.ApplicantSide.Contains(who.UserId)
                ? await IndexedView(app, who)
                : ApplicationReply.Refused(409, "Conflict", "id", $"An application '{Id}' already exists.");
        }
        var source = await GrainFactory.GetGrain<IFundingSourceGrain>(draft.SourceId ?? "").GetDefinition();
        if (source is null)
        {
            return ApplicationReply.Refused(400, "Invalid", "fundingSource", $"No funding source '{draft.SourceId}'.");
        }
        if (source.Kind is not (nameof(FundingSourceKind.NationalScheme) or nameof(FundingSourceKind.ProvincialFund))
            || !Scope.TryParse(source.Owner, out var owner))
        {
            return ApplicationReply.Refused(400, "Invalid", "fundingSource", "Applications are made to a national scheme or a provincial fund.");
        }
        if (owner.Level == ScopeLevel.Province && !Catalog.ProvincesOf(draft.Region).Contains(owner.Name!))
        {
            return ApplicationReply.Refused(400, "Invalid", "region", $"Region '{draft.Region}' has no municipality in {owner.Name}.");
        }
        var created = ApplicationWorkflow.CreateDraft(Id, draft.Region, owner, SchemeRules.Default, who,
            new DraftContent(draft.Title ?? "", requested), Rules, clock);
        if (!created.IsOk)
        {
            return ApplicationReply.From(created.Refusal!);
        }
        state.State.Version = FormatVersion;
        state.State.SourceId = draft.SourceId;
        state.State.Json = ApplicationJson.Serialize(created.Application);
        await this.WriteOrDropAsync(state);
        await Index(created.Application);
        return await View(created.Application, who, 201);
    }

    /// <inheritdoc />
    public async Task<ApplicationReply> Get(ActorDto actor)
    {
        if (state.State.Json is not { } json)
        {
            return NotFound();
        }
        if (ToActor(actor) is not { } who)
        {
            return ApplicationReply.Refused(403, "Forbidden", "caller", "An authenticated user is required.");
        }
        var app = ApplicationJson.Deserialize(json);
        // Readable by whoever may read the applicant's region, and by the fund's own people (its owner, or a
        // treasurer who keeps its books). Merely being able to read a national scheme does not open every
        // region's applications to it — the same rule the lists follow.
        if (!Rules.CanRead(who.Caller, Scope.Region(app.Region)) && !Rules.CanRecord(who.Caller, app.FundOwner))
        {
            return ApplicationReply.Refused(403, "Forbidden", "scope", $"A caller with reach '{who.Caller.Reach}' may not read application '{Id}'.");
        }
        return await View(app, who, 200);
    }

    /// <inheritdoc />
    public async Task<ApplicationReply> Fire(ActorDto actor, ApplicationTrigger trigger, string? payloadJson, string? idempotencyKey, string fingerprint)
    {
        if (state.State.Json is not { } json)
        {
            return NotFound();
        }
        if (ToActor(actor) is not { } who)
        {
            return ApplicationReply.Refused(403, "Forbidden", "caller", "An authenticated user is required.");
        }
        if (idempotencyKey is not null && state.State.Replies.TryGetValue(idempotencyKey, out var seen))
        {
            return seen.Fingerprint == fingerprint
                ? seen.Reply
                : ApplicationReply.Refused(409, "IdempotencyConflict", "Idempotency-Key", $"Idempotency key '{idempotencyKey}' was used for another request.");
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
                return ApplicationReply.Refused(400, "Invalid", field, $"The body is not a valid {ApplicationWorkflow.PayloadTypeOf(trigger).Name}: {ex.Message}");
            }
        }
        var app = ApplicationJson.Deserialize(json);
        var workflow = new ApplicationWorkflow(app, Rules, clock);
        var result = await workflow.FireAsync(trigger, who, payload);
        if (!result.IsOk)
        {
            return ApplicationReply.From(result.Refusal!);
        }

        // First the money, then the file: a crash in between is repaired by the retry (same keys).
        var refused = await Book(result.Application, result.Entry!);
        if (refused is not null)
        {
            return refused;
        }
        state.State.Json = ApplicationJson.Serialize(result.Application);
        state.State.Version = FormatVersion;
        var reply = await View(result.Application, who, 200);
        if (idempotencyKey is not null)
        {
            Remember(idempotencyKey, new RememberedReply(fingerprint, reply));
        }
        await this.WriteOrDropAsync(state);
        // The transition is stored and booked: a list that cannot be told now must not turn that into an error.
        // It is told again when this application next activates or changes.
        await IndexQuietly(result.Application);
        return reply;
    }

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Repairs the region's list should an earlier update of it have failed; an older summary never wins.
        if (state.State.Json is { } json)
        {
            await IndexQuietly(ApplicationJson.Deserialize(json));
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
        return await View(app, who, 200);
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
        while (state.State.ReplyOrder.Count > MaxRemembered)
        {
            state.State.Replies.Remove(state.State.ReplyOrder[0]);
            state.State.ReplyOrder.RemoveAt(0);
        }
    }

    private async Task<ApplicationReply?> Book(Application app, HistoryEntry entry)
    {
        if (entry.Effects.Count == 0)
        {
            return null;
        }
        var year = ApplicationBookings.GrantYear(app) ?? throw new InvalidOperationException("Money moves before anything was committed.");
        var accounts = ApplicationBookings.Accounts.For(state.State.SourceId!, year, app.Region);
        var valueDate = LocalDatePattern.Iso.Format(LegalClocks.Today(entry.At));
        for (var i = 0; i < entry.Effects.Count; i++)
        {
            var effect = entry.Effects[i];
            var key = ApplicationBookings.Key(Id, entry.Sequence, i);
            var memo = $"{Id} {entry.Trigger} {effect}";
            var cents = effect.Amount.Cents;
            switch (ApplicationBookings.Plan(effect, accounts))
            {
                case ApplicationBookings.Posting p when effect.Kind == LedgerEffectKind.Commit:
                    // Reserve against the ceiling first; only a reservation that holds is posted.
                    var ledger = Ledger(accounts.SourceJournal);
                    var reserved = await ledger.Execute(ApplicationBookings.Request(LedgerRequestKind.Reserve, key, valueDate, p, cents, memo));
                    if (!reserved.Succeeded)
                    {
                        if (reserved.Rejection!.Code == nameof(RejectionCode.LimitExceeded))
                        {
                            return ApplicationReply.Refused(422, "LimitExceeded", "amount", $"The {year} budget of '{state.State.SourceId}' cannot carry {effect.Amount}: {reserved.Rejection.Message}");
                        }
                        throw new InvalidOperationException($"Reserving '{key}' was refused: {reserved.Rejection.Code} {reserved.Rejection.Message}");
                    }
                    var posted = await ledger.Execute(new LedgerRequest { Kind = LedgerRequestKind.PostReservation, Key = $"{key}:post", ValueDate = valueDate, ReservationKey = key });
                    if (!posted.Succeeded)
                    {
                        throw new InvalidOperationException($"Posting reservation '{key}' was refused: {posted.Rejection!.Message}");
                    }
                    break;
                case ApplicationBookings.Posting p:
                    var reply = await Ledger(accounts.SourceJournal).Execute(ApplicationBookings.Request(LedgerRequestKind.Post, key, valueDate, p, cents, memo));
                    if (!reply.Succeeded)
                    {
                        throw new InvalidOperationException($"Posting '{key}' was refused: {reply.Rejection!.Code} {reply.Rejection.Message}");
                    }
                    break;
                case ApplicationBookings.Transfer t:
                    var moved = await GrainFactory.GetGrain<ITransferGrain>(key).Execute(new TransferRequest
                    {
                        FromJournal = t.FromJournal,
                        DebitAccount = t.DebitAccount,
                        ToJournal = t.ToJournal,
                        CreditAccount = t.CreditAccount,
                        Cents = cents,
                        ValueDate = valueDate,
                        Memo = memo,
                    });
                    if (moved.Status != TransferStatus.Completed)
                    {
                        throw new InvalidOperationException($"Transfer '{key}' was refused: {moved.Rejection?.Code} {moved.Rejection?.Message}");
                    }
                    break;
            }
        }
        return null;
    }

    private async Task<ApplicationReply> View(Application app, Actor who, int status)
    {
        var figures = await Figures(app);
        var actions = new ApplicationWorkflow(app, Rules, clock).PermittedTriggers(who).Select(ActionNames.Of).ToList();
        var view = new ApplicationView(app.Id, app.Region, state.State.SourceId!, ApplicationBookings.GrantYear(app), app.FundOwner, app.State, app.Title,
            app.Requested, app.Tier, figures, app.Deadlines, app.Advances, app.AdvancesPaidCount, app.History, actions);
        return ApplicationReply.Success(status, JsonSerializer.Serialize(view, ApplicationJson.Options));
    }

    private async Task<ApplicationFigures> Figures(Application app)
    {
        long open = 0, payable = 0, toReclaim = 0, reclaimed = 0, paid = 0;
        if (ApplicationBookings.GrantYear(app) is { } year)
        {
            var a = ApplicationBookings.Accounts.For(state.State.SourceId!, year, app.Region);
            foreach (var p in await Postings(a.SourceJournal))
            {
                if (p.Account == a.Commitment) { open -= p.Cents; }
                else if (p.Account == a.Payable) { payable -= p.Cents; }
                else if (p.Account == a.Receivable)
                {
                    toReclaim += p.Cents;
                    reclaimed += p.Cents < 0 ? -p.Cents : 0;
                }
            }
            foreach (var p in await Postings(a.RegionJournal))
            {
                if (p.Account == a.RegionFunds) { paid -= p.Cents; }
            }
        }
        var x = app.Amounts;
        var matches = open == x.OpenCommitment.Cents && payable == x.Payable.Cents && toReclaim == x.Receivable.Cents
            && reclaimed == x.Reclaimed.Cents && paid == x.NetPaid.Cents;
        return new ApplicationFigures(app.Granted, app.Determined, new(open), new(paid), new(payable), new(toReclaim), new(reclaimed),
            new(open + paid + payable - toReclaim), matches);
    }

    // The posted legs of this application's entries in one journal (reservations count once posted).
    private async Task<List<PostingDto>> Postings(string journal)
    {
        var prefix = ApplicationBookings.KeyPrefix(Id);
        var legs = new List<PostingDto>();
        var ledger = Ledger(journal);
        long after = 0;
        while (true)
        {
            var page = await ledger.GetEntries(after, PageSize);
            foreach (var e in page)
            {
                if (e.Key.StartsWith(prefix, StringComparison.Ordinal) && e.Kind is not (nameof(EntryKind.Reserve) or nameof(EntryKind.VoidReservation)))
                {
                    legs.AddRange(e.Postings);
                }
            }
            if (page.Count == 0)
            {
                return legs;
            }
            after = page[^1].Sequence;
        }
    }

    private ILedgerGrain Ledger(string journal) => GrainFactory.GetGrain<ILedgerGrain>(journal);

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
