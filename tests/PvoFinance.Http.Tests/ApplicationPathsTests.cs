using System.Net;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// Other paths through the lifecycle over HTTP: withdrawal before a decision, rejection, a tier C grant that needs
/// two different approvers, and twenty concurrent grants against one ceiling.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class ApplicationPathsTests(ServiceFixture fixture)
{
    private const string Region = "limburg";
    private static readonly Who Manager = Who.Manager(Region);
    private static readonly Who Officer = Who.Officer("Limburg");

    private static void ExpectRefused(Reply reply, HttpStatusCode status, string code)
    {
        reply.Expect(status);
        Assert.Equal(code, reply.Json.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_application_withdrawn_before_a_decision_ends_and_leaves_the_deadline_listing()
    {
        var source = await fixture.FundAsync("wd", "50000.00");
        var appId = $"wd-{Suffix}";
        await fixture.DraftAsync(appId, Region, source, "30000.00");
        var (manager, officer) = (await fixture.As(Manager), await fixture.As(Officer));
        await manager.Act(appId, "submit");
        var app = await manager.Act(appId, "withdraw", new JsonObject { ["reason"] = "project gaat niet door" });
        Assert.Equal("Withdrawn", State(app));
        Assert.Empty(app.GetProperty("actions").EnumerateArray());

        ExpectRefused(await officer.TryAct(appId, "start-review"), HttpStatusCode.Conflict, "Conflict");
        var item = (await officer.GetAsync($"api/applications?source={source}")).Expect(HttpStatusCode.OK).Json.GetProperty("applications").EnumerateArray().Single();
        Assert.Equal("Withdrawn", State(item));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, item.GetProperty("next").ValueKind);
        var due = (await officer.GetAsync("api/applications/due?withinDays=3660")).Expect(HttpStatusCode.OK).Json.GetProperty("items");
        Assert.DoesNotContain(due.EnumerateArray(), i => i.GetProperty("id").GetString() == appId);
    }

    [Fact]
    public async Task A_rejected_application_commits_nothing_and_cannot_be_granted_afterwards()
    {
        var source = await fixture.FundAsync("rej", "50000.00");
        var appId = $"rej-{Suffix}";
        await fixture.DraftAsync(appId, Region, source, "30000.00");
        var (manager, officer) = (await fixture.As(Manager), await fixture.As(Officer));
        await manager.Act(appId, "submit");
        await officer.Act(appId, "start-review");
        var app = await officer.Act(appId, "reject", new JsonObject { ["reason"] = "past niet in de regeling" });
        Assert.Equal("Rejected", State(app));
        Assert.Equal("0.00", app.GetProperty("figures").GetProperty("open").GetString());
        ExpectRefused(await officer.TryAct(appId, "grant", Grant("30000.00", accountable: true)), HttpStatusCode.Conflict, "Conflict");
        var details = await officer.SourceAsync(source);
        Assert.Equal("0.00", YearField(details, int.Parse(Today[..4], System.Globalization.CultureInfo.InvariantCulture), "committed"));
        Assert.Equal("Rejected", State((await officer.GetAsync($"api/applications?source={source}&state=Rejected")).Expect(HttpStatusCode.OK).Json
            .GetProperty("applications").EnumerateArray().Single()));
    }

    [Fact]
    public async Task A_tier_C_grant_needs_two_different_approvers()
    {
        var source = await fixture.FundAsync("tierc", "200000.00");
        var appId = $"tierc-{Suffix}";
        await fixture.DraftAsync(appId, Region, source, "130000.00");
        var manager = await fixture.As(Manager);
        var first = await fixture.As(Officer.As($"officer-a-{Suffix}"));
        var second = await fixture.As(Officer.As($"officer-b-{Suffix}"));
        await manager.Act(appId, "submit");
        await first.Act(appId, "start-review");

        var terms = Grant("130000.00", accountable: true);
        var app = await first.Act(appId, "grant", terms);
        Assert.Equal("UnderReview", State(app));
        Assert.Equal("0.00", app.GetProperty("figures").GetProperty("open").GetString());

        // The same person approving again is refused; nothing is committed.
        ExpectRefused(await first.TryAct(appId, "grant", terms), HttpStatusCode.Forbidden, "Forbidden");
        Assert.Equal("UnderReview", State((await first.GetAsync($"api/applications/{appId}")).Expect(HttpStatusCode.OK).Json));

        app = await second.Act(appId, "grant", terms);
        Assert.Equal("Granted", State(app));
        Assert.Equal("C", app.GetProperty("tier").GetString());
        Assert.Equal("130000.00", app.GetProperty("figures").GetProperty("open").GetString());
        Assert.True(app.GetProperty("figures").GetProperty("matchesDecisions").GetBoolean());
        var item = (await second.GetAsync($"api/applications?source={source}&state=Granted")).Expect(HttpStatusCode.OK).Json.GetProperty("applications").EnumerateArray().Single();
        Assert.Equal("C", item.GetProperty("tier").GetString());
        Assert.Equal("130000.00", item.GetProperty("granted").GetString());
        Assert.Equal(Day(330), item.GetProperty("deadlines").GetProperty("accountability").GetString());
    }

    [Fact]
    public async Task Twenty_concurrent_grants_against_one_ceiling_grant_exactly_ten()
    {
        var source = await fixture.FundAsync("race", "100000.00");
        var (manager, officer) = (await fixture.As(Manager), await fixture.As(Officer));
        var ids = Enumerable.Range(1, 20).Select(i => $"race-{Suffix}-{i:00}").ToArray();
        foreach (var id in ids)
        {
            await fixture.DraftAsync(id, Region, source, "10000.00");
            await manager.Act(id, "submit");
            await officer.Act(id, "start-review");
        }

        var replies = await Task.WhenAll(ids.Select(id => officer.TryAct(id, "grant", Grant("10000.00", accountable: false))));
        Assert.Equal(10, replies.Count(r => r.Status == HttpStatusCode.OK));
        foreach (var refused in replies.Where(r => r.Status != HttpStatusCode.OK))
        {
            refused.ExpectProblem(HttpStatusCode.UnprocessableEntity, "LimitExceeded", "amount");
        }
        var year = int.Parse(Today[..4], System.Globalization.CultureInfo.InvariantCulture);
        var details = await officer.SourceAsync(source);
        Assert.Equal("100000.00", YearField(details, year, "committed"));
        Assert.Equal("0.00", YearField(details, year, "available"));

        // The refused ones are still under review and the list agrees with the grants.
        var listed = (await officer.GetAsync($"api/applications?source={source}")).Expect(HttpStatusCode.OK).Json.GetProperty("applications").EnumerateArray().ToList();
        Assert.Equal(20, listed.Count);
        Assert.Equal(10, listed.Count(i => State(i) == "UnderReview"));
        Assert.Equal(10, listed.Count(i => State(i) != "UnderReview" && i.GetProperty("granted").GetString() == "10000.00"));
    }
}
