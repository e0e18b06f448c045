using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.ApplicationTestKit;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// Deadlines through HTTP (judged with the service's real clock, so only from today on; the cluster tests move a
/// clock): the decision term extended once, an advance not paid before its date, the accountability and payment
/// dates in the application and in <c>/due</c>, and the payment date gone once paid.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class ApplicationDeadlineTests(ServiceFixture fixture)
{
    private const string Region = "limburg";

    // The objection term a decision opens (six weeks) is listed too; ApplicationObjectionTests checks it, so it is left out here.
    private static JsonElement[] Due(JsonElement due, string appId) =>
        [.. due.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("id").GetString() == appId && i.GetProperty("kind").GetString() != "ObjectionTerm")];

    [Fact]
    public async Task The_decision_term_is_extended_once_and_the_grant_sets_the_accountability_date()
    {
        var source = await fixture.FundAsync("dl-ext", "100000.00");
        var appId = $"dl-ext-{Suffix}";
        await fixture.DraftAsync(appId, Region, source, "60000.00");
        var manager = await fixture.As(Who.Manager(Region));
        var officer = await fixture.As(Who.Officer("Limburg"));
        var treasurer = await fixture.As(Who.Treasurer("province:Limburg"));
        await manager.Act(appId, "submit");

        (await officer.TryAct(appId, "extend-decision-term", new JsonObject { ["weeks"] = 0, ["reason"] = "advies" })).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "weeks");
        (await officer.TryAct(appId, "extend-decision-term", new JsonObject { ["weeks"] = 9, ["reason"] = "advies" })).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "weeks");
        (await officer.TryAct(appId, "extend-decision-term", new JsonObject { ["weeks"] = 4 })).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "reason");
        (await manager.TryAct(appId, "extend-decision-term", new JsonObject { ["weeks"] = 4, ["reason"] = "advies" })).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "caller");
        var app = await officer.Act(appId, "extend-decision-term", new JsonObject { ["weeks"] = 4, ["reason"] = "advies van de commissie" });
        Assert.Equal(Day(56 + 28), app.GetProperty("deadlines").GetProperty("decision").GetString());
        Assert.Equal("advies van de commissie", app.GetProperty("deadlines").GetProperty("decisionExtensionReason").GetString());
        Assert.DoesNotContain("extend-decision-term", Actions(await officer.ViewAsync(appId)));
        (await officer.TryAct(appId, "extend-decision-term", new JsonObject { ["weeks"] = 1, ["reason"] = "nog eens" })).ExpectProblem(HttpStatusCode.Conflict, "Conflict", "extension");

        var line = Due((await officer.GetAsync("api/applications/due?withinDays=84")).Expect(HttpStatusCode.OK).Json, appId).Single();
        Assert.Equal(("Decision", Day(84), 84), (line.GetProperty("kind").GetString(), line.GetProperty("due").GetString(), line.GetProperty("daysLeft").GetInt32()));
        Assert.Empty(Due((await officer.GetAsync("api/applications/due?withinDays=83")).Expect(HttpStatusCode.OK).Json, appId));

        // The grant ends the decision term and sets the accountability date; its advance is not paid before its date.
        await officer.Act(appId, "start-review");
        app = await officer.Act(appId, "grant", GrantWith("60000.00", (10, "20000.00")));
        var deadlines = app.GetProperty("deadlines");
        Assert.Equal(JsonValueKind.Null, deadlines.GetProperty("decision").ValueKind);
        Assert.Equal(Day(330), deadlines.GetProperty("accountability").GetString());
        var before = await officer.ViewTextAsync(appId);
        (await treasurer.TryAct(appId, "pay-advance", Amount("20000.00"))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "amount");
        Assert.Equal(before, await officer.ViewTextAsync(appId));
        line = Due((await officer.GetAsync("api/applications/due?withinDays=330")).Expect(HttpStatusCode.OK).Json, appId).Single();
        Assert.Equal(("Accountability", Day(330)), (line.GetProperty("kind").GetString(), line.GetProperty("due").GetString()));
    }

    [Fact]
    public async Task A_tier_A_grant_is_determined_at_once_with_a_payment_date_that_goes_when_paid()
    {
        var source = await fixture.FundAsync("dl-a", "50000.00");
        var appId = $"dl-a-{Suffix}";
        await fixture.DraftAsync(appId, Region, source, "20000.00");
        var manager = await fixture.As(Who.Manager(Region));
        var officer = await fixture.As(Who.Officer("Limburg"));
        var treasurer = await fixture.As(Who.Treasurer("province:Limburg"));
        await manager.Act(appId, "submit");
        await officer.Act(appId, "start-review");

        // Tier A carries no advances and no accountability.
        (await officer.TryAct(appId, "grant", GrantWith("20000.00", (0, "5000.00")))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "advances");
        (await officer.TryAct(appId, "grant", ApplicationApi.Grant("20000.00", accountable: true))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "accountabilityDue");
        var app = await officer.Act(appId, "grant", ApplicationApi.Grant("20000.00", accountable: false));
        Assert.Equal("Determined", State(app));
        Assert.Equal("A", app.GetProperty("tier").GetString());
        Assert.Equal("20000.00", Figure(app, "determined"));
        Assert.Equal("20000.00", Figure(app, "payable"));
        await AssertFiguresMatchLedger(fixture, app, source, Region);
        Assert.Equal(Day(42), app.GetProperty("deadlines").GetProperty("payment").GetString());
        Assert.Equal(DateOnly.Parse(Today, System.Globalization.CultureInfo.InvariantCulture).AddYears(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            app.GetProperty("deadlines").GetProperty("barredFrom").GetString());
        var line = Due((await treasurer.GetAsync("api/applications/due?withinDays=42")).Expect(HttpStatusCode.OK).Json, appId).Single();
        Assert.Equal(("Payment", Day(42), 42, false),
            (line.GetProperty("kind").GetString(), line.GetProperty("due").GetString(), line.GetProperty("daysLeft").GetInt32(), line.GetProperty("overdue").GetBoolean()));

        app = await treasurer.Act(appId, "record-payment", Amount("20000.00", "bank"));
        Assert.Equal("Settled", State(app));
        Assert.Equal(JsonValueKind.Null, app.GetProperty("deadlines").GetProperty("payment").ValueKind);
        Assert.Empty(Due((await treasurer.GetAsync("api/applications/due?withinDays=42")).Expect(HttpStatusCode.OK).Json, appId));
        await AssertFiguresMatchLedger(fixture, app, source, Region);
        // A settled file cannot be closed before the five years have passed.
        (await officer.TryAct(appId, "close", new JsonObject())).ExpectProblem(HttpStatusCode.Conflict, "Conflict", "state");
    }
}
