using System.Net;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.ApplicationTestKit;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// Revocation through HTTP: after advances it reverses what is still committed and claims back everything paid;
/// the treasurer records the money received back; the file closes only when nothing is outstanding.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class ApplicationRevocationTests(ServiceFixture fixture)
{
    private const string Region = "limburg";
    private static readonly Who Manager = Who.Manager(Region);
    private static readonly Who Officer = Who.Officer("Limburg");
    private static readonly Who Treasurer = Who.Treasurer("province:Limburg");

    [Fact]
    public async Task Revoking_after_advances_reverses_the_commitment_reclaims_the_advances_and_closes_when_received()
    {
        var source = await fixture.FundAsync("rvk", "100000.00");
        var appId = $"rvk-{Suffix}";
        await fixture.DraftAsync(appId, Region, source, "60000.00");
        var (manager, officer, treasurer) = (await fixture.As(Manager), await fixture.As(Officer), await fixture.As(Treasurer));
        await manager.Act(appId, "submit");
        await officer.Act(appId, "start-review");
        await officer.Act(appId, "grant", GrantWith("60000.00", (0, "20000.00"), (0, "15000.00"), (60, "10000.00")));
        await treasurer.Act(appId, "pay-advance", Amount("20000.00", "bank-r1"));
        var app = await treasurer.Act(appId, "pay-advance", Amount("15000.00", "bank-r2"));
        Assert.Equal("35000.00", Figure(app, "paid"));
        Assert.Equal("25000.00", Figure(app, "open"));
        await AssertFiguresMatchLedger(fixture, app, source, Region);
        Assert.Equal("40000.00", await AvailableAsync(fixture, source));

        // A revocation must say why; the applicant cannot revoke.
        var before = await officer.ViewTextAsync(appId);
        (await officer.TryAct(appId, "revoke", new JsonObject())).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "reason");
        (await manager.TryAct(appId, "revoke", Reason("zelf"))).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "caller");
        Assert.Equal(before, await officer.ViewTextAsync(appId));

        app = await officer.Act(appId, "revoke", Reason("activiteiten niet uitgevoerd"));
        Assert.Equal("Revoked", State(app));
        Assert.Equal("0.00", Figure(app, "open"));
        Assert.Equal("35000.00", Figure(app, "paid"));
        Assert.Equal("35000.00", Figure(app, "toReclaim"));
        Assert.Equal("0.00", Figure(app, "subsidy"));
        await AssertFiguresMatchLedger(fixture, app, source, Region);
        // The open commitment and the claim are budget again: the whole ceiling is available.
        Assert.Equal("100000.00", await AvailableAsync(fixture, source));

        // Nothing else can happen to a revoked grant but receiving the money back and closing.
        Assert.Empty(Actions(app));
        Assert.Equal(["record-reclaim"], Actions(await treasurer.ViewAsync(appId)));
        (await treasurer.TryAct(appId, "pay-advance", Amount("10000.00"))).ExpectProblem(HttpStatusCode.Conflict, "Conflict", "state");
        (await officer.TryAct(appId, "close", new JsonObject())).ExpectProblem(HttpStatusCode.Conflict, "Conflict", "state");

        app = await treasurer.Act(appId, "record-reclaim", Amount("20000.00", "bank-r3"));
        Assert.Equal("Revoked", State(app));
        Assert.Equal("15000.00", Figure(app, "toReclaim"));
        Assert.Equal("20000.00", Figure(app, "reclaimed"));
        Assert.Equal("15000.00", Figure(app, "paid"));
        await AssertFiguresMatchLedger(fixture, app, source, Region);
        (await treasurer.TryAct(appId, "record-reclaim", Amount("15000.01"))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "amount");
        app = await treasurer.Act(appId, "record-reclaim", Amount("15000.00", "bank-r4"));
        Assert.Equal("0.00", Figure(app, "toReclaim"));
        Assert.Equal("35000.00", Figure(app, "reclaimed"));
        Assert.Equal("0.00", Figure(app, "paid"));
        await AssertFiguresMatchLedger(fixture, app, source, Region);
        Assert.Equal(["close"], Actions(await officer.ViewAsync(appId)));
        Assert.Empty(Actions(await treasurer.ViewAsync(appId)));

        app = await officer.Act(appId, "close", Reason("afgewikkeld"));
        Assert.Equal("Closed", State(app));
        Assert.Empty(Actions(await officer.ViewAsync(appId)));
        await AssertFiguresMatchLedger(fixture, app, source, Region);
        Assert.Equal("100000.00", await AvailableAsync(fixture, source));
        Assert.True((await fixture.Api.VerifyAsync($"source.{source}.{ThisYear}")).GetProperty("intact").GetBoolean());
        Assert.True((await fixture.Api.VerifyAsync($"region.{Region}")).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task Revoking_a_determination_reverses_what_is_payable_and_claims_back_what_was_paid()
    {
        var source = await fixture.FundAsync("rvk-d", "50000.00");
        var appId = $"rvk-d-{Suffix}";
        await fixture.DraftAsync(appId, Region, source, "30000.00");
        var (manager, officer, treasurer) = (await fixture.As(Manager), await fixture.As(Officer), await fixture.As(Treasurer));
        await manager.Act(appId, "submit");
        await officer.Act(appId, "start-review");
        await officer.Act(appId, "grant", GrantWith("30000.00", (0, "20000.00")));
        await treasurer.Act(appId, "pay-advance", Amount("20000.00"));
        await manager.AccountAsync(appId, new JsonObject { ["results"] = "verslag" });
        var app = await officer.Act(appId, "determine", new JsonObject { ["amount"] = "25000.00", ["reason"] = "een activiteit minder" });
        Assert.Equal("5000.00", Figure(app, "payable"));
        Assert.Equal(["record-payment"], Actions(await treasurer.ViewAsync(appId)));
        Assert.Equal(["revoke"], Actions(await officer.ViewAsync(appId)));

        app = await officer.Act(appId, "revoke", Reason("onjuiste gegevens verstrekt"));
        Assert.Equal("Revoked", State(app));
        Assert.Equal("0.00", Figure(app, "payable"));
        Assert.Equal("0.00", Figure(app, "open"));
        Assert.Equal("20000.00", Figure(app, "toReclaim"));
        Assert.Equal("0.00", Figure(app, "subsidy"));
        await AssertFiguresMatchLedger(fixture, app, source, Region);
        Assert.Equal("50000.00", await AvailableAsync(fixture, source));
        (await treasurer.TryAct(appId, "record-payment", Amount("5000.00"))).ExpectProblem(HttpStatusCode.Conflict, "Conflict", "state");
    }
}
