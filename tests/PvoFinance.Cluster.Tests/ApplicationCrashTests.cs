using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PvoFinance.Access;
using PvoFinance.Applications;
using PvoFinance.Funding;
using PvoFinance.Grains.Applications;
using PvoFinance.Grains.Contracts;
using PvoFinance.Grains.Funding;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// A crash between booking and answering: the application grain stores the transition with its booking's intent, books
/// its effects in the ledger, then the booking's append fails after it landed (the caller hears of a failure). The next
/// call — a reader, or the caller's retry with the same idempotency key — finishes the transition with the same ledger
/// keys (the ledger replays); the retry gets the transition's answer, and every effect is in the ledger exactly once.
/// </summary>
[Collection(ApplicationClusterCollection.Name)]
public sealed class ApplicationCrashTests(ApplicationClusterFixture fixture)
{
    private const string Region = "limburg";
    private static readonly ActorDto Manager = new("crash-manager", Role.PvoManager, "region:limburg");
    private static readonly ActorDto Officer = new("crash-officer", Role.ProvincialOfficer, "province:Limburg");
    private static readonly ActorDto Treasurer = new("crash-treasurer", Role.Treasurer, "province:Limburg");

    private IGrainFactory Grains => fixture.Client;

    private static string Iso(NodaTime.LocalDate d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Fingerprint(ActorDto actor, ApplicationTrigger trigger, string body) => $"{actor.UserId}\n{trigger}\n{body}";

    [Fact]
    public async Task A_failed_save_after_booking_is_repaired_by_the_retry_and_books_each_effect_once()
    {
        var today = fixture.Clock.Today;
        var year = today.Year;
        var source = Ledger.Unique("crash").Replace(".", "-", StringComparison.Ordinal);
        var fund = Grains.GetGrain<IFundingSourceGrain>(source);
        Assert.True((await fund.Create(new FundingSourceDto
        {
            Id = source,
            Name = $"Fonds {source}",
            Kind = nameof(FundingSourceKind.ProvincialFund),
            Owner = "province:Limburg",
            Funder = "Provincie Limburg",
        })).Ok);
        Assert.True((await fund.SetCeiling(year, 100_000_00)).Ok);
        var appId = Ledger.Unique("crash-app");
        var app = Grains.GetGrain<IApplicationGrain>(appId);
        Assert.Equal(201, (await app.Create(Manager, Drafts.Of(Region, source, "Keurmerk", "60000.00"))).Status);
        Assert.True((await app.FireJson(Manager, ApplicationTrigger.Submit, null, null, "s")).Ok);
        Assert.True((await app.FireJson(Officer, ApplicationTrigger.StartReview, null, null, "r")).Ok);

        var sourceJournal = $"source.{source}.{year}";
        var regionJournal = $"region.{Region}";
        var commitment = $"commitment:{source}:{year}:{Region}";
        var payable = $"payable:{source}:{year}:{Region}";
        var budget = $"budget:{source}:{year}";
        var regionFunds = $"region:{Region}:{source}";

        // The grant: booked (reserve and post against the ceiling), then the save fails.
        var grant = new JsonObject
        {
            ["amount"] = "60000.00",
            ["endDate"] = Iso(today.PlusDays(200)),
            ["accountabilityDue"] = Iso(today.PlusDays(230)),
            ["advances"] = new JsonArray(new JsonObject { ["due"] = Iso(today), ["amount"] = "20000.00" }),
            ["reason"] = "commissie",
        }.ToJsonString();
        var granted = await CrashThenRetry(app, appId, Officer, ApplicationTrigger.Grant, grant, "grant-1", sourceJournal, regionJournal);
        Assert.Equal("Granted", granted.GetProperty("state").GetString());
        Assert.Equal(-60_000_00, await Balance(sourceJournal, commitment));
        Assert.Equal(40_000_00, (await Ledger.Balances(Grains, sourceJournal))[budget].Available);

        // An advance: a transfer to the region's journal, then the save fails.
        var advanced = await CrashThenRetry(app, appId, Treasurer, ApplicationTrigger.PayAdvance, """{"amount":"20000.00","reference":"bank-1"}""", "adv-1", sourceJournal, regionJournal);
        Assert.Equal("20000.00", advanced.GetProperty("figures").GetProperty("paid").GetString());
        Assert.Equal(-20_000_00, await Balance(regionJournal, regionFunds));
        Assert.Equal(-40_000_00, await Balance(sourceJournal, commitment));

        // A determination with two effects (payable and release), then the save fails.
        Assert.True((await app.FireJson(Manager, ApplicationTrigger.SubmitAccountability, await AccountabilityDocuments.AccountedAsync(Grains, appId, Manager), null, "acc")).Ok);
        var determined = await CrashThenRetry(app, appId, Officer, ApplicationTrigger.Determine, """{"amount":"50000.00","reason":"minder"}""", "det-1", sourceJournal, regionJournal);
        Assert.Equal("Determined", determined.GetProperty("state").GetString());
        Assert.Equal(-30_000_00, await Balance(sourceJournal, payable));
        Assert.Equal(0, await Balance(sourceJournal, commitment));
        Assert.Equal(50_000_00, (await Ledger.Balances(Grains, sourceJournal))[budget].Available);

        foreach (var journal in new[] { sourceJournal, regionJournal })
        {
            var chain = await Grains.GetGrain<ILedgerGrain>(journal).VerifyChain();
            Assert.True(chain.Intact, chain.Reason);
            Assert.Equal(0, (await Ledger.Balances(Grains, journal)).Values.Sum(b => b.PostedBalance));
        }
    }

    /// <summary>
    /// Fires with a key while the next save of the application fails; checks the ledger already holds the booking while
    /// the application does not; retries with the same key; checks the retry added no entry and the figures match.
    /// </summary>
    private async Task<JsonElement> CrashThenRetry(IApplicationGrain app, string appId, ActorDto actor, ApplicationTrigger trigger, string body, string key,
        params string[] journals)
    {
        var before = await View(app);
        var sequence = before.GetProperty("history").GetArrayLength() + 1;
        var prefix = $"app:{appId}:{sequence}:";
        var tripped = fixture.Faults.Tripped;

        // The transition and its intent are stored, the money booked, then the caller is told it failed.
        fixture.Faults.FailNextBookingAfterItLands(appId);
        await Assert.ThrowsAnyAsync<Exception>(() => app.FireJson(actor, trigger, body, key, Fingerprint(actor, trigger, body)));
        Assert.Equal(tripped + 1, fixture.Faults.Tripped);

        var booked = new Dictionary<string, string[]>();
        foreach (var journal in journals)
        {
            booked[journal] = await Keys(journal, prefix);
        }
        Assert.NotEmpty(booked.Values.SelectMany(k => k));
        if (sequence % 2 == 0)
        {
            // A reader finds the transition finished: the file and the ledger agree.
            var reloaded = await View(app);
            Assert.Equal(sequence, reloaded.GetProperty("history").GetArrayLength());
            Assert.True(reloaded.GetProperty("figures").GetProperty("matchesDecisions").GetBoolean(), reloaded.GetProperty("figures").ToString());
        }

        var retried = await app.FireJson(actor, trigger, body, key, Fingerprint(actor, trigger, body));
        Assert.True(retried.Ok, $"{retried.Status} {retried.Code} {retried.Field}: {retried.Reason}");
        foreach (var journal in journals)
        {
            Assert.Equal(booked[journal], await Keys(journal, prefix));
        }
        var after = JsonDocument.Parse(retried.Json!).RootElement.Clone();
        Assert.Equal(sequence, after.GetProperty("history").GetArrayLength());
        Assert.True(after.GetProperty("figures").GetProperty("matchesDecisions").GetBoolean(), after.GetProperty("figures").ToString());
        // A further repeat with the key replays, booking nothing.
        var replay = await app.FireJson(actor, trigger, body, key, Fingerprint(actor, trigger, body));
        Assert.Equal(retried.Json, replay.Json);
        foreach (var journal in journals)
        {
            Assert.Equal(booked[journal], await Keys(journal, prefix));
        }
        return after;
    }

    private static readonly ActorDto Reader = new("crash-reader", Role.Ministry, "national");

    private static async Task<JsonElement> View(IApplicationGrain app)
    {
        var reply = await app.Get(Reader);
        Assert.True(reply.Ok, reply.Reason);
        return JsonDocument.Parse(reply.Json!).RootElement.Clone();
    }

    private async Task<long> Balance(string journal, string account) =>
        (await Ledger.Balances(Grains, journal)).TryGetValue(account, out var b) ? b.PostedBalance : 0;

    private async Task<string[]> Keys(string journal, string prefix)
    {
        var keys = new List<string>();
        long after = 0;
        while (true)
        {
            var page = await Grains.GetGrain<ILedgerGrain>(journal).GetEntries(after, 500);
            if (page.Count == 0)
            {
                return [.. keys.Order(StringComparer.Ordinal)];
            }
            keys.AddRange(page.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(e => e.Key));
            after = page[^1].Sequence;
        }
    }
}

/// <summary>
/// What happens when the request after a failed save is not the same request. The grant was decided and its intent
/// stored before any money moved, so whatever comes next first finishes it: the file and the ledger agree again, and
/// the new request is judged on the granted file.
/// </summary>
[Collection(ApplicationClusterCollection.Name)]
public sealed class ApplicationCrashFollowUpTests(ApplicationClusterFixture fixture)
{
    private static readonly ActorDto Manager = new("crash2-manager", Role.PvoManager, "region:limburg");
    private static readonly ActorDto Officer = new("crash2-officer", Role.ProvincialOfficer, "province:Limburg");

