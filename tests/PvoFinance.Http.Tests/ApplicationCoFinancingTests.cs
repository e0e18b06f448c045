using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// Co-financing through HTTP: a Limburg fund (at most 60 % of a project's costs) and a sponsor's money held by the
/// Limburg PVO. Every part of a split is reserved or none is; every source's figures equal its journal.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class ApplicationCoFinancingTests(ServiceFixture fixture)
{
    private const string Region = "limburg";
    private static readonly Who Manager = Who.Manager(Region);
    private static readonly Who Officer = Who.Officer("Limburg");
    private static readonly Who Treasurer = Who.Treasurer("province:Limburg");
    private static string Year => Today[..4];

    private async Task<string> FundAsync(string name, string ceiling, string? maxShare = "60", string[]? themes = null)
    {
        var officer = await fixture.As(Officer);
        var id = $"{name}-{Suffix}";
        var body = Source(id, $"Fonds {id}", "provincial-fund", "Provincie Limburg", province: "Limburg");
        if (maxShare is not null)
        {
            body["maxCofinancing"] = maxShare;
        }
        if (themes is not null)
        {
            body["themes"] = new JsonArray([.. themes.Select(t => (JsonNode)JsonValue.Create(t))]);
        }
        await officer.CreateAsync(body);
        await officer.CeilingAsync(id, int.Parse(Year, CultureInfo.InvariantCulture), ceiling);
        return id;
    }

    private async Task<string> SponsorAsync(string name, string contribution)
    {
        var manager = await fixture.As(Manager);
        var id = $"{name}-{Suffix}";
        await manager.CreateAsync(Source(id, $"Sponsors {id}", "private", "Ondernemersvereniging Maastricht", region: Region));
        await ContributeAsync(id, "c1", contribution);
        return id;
    }

    private async Task ContributeAsync(string source, string contributionId, string amount)
    {
        var manager = await fixture.As(Manager);
        var body = new JsonObject { ["contributionId"] = contributionId, ["year"] = int.Parse(Year, CultureInfo.InvariantCulture), ["contributor"] = "Ondernemersvereniging", ["amount"] = amount };
        (await manager.PostJsonAsync($"api/funding-sources/{source}/contributions", body)).Expect(HttpStatusCode.Created);
    }

    private static JsonObject Draft(string appId, string lead, string costs, params (string Source, string Amount)[] plan) => new()
    {
        ["id"] = appId,
        ["region"] = Region,
        ["fundingSource"] = lead,
        ["title"] = "Keurmerk Veilig Ondernemen Maastricht",
        ["requested"] = Money(plan.Sum(p => Dec(p.Amount))),
        ["projectCosts"] = costs,
        ["funding"] = new JsonArray([.. plan.Select(p => (JsonNode)new JsonObject { ["source"] = p.Source, ["amount"] = p.Amount })]),
    };

    private async Task<JsonElement> UnderReviewAsync(JsonObject draft)
    {
        var (manager, officer) = (await fixture.As(Manager), await fixture.As(Officer));
        var appId = draft["id"]!.GetValue<string>();
        (await manager.PostJsonAsync("api/applications", draft)).Expect(HttpStatusCode.Created);
        await manager.Act(appId, "submit");
        return await officer.Act(appId, "start-review");
    }

    private static JsonObject GrantBody(string amount, string? advance = null) => new()
    {
        ["amount"] = amount,
        ["endDate"] = Day(300),
        ["accountabilityDue"] = Day(330),
        ["advances"] = advance is null ? new JsonArray() : new JsonArray(new JsonObject { ["due"] = Today, ["amount"] = advance }),
        ["reason"] = "past the committee",
    };

    private static JsonElement SourceRow(JsonElement app, string source) =>
        app.GetProperty("figures").GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("source").GetString() == source);

    /// <summary>Each source's figures against its own journal and the region's account for it.</summary>
    private async Task AssertFiguresMatchLedger(JsonElement app, params string[] sources)
    {
        Assert.True(app.GetProperty("figures").GetProperty("matchesDecisions").GetBoolean(), app.GetProperty("figures").ToString());
        var region = await fixture.Api.BalancesAsync($"region.{Region}");
        foreach (var source in sources)
        {
            var row = SourceRow(app, source);
            var journal = await fixture.Api.BalancesAsync($"source.{source}.{Year}");
            Assert.Equal(Money(-Dec(LedgerApi.Field(journal, $"commitment:{source}:{Year}:{Region}", "balance"))), row.GetProperty("open").GetString());
            Assert.Equal(Money(-Dec(LedgerApi.Field(journal, $"payable:{source}:{Year}:{Region}", "balance"))), row.GetProperty("payable").GetString());
            Assert.Equal(LedgerApi.Field(journal, $"receivable:{source}:{Year}:{Region}", "balance"), row.GetProperty("toReclaim").GetString());
            Assert.Equal(Money(-Dec(LedgerApi.Field(region, $"region:{Region}:{source}", "balance"))), row.GetProperty("paid").GetString());
            Assert.Equal("0.00", LedgerApi.Field(journal, $"budget:{source}:{Year}", "debitsPending"));
        }
        var totals = app.GetProperty("figures");
        foreach (var field in new[] { "open", "paid", "payable", "toReclaim", "reclaimed", "subsidy" })
        {
            var sum = sources.Sum(s => Dec(SourceRow(app, s).GetProperty(field).GetString()!));
            Assert.Equal(Money(sum), totals.GetProperty(field).GetString());
        }
    }

    [Fact]
    public async Task A_co_financed_grant_is_advanced_determined_and_paid_per_source_and_every_figure_is_the_ledgers()
    {
        var fund = await FundAsync("cf-fund", "100000.00");
        var sponsor = await SponsorAsync("cf-spons", "5000.00");
        var appId = $"cf-life-{Suffix}";
        var (manager, officer, treasurer) = (await fixture.As(Manager), await fixture.As(Officer), await fixture.As(Treasurer));

        // Costs 40,000; asked 24,000 of the fund (exactly 60 %) and 4,000 of the sponsor's money.
        await UnderReviewAsync(Draft(appId, fund, "40000.00", (fund, "24000.00"), (sponsor, "4000.00")));
        var app = await officer.Act(appId, "grant", GrantBody("28000.00", advance: "14000.00"));
        Assert.Equal("Granted", State(app));
        Assert.Equal([$"{fund}:24000.00", $"{sponsor}:4000.00"], app.GetProperty("split").EnumerateArray().Select(p => $"{p.GetProperty("source").GetString()}:{p.GetProperty("amount").GetString()}"));
        await AssertFiguresMatchLedger(app, fund, sponsor);

        // The advance is spread by what each source has committed: 12,000 and 2,000.
        app = await treasurer.Act(appId, "pay-advance", new JsonObject { ["amount"] = "14000.00", ["reference"] = "bank-1" });
        Assert.Equal("12000.00", SourceRow(app, fund).GetProperty("paid").GetString());
        Assert.Equal("2000.00", SourceRow(app, sponsor).GetProperty("paid").GetString());
        await AssertFiguresMatchLedger(app, fund, sponsor);

        await manager.AccountAsync(appId, new JsonObject { ["results"] = "Keurmerk behaald" });
        // Determined 21,000: 7,000 still due, 6,000 from the fund and 1,000 from the sponsor; the rest released.
        app = await officer.Act(appId, "determine", new JsonObject { ["amount"] = "21000.00", ["reason"] = "minder winkelgebieden" });
        Assert.Equal("6000.00", SourceRow(app, fund).GetProperty("payable").GetString());
        Assert.Equal("1000.00", SourceRow(app, sponsor).GetProperty("payable").GetString());
        await AssertFiguresMatchLedger(app, fund, sponsor);

        app = await treasurer.Act(appId, "record-payment", new JsonObject { ["amount"] = "7000.00", ["reference"] = "bank-2" });
        Assert.Equal("Settled", State(app));
        Assert.Equal("21000.00", app.GetProperty("figures").GetProperty("subsidy").GetString());
        await AssertFiguresMatchLedger(app, fund, sponsor);

        // Every effect in the history points at ledger entries that exist, and every entry of this application is pointed at.
        var entries = new Dictionary<string, string[]>();
        var referenced = new HashSet<string>();
        foreach (var item in app.GetProperty("history").EnumerateArray())
        {
            var refs = item.GetProperty("ledgerEntries").EnumerateArray().ToList();
            Assert.Equal(item.GetProperty("effects").GetArrayLength(), refs.Count);
            foreach (var r in refs)
            {
                var key = r.GetProperty("key").GetString()!;
                foreach (var journal in r.GetProperty("journals").EnumerateArray().Select(j => j.GetString()!))
                {
                    if (!entries.TryGetValue(journal, out var keys))
                    {
                        entries[journal] = keys = [.. (await fixture.Api.EntriesAsync(journal, "?limit=1000")).Select(e => e.GetProperty("key").GetString()!)];
                    }
                    var found = keys.Where(k => k == key || k.StartsWith(key + ":", StringComparison.Ordinal)).ToList();
                    Assert.True(found.Count > 0, $"no entry {key} in {journal}");
                    referenced.UnionWith(found.Select(k => journal + " " + k));
                }
            }
        }
        var own = entries.SelectMany(kv => kv.Value.Where(k => k.StartsWith($"app:{appId}:", StringComparison.Ordinal)).Select(k => kv.Key + " " + k));
        Assert.Equal(own.Order(), referenced.Order());

        // What stays in each source's budget: 100,000 − 18,000 and 5,000 − 3,000.
        Assert.Equal("82000.00", LedgerApi.Field(await fixture.Api.BalancesAsync($"source.{fund}.{Year}"), $"budget:{fund}:{Year}", "available"));
        Assert.Equal("2000.00", LedgerApi.Field(await fixture.Api.BalancesAsync($"source.{sponsor}.{Year}"), $"budget:{sponsor}:{Year}", "available"));
    }

    [Fact]
    public async Task When_one_source_cannot_carry_its_part_no_part_is_committed_and_a_retry_after_more_money_succeeds()
    {
        var fund = await FundAsync("cf-aon", "100000.00");
        var sponsor = await SponsorAsync("cf-aon-s", "1000.00");
        var appId = $"cf-aon-{Suffix}";
        var officer = await fixture.As(Officer);
        await UnderReviewAsync(Draft(appId, fund, "40000.00", (fund, "24000.00"), (sponsor, "4000.00")));
        var before = (await officer.GetAsync($"api/applications/{appId}")).Expect(HttpStatusCode.OK).Text;
        var fundBefore = await fixture.Api.BalancesTextAsync($"source.{fund}.{Year}");
        var entriesBefore = (await fixture.Api.EntriesAsync($"source.{fund}.{Year}")).Select(e => e.GetRawText()).ToList();

        var grant = new HttpRequestMessage(HttpMethod.Post, $"api/applications/{appId}/grant") { Content = new StringContent(GrantBody("28000.00").ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        grant.Headers.Add("Idempotency-Key", "grant-1");
        var refused = (await officer.SendAsync(grant)).ExpectProblem(HttpStatusCode.UnprocessableEntity, "LimitExceeded", "amount");
        Assert.Contains(sponsor, refused.GetProperty("detail").GetString());

        // Nothing changed: the application, and the fund's balances.
        Assert.Equal(before, (await officer.GetAsync($"api/applications/{appId}")).Expect(HttpStatusCode.OK).Text);
        var fundAfter = await fixture.Api.BalancesAsync($"source.{fund}.{Year}");
        Assert.Equal("100000.00", LedgerApi.Field(fundAfter, $"budget:{fund}:{Year}", "available"));
        Assert.Equal("0.00", LedgerApi.Field(fundAfter, $"budget:{fund}:{Year}", "debitsPending"));
        Assert.Equal("0.00", LedgerApi.Field(fundAfter, $"commitment:{fund}:{Year}:{Region}", "balance"));
        Assert.Equal(fundBefore, await fixture.Api.BalancesTextAsync($"source.{fund}.{Year}"));
        // Each source's journal was asked before anything was reserved: the fund's journal holds no reservation and
        // no void of this attempt, not one entry more than before.
        Assert.Equal(entriesBefore, (await fixture.Api.EntriesAsync($"source.{fund}.{Year}")).Select(e => e.GetRawText()).ToList());

        // The sponsors pay in 3,000 more; the same request (same key) is tried again and now commits both parts.
        await ContributeAsync(sponsor, "c2", "3000.00");
        var retry = new HttpRequestMessage(HttpMethod.Post, $"api/applications/{appId}/grant") { Content = new StringContent(GrantBody("28000.00").ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        retry.Headers.Add("Idempotency-Key", "grant-1");
        var app = (await officer.SendAsync(retry)).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("Granted", State(app));
        await AssertFiguresMatchLedger(app, fund, sponsor);
        Assert.Equal("76000.00", LedgerApi.Field(await fixture.Api.BalancesAsync($"source.{fund}.{Year}"), $"budget:{fund}:{Year}", "available"));
        Assert.Equal("0.00", LedgerApi.Field(await fixture.Api.BalancesAsync($"source.{sponsor}.{Year}"), $"budget:{sponsor}:{Year}", "available"));
        foreach (var journal in new[] { $"source.{fund}.{Year}", $"source.{sponsor}.{Year}" })
        {
            Assert.True((await fixture.Api.VerifyAsync(journal)).GetProperty("intact").GetBoolean());
        }
    }

    [Fact]
    public async Task A_plan_that_breaks_a_share_an_earmark_or_an_owner_is_refused_naming_the_field()
    {
        var fund = await FundAsync("cf-bad", "100000.00");
        var earmarked = await FundAsync("cf-ear", "100000.00", maxShare: null, themes: ["Ondermijning"]);
        var brabant = $"cf-nb-{Suffix}";
        await (await fixture.As(Who.Officer("Noord-Brabant"))).CreateAsync(Source(brabant, $"Fonds {brabant}", "provincial-fund", "Provincie Noord-Brabant", province: "Noord-Brabant"));
        var manager = await fixture.As(Manager);
        async Task Refused(JsonObject draft, string field) =>
            (await manager.PostJsonAsync("api/applications", draft)).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", field);

        await Refused(Draft($"cf-b1-{Suffix}", fund, "40000.00", (fund, "24000.01")), "funding[0].amount");
        await Refused(Draft($"cf-b2-{Suffix}", fund, "40000.00", (fund, "20000.00"), (brabant, "4000.00")), "funding[1].source");
        await Refused(Draft($"cf-b3-{Suffix}", fund, "40000.00", (fund, "20000.00"), (earmarked, "4000.00")), "theme");
        await Refused(Draft($"cf-b4-{Suffix}", fund, "40000.00", (fund, "20000.00"), ("no-such-source", "4000.00")), "funding[1].source");
        var exponent = Draft($"cf-b5-{Suffix}", fund, "40000.00", (fund, "20000.00"));
        exponent["funding"]![0]!["amount"] = "2e4";
        await Refused(exponent, "funding[0].amount");
        await Refused(Draft($"cf-b6-{Suffix}", fund, "1000.00", (fund, "20000.00")), "projectCosts");
        foreach (var n in Enumerable.Range(1, 6))
        {
            (await manager.GetAsync($"api/applications/cf-b{n}-{Suffix}")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "id");
        }

        // With the theme the earmarked fund may pay; an edit of the draft is judged the same way.
        var ok = Draft($"cf-b7-{Suffix}", fund, "40000.00", (fund, "20000.00"), (earmarked, "4000.00"));
        ok["theme"] = "ondermijning";
        var created = (await manager.PostJsonAsync("api/applications", ok)).Expect(HttpStatusCode.Created).Json;
        Assert.Equal(2, created.GetProperty("plan").GetArrayLength());
        var edit = new JsonObject
        {
            ["title"] = "Keurmerk",
            ["requested"] = "24000.00",
            ["projectCosts"] = "40000.00",
            ["theme"] = "winkelcriminaliteit",
            ["funding"] = new JsonArray(new JsonObject { ["source"] = fund, ["amount"] = "20000.00" }, new JsonObject { ["source"] = earmarked, ["amount"] = "4000.00" }),
        };
        (await manager.TryAct($"cf-b7-{Suffix}", "edit-draft", edit)).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "theme");
        edit["theme"] = "Ondermijning";
        var edited = await manager.Act($"cf-b7-{Suffix}", "edit-draft", edit);
        Assert.Equal("Ondermijning", edited.GetProperty("theme").GetString());
    }
}
