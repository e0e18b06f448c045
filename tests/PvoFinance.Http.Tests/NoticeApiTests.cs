using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// The notices through HTTP, with the service's real clock: an accountability due in twenty days (inside its thirty
/// days' lead) becomes a notice for the region's manager and the treasurers whose books cover the region, after a
/// sweep; a Limburg manager never sees Gelderland's; reading is per user; bad input is a problem naming the field.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class NoticeApiTests(ServiceFixture fixture)
{
    /// <summary>A granted application of <paramref name="region"/> whose accountability is due in 20 days.</summary>
    private async Task<string> AccountableSoonAsync(string prefix, string region, string province)
    {
        var source = await fixture.FundAsync(prefix, "100000.00", province);
        var appId = $"{prefix}-{Suffix}";
        await fixture.DraftAsync(appId, region, source, "40000.00");
        var manager = await fixture.As(Who.Manager(region));
        var officer = await fixture.As(Who.Officer(province));
        await manager.Act(appId, "submit");
        await officer.Act(appId, "start-review");
        await officer.Act(appId, "grant", new JsonObject
        {
            ["amount"] = "40000.00",
            ["endDate"] = Day(5),
            ["accountabilityDue"] = Day(20),
            ["advances"] = new JsonArray(),
            ["reason"] = "past the committee",
        });
        return appId;
    }

    private static JsonElement[] Of(JsonElement inbox, string appId) =>
        [.. inbox.GetProperty("notices").EnumerateArray().Where(n => n.GetProperty("applicationId").GetString() == appId)];

    private async Task<JsonElement> InboxAsync(Who who, string query = "?pageSize=100") =>
        (await (await fixture.As(who)).GetAsync($"api/notices{query}")).Expect(HttpStatusCode.OK).Json;

    [Fact]
    public async Task A_sweep_puts_the_accountability_notice_in_the_inboxes_in_scope_only_and_reading_is_per_user()
    {
        var limburg = await AccountableSoonAsync("nt-l", "limburg", "Limburg");
        var gelderland = await AccountableSoonAsync("nt-g", "oost-nederland", "Gelderland");
        Assert.Empty(Of(await InboxAsync(Who.Manager("limburg")), limburg));

        (await (await fixture.As(Who.Manager("limburg"))).PostJsonAsync("api/notices/sweep", new JsonObject())).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "caller");
        var sweep = (await (await fixture.As(Who.Ministry)).PostJsonAsync("api/notices/sweep", new JsonObject())).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(10, sweep.GetProperty("regions").GetArrayLength());

        var mine = await InboxAsync(Who.Manager("limburg"));
        var notice = Assert.Single(Of(mine, limburg));
        Assert.Equal(("Accountability", Day(20), 20, false, $"Project {limburg}"),
            (notice.GetProperty("kind").GetString(), notice.GetProperty("due").GetString(), notice.GetProperty("daysLeft").GetInt32(),
                notice.GetProperty("read").GetBoolean(), notice.GetProperty("title").GetString()));
        Assert.StartsWith("Verantwoording indienen", notice.GetProperty("action").GetString(), StringComparison.Ordinal);
        Assert.Empty(Of(mine, gelderland));
        Assert.Single(Of(await InboxAsync(Who.Manager("oost-nederland")), gelderland));
        Assert.Empty(Of(await InboxAsync(Who.Manager("oost-nederland")), limburg));
        Assert.Single(Of(await InboxAsync(Who.Treasurer("province:Limburg")), limburg));
        Assert.Empty(Of(await InboxAsync(Who.Treasurer("province:Limburg")), gelderland));
        Assert.Single(Of(await InboxAsync(Who.Treasurer("national")), gelderland));
        // The accountability is the applicant's to deliver: not in the deciding officer's or the ministry's inbox.
        Assert.Empty(Of(await InboxAsync(Who.Officer("Limburg")), limburg));
        Assert.Empty(Of(await InboxAsync(Who.Ministry), limburg));

        // Marking read: another region's notice is not in the inbox (404, as if it did not exist); one's own is.
        var manager = await fixture.As(Who.Manager("limburg"));
        var theirs = Of(await InboxAsync(Who.Manager("oost-nederland")), gelderland)[0].GetProperty("id").GetString();
        (await manager.PostJsonAsync($"api/notices/{theirs}/read", new JsonObject())).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "id");
        var unread = mine.GetProperty("unread").GetInt32();
        var id = notice.GetProperty("id").GetString();
        Assert.True((await manager.PostJsonAsync($"api/notices/{id}/read", new JsonObject())).Expect(HttpStatusCode.OK).Json.GetProperty("read").GetBoolean());
        (await manager.PostJsonAsync($"api/notices/{id}/read", new JsonObject())).Expect(HttpStatusCode.OK);
        var after = await InboxAsync(Who.Manager("limburg"));
        Assert.Equal(unread - 1, after.GetProperty("unread").GetInt32());
        Assert.True(Of(after, limburg)[0].GetProperty("read").GetBoolean());
        Assert.Empty(Of(await InboxAsync(Who.Manager("limburg"), "?unread=true&pageSize=100"), limburg));
        // Read for this user only: the treasurer's copy is still unread.
        Assert.False(Of(await InboxAsync(Who.Treasurer("province:Limburg")), limburg)[0].GetProperty("read").GetBoolean());

        // A second sweep makes nothing twice.
        (await (await fixture.As(Who.Ministry)).PostJsonAsync("api/notices/sweep", new JsonObject())).Expect(HttpStatusCode.OK);
        Assert.Single(Of(await InboxAsync(Who.Manager("limburg")), limburg));
    }

    [Fact]
    public async Task Pages_follow_next_and_bad_input_is_a_problem_naming_the_field()
    {
        var manager = await fixture.As(Who.Manager("limburg"));
        (await manager.GetAsync("api/notices?pageSize=0")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "pageSize");
        (await manager.GetAsync("api/notices?pageSize=101")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "pageSize");
        (await manager.GetAsync("api/notices?continuation=abc")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "continuation");
        (await manager.GetAsync("api/notices?unread=perhaps")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "unread");
        (await manager.PostJsonAsync("api/notices/not-a-notice/read", new JsonObject())).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "id");
        (await manager.PostJsonAsync("api/notices/limburg.20261399.decision.x/read", new JsonObject())).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "id");

        await AccountableSoonAsync("nt-p1", "limburg", "Limburg");
        await AccountableSoonAsync("nt-p2", "limburg", "Limburg");
        (await (await fixture.As(Who.Ministry)).PostJsonAsync("api/notices/sweep", new JsonObject())).Expect(HttpStatusCode.OK);
        var all = await InboxAsync(Who.Manager("limburg"));
        Assert.True(all.GetProperty("total").GetInt32() >= 2);
        var seen = new List<string>();
        string? next = null;
        do
        {
            var page = await InboxAsync(Who.Manager("limburg"), next is null ? "?pageSize=1" : $"?pageSize=1&continuation={next}");
            Assert.Equal(1, page.GetProperty("count").GetInt32());
            seen.Add(page.GetProperty("notices")[0].GetProperty("id").GetString()!);
            next = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        }
        while (next is not null && seen.Count < 500);
        Assert.Equal(all.GetProperty("notices").EnumerateArray().Select(n => n.GetProperty("id").GetString()!), seen);
    }
}
