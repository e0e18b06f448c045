using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.ApplicationTestKit;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// Every decision's letter hash is in the application's history (issue 18): the grant's and the determination's entries
/// carry <c>letterSha256</c>, in the view and in <c>GET …/history</c>, and the downloaded PDF hashes to exactly it; entries
/// that are no decision carry none.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class ApplicationLetterHashTests(ServiceFixture fixture)
{
    private const string Region = "limburg";

    [Fact]
    public async Task Each_decision_s_history_entry_holds_the_sha256_of_the_letter_one_downloads()
    {
        var source = await fixture.FundAsync("lhash", "500000.00");
        var appId = $"lhash-{Suffix}";
        await fixture.DraftAsync(appId, Region, source, "60000.00");
        var (manager, officer) = (await fixture.As(Who.Manager(Region)), await fixture.As(Who.Officer("Limburg")));
        await manager.Act(appId, "submit");
        await officer.Act(appId, "start-review");
        var app = await officer.Act(appId, "grant", GrantWith("60000.00"));
        await manager.AccountAsync(appId, new JsonObject { ["results"] = "keurmerk behaald" });
        await officer.Act(appId, "determine", new JsonObject { ["amount"] = "55000.00", ["reason"] = "een activiteit minder" });

        var history = (await officer.GetAsync($"api/applications/{appId}/history?pageSize=50")).Expect(HttpStatusCode.OK).Json.GetProperty("items").EnumerateArray().ToArray();
        var decisions = history.Where(h => h.GetProperty("trigger").GetString() is "Grant" or "Determine").ToArray();
        Assert.Equal(2, decisions.Length);
        foreach (var h in history.Except(decisions))
        {
            Assert.True(h.GetProperty("letterSha256").ValueKind == JsonValueKind.Null, $"{h.GetProperty("trigger")} has a letter hash");
        }
        var view = await officer.ViewAsync(appId);
        foreach (var decision in decisions)
        {
            var sequence = decision.GetProperty("sequence").GetInt32();
            var recorded = decision.GetProperty("letterSha256").GetString();
            Assert.Matches("^[0-9a-f]{64}$", recorded);
            var (status, bytes, _, _, _) = await manager.GetBytesAsync($"api/applications/{appId}/letters/{sequence}.pdf");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(recorded, ApplicationLetterAndDocumentTests.Sha(bytes));
            // The view's history says the same as GET …/history.
            Assert.Equal(recorded, view.GetProperty("history").EnumerateArray().Single(h => h.GetProperty("sequence").GetInt32() == sequence).GetProperty("letterSha256").GetString());
        }
        Assert.Equal("Granted", State(app));
    }
}
