using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// The application lifecycle through HTTP on a provincial fund of Limburg: every figure the application shows
/// equals the ledger's balances, a grant over the ceiling changes nothing, the applicant's side cannot grant,
/// and an action with an idempotency key replays.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class ApplicationLifecycleTests(ServiceFixture fixture)
{
    private const string Region = "limburg";
    private static readonly Who Manager = Who.Manager(Region);
    private static readonly Who Officer = Who.Officer("Limburg");
    private static readonly Who Treasurer = Who.Treasurer("province:Limburg");

    private static JsonObject GrantBody(string amount, string advance) => new()
    {
        ["amount"] = amount,
        ["endDate"] = Day(300),
        ["accountabilityDue"] = Day(330),
        ["advances"] = new JsonArray(new JsonObject { ["due"] = Today, ["amount"] = advance }),
        ["reason"] = "past the committee",
    };

    private async Task<JsonElement> DraftAsync(string appId, string source, string requested)
    {
        var manager = await fixture.As(Manager);
        var body = new JsonObject { ["id"] = appId, ["region"] = Region, ["fundingSource"] = source, ["title"] = "Keurmerk Veilig Ondernemen Maastricht", ["requested"] = requested };
        var created = (await manager.PostJsonAsync("api/applications", body)).Expect(HttpStatusCode.Created).Json;
        Assert.Equal("Draft", created.GetProperty("state").GetString());
        return created;
    }

    private static async Task<JsonElement> Act(LedgerApi api, string appId, string action, JsonObject? body = null, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/applications/{appId}/{action}")
        {
            Content = new StringContent((body ?? []).ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return (await api.SendAsync(request)).Expect(HttpStatusCode.OK).Json;
    }

    private static string[] Actions(JsonElement app) => [.. app.GetProperty("actions").EnumerateArray().Select(a => a.GetString()!)];

    private static string Neg(string amount) => Money(-Dec(amount));

    /// <summary>Checks every ledger figure of the application against the journals' balances (one application per fund here).</summary>
    private async Task AssertFiguresMatchLedger(JsonElement app, string source)
    {
        var figures = app.GetProperty("figures");
        Assert.True(figures.GetProperty("matchesDecisions").GetBoolean(), figures.ToString());
        var year = Today[..4];
        var src = await fixture.Api.BalancesAsync($"source.{source}.{year}");
        var region = await fixture.Api.BalancesAsync($"region.{Region}");
        Assert.Equal(Neg(LedgerApi.Field(src, $"commitment:{source}:{year}:{Region}", "balance")), figures.GetProperty("open").GetString());
        Assert.Equal(Neg(LedgerApi.Field(src, $"payable:{source}:{year}:{Region}", "balance")), figures.GetProperty("payable").GetString());
        Assert.Equal(LedgerApi.Field(src, $"receivable:{source}:{year}:{Region}", "balance"), figures.GetProperty("toReclaim").GetString());
        Assert.Equal(LedgerApi.Field(src, $"receivable:{source}:{year}:{Region}", "creditsPosted"), figures.GetProperty("reclaimed").GetString());
        Assert.Equal(Neg(LedgerApi.Field(region, $"region:{Region}:{source}", "balance")), figures.GetProperty("paid").GetString());
        Assert.Equal("0.00", LedgerApi.Field(src, $"budget:{source}:{year}", "debitsPending"));
    }

    [Fact]
    public async Task Tier_B_from_draft_to_settled_with_a_partial_determination_and_reclaim_keeps_figures_equal_to_the_ledger()
    {
        var source = await fixture.FundAsync("app-life", "40000.00");
        var appId = $"life-{Suffix}";
        var (manager, officer, treasurer) = (await fixture.As(Manager), await fixture.As(Officer), await fixture.As(Treasurer));

        var app = await DraftAsync(appId, source, "30000.00");
        Assert.Contains("submit", Actions(app));
        app = await Act(manager, appId, "submit", new JsonObject { ["reason"] = "compleet" });
        Assert.Equal("Submitted", app.GetProperty("state").GetString());
        Assert.Contains("start-review", Actions((await officer.GetAsync($"api/applications/{appId}")).Expect(HttpStatusCode.OK).Json));
        await Act(officer, appId, "start-review");
        app = await Act(officer, appId, "request-information", new JsonObject { ["reason"] = "begroting ontbreekt" });
        Assert.Equal("InformationRequested", app.GetProperty("state").GetString());
        await Act(manager, appId, "supply-information", new JsonObject { ["reason"] = "bijgevoegd" });

        // The applicant's side cannot grant (role, and four-eyes by user id).
        (await manager.PostJsonAsync($"api/applications/{appId}/grant", GrantBody("30000.00", "20000.00")))
            .ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "caller");

        app = await Act(officer, appId, "grant", GrantBody("30000.00", "20000.00"));
        Assert.Equal("Granted", app.GetProperty("state").GetString());
        Assert.Equal("B", app.GetProperty("tier").GetString());
        Assert.Equal("30000.00", app.GetProperty("figures").GetProperty("open").GetString());
        Assert.Equal("30000.00", app.GetProperty("figures").GetProperty("subsidy").GetString());
        await AssertFiguresMatchLedger(app, source);

        app = await Act(treasurer, appId, "pay-advance", new JsonObject { ["amount"] = "20000.00", ["reference"] = "bank-1" });
        Assert.Equal("20000.00", app.GetProperty("figures").GetProperty("paid").GetString());
        Assert.Equal("10000.00", app.GetProperty("figures").GetProperty("open").GetString());
        await AssertFiguresMatchLedger(app, source);

        app = await Act(manager, appId, "submit-accountability", await manager.WithDocumentsAsync(appId, new JsonObject { ["results"] = "Keurmerk behaald, 40 ondernemers" }));
        Assert.Equal("AccountabilitySubmitted", app.GetProperty("state").GetString());
        app = await Act(officer, appId, "determine", new JsonObject { ["amount"] = "15000.00", ["reason"] = "minder winkelgebieden" });
        Assert.Equal("Determined", app.GetProperty("state").GetString());
        var f = app.GetProperty("figures");
        Assert.Equal("15000.00", f.GetProperty("determined").GetString());
        Assert.Equal("5000.00", f.GetProperty("toReclaim").GetString());
        Assert.Equal("0.00", f.GetProperty("open").GetString());
        Assert.Equal("15000.00", f.GetProperty("subsidy").GetString());
        await AssertFiguresMatchLedger(app, source);
        Assert.Equal(["record-reclaim"], Actions((await treasurer.GetAsync($"api/applications/{appId}")).Expect(HttpStatusCode.OK).Json).Where(a => a.StartsWith("record", StringComparison.Ordinal)));

        app = await Act(treasurer, appId, "record-reclaim", new JsonObject { ["amount"] = "5000.00", ["reference"] = "bank-2" });
        Assert.Equal("Settled", app.GetProperty("state").GetString());
        f = app.GetProperty("figures");
        Assert.Equal("15000.00", f.GetProperty("paid").GetString());
        Assert.Equal("5000.00", f.GetProperty("reclaimed").GetString());
        Assert.Equal("0.00", f.GetProperty("toReclaim").GetString());
        await AssertFiguresMatchLedger(app, source);

        // The fund's budget carries exactly what was determined.
        var src = await fixture.Api.BalancesAsync($"source.{source}.{Today[..4]}");
        Assert.Equal("25000.00", LedgerApi.Field(src, $"budget:{source}:{Today[..4]}", "available"));
        // Ten transitions, and the accountability's three documents, each recorded in the history when uploaded.
        Assert.Equal(13, app.GetProperty("history").GetArrayLength());
        Assert.Equal(3, app.GetProperty("history").EnumerateArray().Count(h => h.GetProperty("trigger").GetString() == "RecordDocument"));
    }

    [Fact]
    public async Task A_grant_over_the_ceiling_changes_nothing_and_a_keyed_grant_replays()
    {
        var source = await fixture.FundAsync("app-ceil", "25500.00");
        var appId = $"ceil-{Suffix}";
        var (manager, officer) = (await fixture.As(Manager), await fixture.As(Officer));
        await DraftAsync(appId, source, "30000.00");
        await Act(manager, appId, "submit");
        await Act(officer, appId, "start-review");

        var journal = $"source.{source}.{Today[..4]}";
        var ledgerBefore = await fixture.Api.BalancesTextAsync(journal);
        var appBefore = (await officer.GetAsync($"api/applications/{appId}")).Expect(HttpStatusCode.OK).Text;
        (await officer.PostJsonAsync($"api/applications/{appId}/grant", GrantBody("30000.00", "10000.00")))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "LimitExceeded", "amount");
        Assert.Equal(ledgerBefore, await fixture.Api.BalancesTextAsync(journal));
        Assert.Equal(appBefore, (await officer.GetAsync($"api/applications/{appId}")).Expect(HttpStatusCode.OK).Text);
        Assert.Equal(0, (await fixture.Api.SummaryAsync(journal)).GetProperty("openReservations").GetInt32());

        // A grant within the ceiling, with an idempotency key: the repeat replays the first answer exactly.
        var key = $"grant-{Suffix}";
        var request = () =>
        {
            var r = new HttpRequestMessage(HttpMethod.Post, $"api/applications/{appId}/grant")
            {
                Content = new StringContent(GrantBody("25000.01", "10000.00").ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
            };
            r.Headers.Add("Idempotency-Key", key);
            return r;
        };
        var first = (await officer.SendAsync(request())).Expect(HttpStatusCode.OK);
        var version = (await fixture.Api.SummaryAsync(journal)).GetProperty("version").GetInt64();
        var again = (await officer.SendAsync(request())).Expect(HttpStatusCode.OK);
        Assert.Equal(first.Text, again.Text);
        Assert.Equal(version, (await fixture.Api.SummaryAsync(journal)).GetProperty("version").GetInt64());
        Assert.Equal("25000.01", first.Json.GetProperty("figures").GetProperty("open").GetString());
        await AssertFiguresMatchLedger(first.Json, source);

        // The same key with another body is a conflict.
        var other = new HttpRequestMessage(HttpMethod.Post, $"api/applications/{appId}/reject")
        {
            Content = new StringContent("""{"reason":"te laat"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        other.Headers.Add("Idempotency-Key", key);
        (await officer.SendAsync(other)).ExpectProblem(HttpStatusCode.Conflict, "IdempotencyConflict", "Idempotency-Key");

        // Refusals name their field: a state conflict, and invalid content.
        (await manager.PostJsonAsync($"api/applications/{appId}/submit", new JsonObject())).ExpectProblem(HttpStatusCode.Conflict, "Conflict", "state");
        (await (await fixture.As(Who.Treasurer("province:Limburg"))).PostJsonAsync($"api/applications/{appId}/pay-advance", new JsonObject { ["amount"] = "12,5" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "amount");
    }

    [Fact]
    public async Task A_determination_above_the_advances_is_paid_out_and_figures_equal_the_ledger()
    {
        var source = await fixture.FundAsync("app-pay", "30000.00");
        var appId = $"pay-{Suffix}";
        var (manager, officer, treasurer) = (await fixture.As(Manager), await fixture.As(Officer), await fixture.As(Treasurer));
        await DraftAsync(appId, source, "30000.00");
        await Act(manager, appId, "submit");
        await Act(officer, appId, "start-review");
        await Act(officer, appId, "grant", GrantBody("30000.00", "20000.00"));
        await Act(treasurer, appId, "pay-advance", new JsonObject { ["amount"] = "20000.00" });
        await Act(manager, appId, "submit-accountability", await manager.WithDocumentsAsync(appId, new JsonObject { ["results"] = "verslag" }));
        var app = await Act(officer, appId, "determine", new JsonObject { ["amount"] = "25000.00", ["reason"] = "een activiteit minder" });
        var f = app.GetProperty("figures");
        Assert.Equal("5000.00", f.GetProperty("payable").GetString());
        Assert.Equal("0.00", f.GetProperty("open").GetString());
        await AssertFiguresMatchLedger(app, source);
        (await treasurer.PostJsonAsync($"api/applications/{appId}/record-payment", new JsonObject { ["amount"] = "5000.01" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "amount");
        app = await Act(treasurer, appId, "record-payment", new JsonObject { ["amount"] = "5000.00", ["reference"] = "bank-3" });
        Assert.Equal("Settled", app.GetProperty("state").GetString());
        Assert.Equal("25000.00", app.GetProperty("figures").GetProperty("paid").GetString());
        Assert.Equal("25000.00", app.GetProperty("figures").GetProperty("subsidy").GetString());
        await AssertFiguresMatchLedger(app, source);
        var src = await fixture.Api.BalancesAsync($"source.{source}.{Today[..4]}");
        Assert.Equal("5000.00", LedgerApi.Field(src, $"budget:{source}:{Today[..4]}", "available"));
    }
}
