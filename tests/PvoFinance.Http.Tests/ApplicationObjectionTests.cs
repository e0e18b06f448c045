using System.Net;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.ApplicationTestKit;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// Objections through HTTP (the service's real clock; the term edges and the penalty with time passing are in the core
/// and cluster tests): an objection that turns a rejection into a grant and books the money, and the bad input —
/// a second objection to the same decision, a notice of default before the term passed, grounds missing or too long,
/// a revised grant above the request — each a problem naming the field, nothing changed.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class ApplicationObjectionTests(ServiceFixture fixture)
{
    private const string Region = "limburg";
    private static readonly Who Manager = Who.Manager(Region);
    private static readonly Who Officer = Who.Officer("Limburg");
    private static readonly Who Treasurer = Who.Treasurer("province:Limburg");

    private static JsonObject Grounds(string grounds) => new() { ["grounds"] = grounds };

    [Fact]
    public async Task A_founded_objection_turns_a_rejection_into_a_grant_and_books_the_money()
    {
        var source = await fixture.FundAsync("obj", "100000.00");
        var appId = $"obj-{Suffix}";
        await fixture.DraftAsync(appId, Region, source, "60000.00");
        var (manager, officer, treasurer) = (await fixture.As(Manager), await fixture.As(Officer), await fixture.As(Treasurer));
        await manager.Act(appId, "submit");

        // Notice of default before the decision term passed: refused, naming the rule.
        var before = await officer.ViewTextAsync(appId);
        var notice = (await manager.TryAct(appId, "give-notice-of-default", Reason("ingebrekestelling"))).ExpectProblem(HttpStatusCode.Conflict, "Conflict", "notice");
        Assert.Contains("4:17", notice.GetProperty("detail").GetString());
        Assert.Equal(before, await officer.ViewTextAsync(appId));

        await officer.Act(appId, "start-review");
        var app = await officer.Act(appId, "reject", Reason("past niet in de regeling"));
        Assert.Equal("Rejected", State(app));
        // Six weeks, run to the next working day when they end on a weekend or holiday (Algemene termijnenwet).
        var lastDay = ObjectionTermDays.Extend(Day(42));
        Assert.Equal(lastDay, app.GetProperty("deadlines").GetProperty("objectionTerm").GetString());
        Assert.Contains("lodge-objection", Actions(await manager.ViewAsync(appId)));

        // Bad input changes nothing.
        before = await officer.ViewTextAsync(appId);
        (await manager.TryAct(appId, "lodge-objection", new JsonObject())).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "grounds");
        (await manager.TryAct(appId, "lodge-objection", Grounds(" "))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "grounds");
        (await manager.TryAct(appId, "lodge-objection", Grounds(new string('x', 2001)))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "grounds");
        (await manager.TryAct(appId, "lodge-objection", new JsonObject { ["grounds"] = "x", ["decision"] = 1 })).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "decision");
        (await officer.TryAct(appId, "lodge-objection", Grounds("ten onrechte"))).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "caller");
        Assert.Equal(before, await officer.ViewTextAsync(appId));

        app = await manager.Act(appId, "lodge-objection", Grounds("de activiteit past wel in de regeling"));
        Assert.Equal("Rejected", State(app));
        Assert.Equal(ObjectionTermDays.Extend(ObjectionTermDays.Plus(lastDay, 42)), app.GetProperty("deadlines").GetProperty("objectionDecision").GetString());
        var objection = app.GetProperty("objections")[0];
        Assert.Equal(("Reject", Today), (objection.GetProperty("decisionTrigger").GetString(), objection.GetProperty("lodgedOn").GetString()));
        var due = (await officer.GetAsync("api/applications/due?withinDays=120")).Expect(HttpStatusCode.OK).Json;
        Assert.Contains(due.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == appId && i.GetProperty("kind").GetString() == "ObjectionDecision");

        // A second objection to the same decision: refused.
        var second = (await manager.TryAct(appId, "lodge-objection", Grounds("nogmaals"))).ExpectProblem(HttpStatusCode.Conflict, "Conflict", "decision");
        Assert.Contains("once", second.GetProperty("detail").GetString());

        // The revised grant is judged like a grant.
        var revised = new JsonObject { ["founded"] = true, ["reason"] = "gegrond: de activiteit past in de regeling", ["grant"] = GrantWith("60000.01") };
        (await officer.TryAct(appId, "decide-objection", revised)).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "grant.amount");
        (await officer.TryAct(appId, "decide-objection", new JsonObject { ["founded"] = true, ["reason"] = "gegrond" })).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "grant");
        (await manager.TryAct(appId, "decide-objection", new JsonObject { ["founded"] = false, ["reason"] = "x" })).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "caller");
        Assert.Equal("100000.00", await AvailableAsync(fixture, source));

        revised["grant"] = GrantWith("60000.00", (0, "20000.00"));
        app = await officer.Act(appId, "decide-objection", revised);
        Assert.Equal("Granted", State(app));
        Assert.Equal("Founded", app.GetProperty("objections")[0].GetProperty("outcome").GetString());
        Assert.Equal("60000.00", Figure(app, "open"));
        await AssertFiguresMatchLedger(fixture, app, source, Region);
        Assert.Equal("40000.00", await AvailableAsync(fixture, source));

        // The revised decision is a grant like any other: its advance is paid through the same ledger effects.
        app = await treasurer.Act(appId, "pay-advance", Amount("20000.00", "bank-o1"));
        Assert.Equal("20000.00", Figure(app, "paid"));
        await AssertFiguresMatchLedger(fixture, app, source, Region);
        // A decision on an objection is not objected to again.
        (await manager.TryAct(appId, "lodge-objection", Grounds("nogmaals"))).ExpectProblem(HttpStatusCode.Conflict, "Conflict", "decision");
    }
}