    private IGrainFactory Grains => fixture.Client;

    // failIntentWrite: the one state write (transition and intent) fails; else the booking lands and then fails.
    private async Task<(IApplicationGrain App, string Source, int Year)> UnderReview(bool failIntentWrite = false)
    {
        var year = fixture.Clock.Today.Year;
        var source = Ledger.Unique("crash2").Replace(".", "-", StringComparison.Ordinal);
        var fund = Grains.GetGrain<IFundingSourceGrain>(source);
        Assert.True((await fund.Create(new FundingSourceDto
        {
            Id = source,
            Name = $"Fonds {source}",
            Kind = nameof(FundingSourceKind.ProvincialFund),
            Owner = "province:Limburg",
            Funder = "Provincie Limburg",
        })).Ok);
        Assert.True((await fund.SetCeiling(year, 100_000_00)).Ok);
        var appId = Ledger.Unique("crash2-app");
        var app = Grains.GetGrain<IApplicationGrain>(appId);
        Assert.Equal(201, (await app.Create(Manager, Drafts.Of("limburg", source, "Keurmerk", "60000.00"))).Status);
        Assert.True((await app.FireJson(Manager, ApplicationTrigger.Submit, null, null, "s")).Ok);
        Assert.True((await app.FireJson(Officer, ApplicationTrigger.StartReview, null, null, "r")).Ok);
        var grant = Grant("60000.00");
        if (failIntentWrite)
        {
            fixture.Faults.FailNextApplicationWrite(appId);
        }
        else
        {
            fixture.Faults.FailNextBookingAfterItLands(appId);
        }
        await Assert.ThrowsAnyAsync<Exception>(() => app.FireJson(Officer, ApplicationTrigger.Grant, grant, "g", "g"));
        return (app, source, year);
    }

