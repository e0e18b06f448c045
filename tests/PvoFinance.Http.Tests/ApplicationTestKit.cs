using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// More helpers for the application tests: keyed actions, the view read back, and the check that every figure of
/// an application equals the balances the ledger API shows (read independently of the application).
/// </summary>
public static class ApplicationTestKit
{
    /// <summary>Posts an action with an <c>Idempotency-Key</c> and answers the reply, whatever its status.</summary>
    public static Task<Reply> TryActKeyed(this LedgerApi api, string appId, string action, JsonObject body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/applications/{appId}/{action}")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        return api.SendAsync(request);
    }

    /// <summary>The application as <paramref name="api"/>'s caller sees it; expects 200.</summary>
    public static async Task<JsonElement> ViewAsync(this LedgerApi api, string appId) =>
        (await api.GetAsync($"api/applications/{appId}")).Expect(HttpStatusCode.OK).Json;

    /// <summary>The raw text of the view, to compare "nothing changed" exactly.</summary>
    public static async Task<string> ViewTextAsync(this LedgerApi api, string appId) =>
        (await api.GetAsync($"api/applications/{appId}")).Expect(HttpStatusCode.OK).Text;

    /// <summary>The <c>actions</c> of a view, sorted.</summary>
    public static string[] Actions(JsonElement app) =>
        [.. app.GetProperty("actions").EnumerateArray().Select(a => a.GetString()!).Order(StringComparer.Ordinal)];

    /// <summary>A string figure of a view.</summary>
    public static string Figure(JsonElement app, string name) => app.GetProperty("figures").GetProperty(name).GetString()!;

    /// <summary>The current year as the service's grant year (Amsterdam).</summary>
    public static string ThisYear => Today[..4];

    /// <summary>A grant body with an explicit advance schedule.</summary>
    public static JsonObject GrantWith(string amount, params (int Day, string Amount)[] advances) => new()
    {
        ["amount"] = amount,
        ["endDate"] = Day(300),
        ["accountabilityDue"] = Day(330),
        ["advances"] = new JsonArray([.. advances.Select(a => (JsonNode)new JsonObject { ["due"] = Day(a.Day), ["amount"] = a.Amount })]),
        ["reason"] = "past the committee",
    };

    /// <summary>A body with only a reason.</summary>
    public static JsonObject Reason(string reason) => new() { ["reason"] = reason };

    /// <summary>A body with an amount and a bank reference.</summary>
    public static JsonObject Amount(string amount, string? reference = null) => new() { ["amount"] = amount, ["reference"] = reference };

    /// <summary>
    /// Checks every ledger figure of the application against the journals' balances: the fund's journal for this year
    /// and the region's journal. Only valid when the application is the only one on its fund and region account.
    /// </summary>
    public static async Task AssertFiguresMatchLedger(ServiceFixture fixture, JsonElement app, string source, string region)
    {
        var figures = app.GetProperty("figures");
        Assert.True(figures.GetProperty("matchesDecisions").GetBoolean(), figures.ToString());
        var src = await fixture.Api.BalancesAsync($"source.{source}.{ThisYear}");
        var reg = await fixture.Api.BalancesAsync($"region.{region}");
        string Neg(string amount) => Money(-Dec(amount));
        var open = Neg(LedgerApi.Field(src, $"commitment:{source}:{ThisYear}:{region}", "balance"));
        var payable = Neg(LedgerApi.Field(src, $"payable:{source}:{ThisYear}:{region}", "balance"));
        var toReclaim = LedgerApi.Field(src, $"receivable:{source}:{ThisYear}:{region}", "balance");
        var reclaimed = LedgerApi.Field(src, $"receivable:{source}:{ThisYear}:{region}", "creditsPosted");
        var paid = Neg(LedgerApi.Field(reg, $"region:{region}:{source}", "balance"));
        Assert.Equal(open, figures.GetProperty("open").GetString());
        Assert.Equal(payable, figures.GetProperty("payable").GetString());
        Assert.Equal(toReclaim, figures.GetProperty("toReclaim").GetString());
        Assert.Equal(reclaimed, figures.GetProperty("reclaimed").GetString());
        Assert.Equal(paid, figures.GetProperty("paid").GetString());
        Assert.Equal(Money(Dec(open) + Dec(paid) + Dec(payable) - Dec(toReclaim)), figures.GetProperty("subsidy").GetString());
        // No reservation is left hanging on the budget, and the budget is never overdrawn.
        Assert.Equal("0.00", LedgerApi.Field(src, $"budget:{source}:{ThisYear}", "debitsPending"));
        Assert.True(Dec(LedgerApi.Field(src, $"budget:{source}:{ThisYear}", "available")) >= 0m);
        // Each journal balances on its own (transfers go through clearing accounts).
        Assert.Equal(0m, src.Values.Sum(b => Dec(b.GetProperty("balance").GetString()!)));
        Assert.Equal(0m, reg.Values.Sum(b => Dec(b.GetProperty("balance").GetString()!)));
    }

    /// <summary>The budget account's available amount of this year.</summary>
    public static async Task<string> AvailableAsync(ServiceFixture fixture, string source) =>
        LedgerApi.Field(await fixture.Api.BalancesAsync($"source.{source}.{ThisYear}"), $"budget:{source}:{ThisYear}", "available");
}
