using System.Text.Json;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.ApplicationTestKit;

namespace PvoFinance.Http.Tests;

/// <summary>Issue 13's example through the API, for the tests that check figures against it.</summary>
internal static class FiguresScenario
{
    /// <summary>
    /// Drafts <paramref name="appId"/> for 40,000 from <paramref name="source"/>, grants it with one advance of 32,000
    /// (paid), takes the accountability and determines 28,500: 8,000 of the commitment released, 3,500 to reclaim.
    /// </summary>
    /// <returns>The application as the determination answered it.</returns>
    public static async Task<JsonElement> DetermineBelowTheAdvanceAsync(ServiceFixture fixture, LedgerApi manager, LedgerApi officer, LedgerApi treasurer,
        string appId, string region, string source)
    {
        await fixture.DraftAsync(appId, region, source, "40000.00");
        await manager.Act(appId, "submit", Reason("compleet"));
        await officer.Act(appId, "start-review");
        await officer.Act(appId, "grant", new JsonObject
        {
            ["amount"] = "40000.00",
            ["endDate"] = Day(300),
            ["accountabilityDue"] = Day(330),
            ["advances"] = new JsonArray(new JsonObject { ["due"] = Today, ["amount"] = "32000.00" }),
            ["reason"] = "past the committee",
        });
        await treasurer.Act(appId, "pay-advance", Amount("32000.00", "bank-1"));
        await manager.AccountAsync(appId, new JsonObject { ["results"] = "Keurmerk behaald" });
        return await officer.Act(appId, "determine", new JsonObject { ["amount"] = "28500.00", ["reason"] = "minder winkelgebieden" });
    }
}