    private string Grant(string amount)
    {
        var today = fixture.Clock.Today;
        return $$"""{"amount":"{{amount}}","endDate":"{{today.PlusDays(200):yyyy-MM-dd}}","accountabilityDue":"{{today.PlusDays(230):yyyy-MM-dd}}","advances":[],"reason":"commissie"}""";
    }

    private async Task<long> Committed(string source, int year) =>
        (await Ledger.Balances(Grains, $"source.{source}.{year}")).TryGetValue($"commitment:{source}:{year}:limburg", out var b) ? -b.PostedBalance : 0;

    [Fact]
    public async Task A_rejection_after_a_failed_grant_save_finds_the_grant_finished_and_is_refused()
    {
        var (app, source, year) = await UnderReview();
        var rejected = await app.FireJson(Officer, ApplicationTrigger.Reject, """{"reason":"past niet"}""", null, "x");
        Assert.Equal((409, (ApplicationRefusalCode?)ApplicationRefusalCode.Conflict, "state"), (rejected.Status, rejected.Code, rejected.Field));
        var view = await app.Get(Officer);
        Assert.Contains("\"state\":\"Granted\"", view.Json);
        Assert.Contains("\"matchesDecisions\":true", view.Json);
        Assert.Equal(60_000_00, await Committed(source, year));
    }

    [Fact]
    public async Task A_different_grant_after_a_failed_grant_save_is_refused_and_the_first_is_committed_once()
    {
        var (app, source, year) = await UnderReview();
        var granted = await app.FireJson(Officer, ApplicationTrigger.Grant, Grant("50000.00"), null, "y");
        Assert.Equal((409, "state"), (granted.Status, granted.Field));
        Assert.Equal(60_000_00, await Committed(source, year));
        // The retry of the failed request with its key gets the answer of the grant that was finished.
        var retried = await app.FireJson(Officer, ApplicationTrigger.Grant, Grant("60000.00"), "g", "g");
        Assert.True(retried.Ok, retried.Reason);
        Assert.Contains("\"granted\":\"60000.00\"", retried.Json);
        Assert.Equal(60_000_00, await Committed(source, year));
    }

    [Fact]
    public async Task A_failed_write_of_the_intent_books_nothing_and_the_retry_grants_once()
    {
        var (app, source, year) = await UnderReview(failIntentWrite: true);
        Assert.Equal(0, await Committed(source, year));
        var view = await app.Get(Manager);
        Assert.Contains("\"state\":\"UnderReview\"", view.Json);
        var retried = await app.FireJson(Officer, ApplicationTrigger.Grant, Grant("60000.00"), "g", "g");
        Assert.True(retried.Ok, retried.Reason);
        Assert.Equal(60_000_00, await Committed(source, year));
    }

    [Fact]
    public async Task Reading_the_application_after_a_failed_save_finishes_the_transition()
    {
        var (app, source, year) = await UnderReview();
        var view = await app.Get(Manager);
        Assert.True(view.Ok, view.Reason);
        Assert.Contains("\"state\":\"Granted\"", view.Json);
        Assert.Contains("\"matchesDecisions\":true", view.Json);
        Assert.Equal(60_000_00, await Committed(source, year));
    }
}
