using System.Net;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.ApplicationTestKit;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// <c>GET /api/applications/{id}/history</c>: the view shows the newest entries and the count, the endpoint pages every
/// entry from the newest page back, and bad paging input is a problem naming the parameter.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class ApplicationHistoryTests(ServiceFixture fixture)
{
    [Fact]
    public async Task The_history_pages_from_the_newest_and_bad_paging_is_a_problem_naming_the_parameter()
    {
        var source = await fixture.FundAsync("hst", "100000.00");
        var appId = $"hst-{Suffix}";
        await fixture.DraftAsync(appId, "limburg", source, "30000.00");
        var manager = await fixture.As(Who.Manager("limburg"));
        for (var i = 1; i <= 4; i++)
        {
            await manager.Act(appId, "edit-draft", new JsonObject { ["title"] = $"Versie {i}", ["requested"] = "30000.00" });
        }
        var view = await manager.ViewAsync(appId);
        Assert.Equal(5, view.GetProperty("historyCount").GetInt32());
        Assert.Equal(5, view.GetProperty("history").GetArrayLength());

        var newest = (await manager.GetAsync($"api/applications/{appId}/history?pageSize=2")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(5, newest.GetProperty("historyCount").GetInt32());
        Assert.Equal([4, 5], newest.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("sequence").GetInt32()));
        var next = newest.GetProperty("next").GetString()!;
        var middle = (await manager.GetAsync($"api/applications/{appId}/history?pageSize=2&continuation={next}")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal([2, 3], middle.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("sequence").GetInt32()));
        var oldest = (await manager.GetAsync($"api/applications/{appId}/history?pageSize=2&continuation={middle.GetProperty("next").GetString()}")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal([1], oldest.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("sequence").GetInt32()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, oldest.GetProperty("next").ValueKind);
        var all = (await manager.GetAsync($"api/applications/{appId}/history")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("Versie 4", view.GetProperty("title").GetString());
        Assert.Equal(5, all.GetProperty("items").GetArrayLength());

        foreach (var bad in new[] { "pageSize=0", "pageSize=201", "pageSize=abc", "pageSize=-1" })
        {
            (await manager.GetAsync($"api/applications/{appId}/history?{bad}")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "pageSize");
        }
        foreach (var bad in new[] { "continuation=x", "continuation=1", "continuation=7", "continuation=99999" })
        {
            (await manager.GetAsync($"api/applications/{appId}/history?{bad}")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "continuation");
        }
        (await manager.GetAsync($"api/applications/none-{Suffix}/history")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "id");
        var stranger = await fixture.As(Who.Manager("rotterdam"));
        (await stranger.GetAsync($"api/applications/{appId}/history")).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "scope");
    }

    [Fact]
    public async Task The_history_names_who_acted_when_the_sign_in_gave_a_name_and_older_entries_without_one_still_read()
    {
        var source = await fixture.FundAsync("hsn", "100000.00");
        var appId = $"hsn-{Suffix}";
        // Created by a manager whose token has no name: that entry has none.
        await fixture.DraftAsync(appId, "limburg", source, "30000.00");
        var anonymous = await fixture.As(Who.Anonymous);
        var issued = (await anonymous.PostJsonAsync("dev/token", new JsonObject
        {
            ["role"] = "pvo-manager",
            ["region"] = "limburg",
            ["user"] = $"sanne-{Suffix}",
            ["name"] = "  Sanne de Vries  ",
        })).Expect(HttpStatusCode.OK).Json;
        using var http = new HttpClient { BaseAddress = fixture.Service.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", issued.GetProperty("token").GetString());
        var sanne = new LedgerApi(http, fixture.Service);
        await sanne.Act(appId, "edit-draft", new JsonObject { ["title"] = "Met naam", ["requested"] = "30000.00" });

        var history = (await sanne.ViewAsync(appId)).GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(2, history.Count);
        Assert.True(!history[0].TryGetProperty("userName", out var none) || none.ValueKind == System.Text.Json.JsonValueKind.Null, history[0].ToString());
        Assert.Equal("Sanne de Vries", history[1].GetProperty("userName").GetString());
        Assert.Equal($"sanne-{Suffix}", history[1].GetProperty("userId").GetString());
        // The history's own pages carry it too (they are read back from the history rows).
        var page = (await sanne.GetAsync($"api/applications/{appId}/history")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("Sanne de Vries", page.GetProperty("items").EnumerateArray().Last().GetProperty("userName").GetString());

        foreach (var bad in new[] { new string('x', PvoFinance.Applications.Actor.MaxNameLength + 1), "Sanne\u0007", "   " })
        {
            (await anonymous.PostJsonAsync("dev/token", new JsonObject { ["role"] = "ministry", ["name"] = bad }))
                .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "name");
        }
    }
}
