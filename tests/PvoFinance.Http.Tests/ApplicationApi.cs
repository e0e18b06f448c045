using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>Helpers for the application tests: Amsterdam dates relative to today, a Limburg fund, drafts and actions.</summary>
public static class ApplicationApi
{
    /// <summary>Today in Europe/Amsterdam (the service judges deadlines with the system clock).</summary>
    public static string Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")))
        .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Today plus <paramref name="days"/>, ISO.</summary>
    public static string Day(int days) => DateOnly.ParseExact(Today, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A provincial fund of <paramref name="province"/> with a ceiling for this year.</summary>
    public static async Task<string> FundAsync(this ServiceFixture fixture, string name, string ceiling, string province = "Limburg")
    {
        var officer = await fixture.As(Who.Officer(province));
        var id = $"{name}-{Suffix}";
        await officer.CreateAsync(Source(id, $"Fonds {id}", "provincial-fund", $"Provincie {province}", province: province));
        await officer.CeilingAsync(id, int.Parse(Today[..4], CultureInfo.InvariantCulture), ceiling);
        return id;
    }

    /// <summary>A draft by the region's PVO-manager.</summary>
    public static async Task<JsonElement> DraftAsync(this ServiceFixture fixture, string appId, string region, string source, string requested)
    {
        var manager = await fixture.As(Who.Manager(region));
        var body = new JsonObject { ["id"] = appId, ["region"] = region, ["fundingSource"] = source, ["title"] = $"Project {appId}", ["requested"] = requested };
        return (await manager.PostJsonAsync("api/applications", body)).Expect(HttpStatusCode.Created).Json;
    }

    /// <summary>Posts an action and answers the reply, whatever its status.</summary>
    public static Task<Reply> TryAct(this LedgerApi api, string appId, string action, JsonObject? body = null) =>
        api.PostJsonAsync($"api/applications/{appId}/{action}", body ?? []);

    /// <summary>Posts an action that must succeed.</summary>
    public static async Task<JsonElement> Act(this LedgerApi api, string appId, string action, JsonObject? body = null) =>
        (await api.TryAct(appId, action, body)).Expect(HttpStatusCode.OK).Json;

    /// <summary>A grant body: tier A (no advances, no accountability) or, with <paramref name="accountable"/>, tier B/C.</summary>
    public static JsonObject Grant(string amount, bool accountable) => new()
    {
        ["amount"] = amount,
        ["endDate"] = Day(300),
        ["accountabilityDue"] = accountable ? Day(330) : null,
        ["advances"] = new JsonArray(),
        ["reason"] = "past the committee",
    };

    /// <summary>The state of an application view or list item.</summary>
    public static string State(JsonElement app) => app.GetProperty("state").GetString()!;
}
