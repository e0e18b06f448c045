using System.Net;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.ApplicationTestKit;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// Amendments through HTTP: an increase commits more (and is refused over the ceiling, changing nothing), a decrease
/// releases, a refused amendment leaves the grant as it was, and a raise into tier C needs two approvers.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class ApplicationAmendmentTests(ServiceFixture fixture)
{
    private const string Region = "limburg";
    private static readonly Who Manager = Who.Manager(Region);
    private static readonly Who Officer = Who.Officer("Limburg");

    private static JsonObject Ask(string budget) => new() { ["budget"] = budget, ["reason"] = "meer winkelgebieden" };

    private static JsonObject Decide(string budget) => new() { ["budget"] = budget, ["endDate"] = Day(300), ["reason"] = "akkoord" };

    [Fact]
    public async Task An_increase_commits_more_up_to_the_ceiling_and_a_decrease_releases()
    {
        var source = await fixture.FundAsync("amd", "60000.00");
        var appId = $"amd-{Suffix}";
        await fixture.DraftAsync(appId, Region, source, "50000.00");
        var (manager, officer, treasurer) = (await fixture.As(Manager), await fixture.As(Officer), await fixture.As(Who.Treasurer("province:Limburg")));
        await manager.Act(appId, "submit");
        await officer.Act(appId, "start-review");
        await officer.Act(appId, "grant", GrantWith("40000.00", (0, "10000.00"), (30, "10000.00")));
        var app = await treasurer.Act(appId, "pay-advance", Amount("10000.00"));
        await AssertFiguresMatchLedger(fixture, app, source, Region);
        Assert.Equal("20000.00", await AvailableAsync(fixture, source));

        // An increase: requested by the PVO, approved by the fund's owner, committed in the ledger.
        app = await manager.Act(appId, "request-amendment", Ask("55000.00"));
        Assert.Equal("AmendmentRequested", State(app));
        Assert.Equal(["approve-amendment", "refuse-amendment", "revoke"], Actions(await officer.ViewAsync(appId)));
        app = await officer.Act(appId, "approve-amendment", Decide("55000.00"));
        Assert.Equal("Granted", State(app));
        Assert.Equal("55000.00", Figure(app, "granted"));
        Assert.Equal("45000.00", Figure(app, "open"));
        Assert.Equal("55000.00", Figure(app, "subsidy"));
        await AssertFiguresMatchLedger(fixture, app, source, Region);
        Assert.Equal("5000.00", await AvailableAsync(fixture, source));

        // An increase the ceiling cannot carry is refused and changes nothing, in the file or the ledger.
        await manager.Act(appId, "request-amendment", Ask("70000.00"));
        var journal = $"source.{source}.{ThisYear}";
        var before = await officer.ViewTextAsync(appId);
        var ledgerBefore = await fixture.Api.StateAsync(journal);
        (await officer.TryAct(appId, "approve-amendment", Decide("70000.00"))).ExpectProblem(HttpStatusCode.UnprocessableEntity, "LimitExceeded", "amount");
        Assert.Equal(before, await officer.ViewTextAsync(appId));
        Assert.Equal(ledgerBefore, await fixture.Api.StateAsync(journal));
        Assert.Equal(0, (await fixture.Api.SummaryAsync(journal)).GetProperty("openReservations").GetInt32());
        // More than was asked is refused as content.
        (await officer.TryAct(appId, "approve-amendment", Decide("70000.01"))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "budget");

        // Exactly what the ceiling still carries fits.
        app = await officer.Act(appId, "approve-amendment", Decide("60000.00"));
        Assert.Equal("60000.00", Figure(app, "granted"));
        Assert.Equal("50000.00", Figure(app, "open"));
        await AssertFiguresMatchLedger(fixture, app, source, Region);
        Assert.Equal("0.00", await AvailableAsync(fixture, source));

        // A decrease below what was advanced is refused; a decrease above it releases the difference.
        (await manager.TryAct(appId, "request-amendment", Ask("9999.99"))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "budget");
        await manager.Act(appId, "request-amendment", Ask("30000.00"));
        app = await officer.Act(appId, "approve-amendment", Decide("30000.00"));
        Assert.Equal("Granted", State(app));
        Assert.Equal("30000.00", Figure(app, "granted"));
        Assert.Equal("20000.00", Figure(app, "open"));
        Assert.Equal("10000.00", Figure(app, "paid"));
        await AssertFiguresMatchLedger(fixture, app, source, Region);
        Assert.Equal("30000.00", await AvailableAsync(fixture, source));

        // A refused amendment (with its reason) leaves grant and ledger as they were.
        await manager.Act(appId, "request-amendment", Ask("45000.00"));
        ledgerBefore = await fixture.Api.BalancesTextAsync(journal);
        (await officer.TryAct(appId, "refuse-amendment", new JsonObject())).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "reason");
        app = await officer.Act(appId, "refuse-amendment", Reason("geen budget"));
        Assert.Equal("Granted", State(app));
        Assert.Equal("30000.00", Figure(app, "granted"));
        Assert.Equal(ledgerBefore, await fixture.Api.BalancesTextAsync(journal));
        await AssertFiguresMatchLedger(fixture, app, source, Region);

        // The rest of the schedule is still paid as planned, within the lower grant.
        Assert.True((await fixture.Api.VerifyAsync(journal)).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task An_amendment_into_tier_C_needs_two_approvers_and_raises_the_tier()
    {
        var source = await fixture.FundAsync("amd-c", "200000.00");
        var appId = $"amd-c-{Suffix}";
        await fixture.DraftAsync(appId, Region, source, "100000.00");
        var manager = await fixture.As(Manager);
        var first = await fixture.As(Officer.As($"amd-a-{Suffix}"));
        var second = await fixture.As(Officer.As($"amd-b-{Suffix}"));
        await manager.Act(appId, "submit");
        await first.Act(appId, "start-review");
        var app = await first.Act(appId, "grant", GrantWith("100000.00"));
        Assert.Equal("B", app.GetProperty("tier").GetString());

        await manager.Act(appId, "request-amendment", Ask("130000.00"));
        app = await first.Act(appId, "approve-amendment", Decide("130000.00"));
        Assert.Equal("AmendmentRequested", State(app));
        Assert.Equal("100000.00", Figure(app, "open"));
        (await first.TryAct(appId, "approve-amendment", Decide("130000.00"))).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "caller");
        (await second.TryAct(appId, "approve-amendment", Decide("120000.00"))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "amount");
        app = await second.Act(appId, "approve-amendment", Decide("130000.00"));
        Assert.Equal("Granted", State(app));
        Assert.Equal("C", app.GetProperty("tier").GetString());
        Assert.Equal("130000.00", Figure(app, "open"));
        await AssertFiguresMatchLedger(fixture, app, source, Region);
        Assert.Equal("70000.00", await AvailableAsync(fixture, source));

        // Tier C now: the accountability needs the costs and the auditor's statement.
        (await manager.TryAct(appId, "submit-accountability", new JsonObject { ["results"] = "verslag" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "realisedCosts");
    }
}
