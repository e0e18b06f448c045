using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// <c>budgets.csv</c> for Amsterdam-Amstelland, with sources of its own: a sponsor's contribution of 5,000.00 and a
/// provincial fund committing 10,000.00 this year and 2,000.00 next year, of which 4,000.00 is paid — all through the
/// API. The file shows the plan beside those actuals per source and fiscal year, repeats byte for byte, and stays
/// within the caller's reach.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class ExportBudgetTests(ServiceFixture fixture) : IAsyncLifetime
{
    private const string Region = "amsterdam-amstelland";
    private const string Header = "region_code,region_name,line,source,source_kind,fiscal_year,period_start,period_end,budget_type,budget_status,scenario_id,scenario_version,plan,committed,actual,difference,actual_basis,currency";
    private static readonly Who Officer = Who.Officer("Noord-Holland");
    private static readonly Who RegionTreasurer = Who.Treasurer($"region:{Region}");
    private static readonly string S = "bud-" + Suffix;
    private static readonly string Fund = $"{S}-fund";
    private static readonly string Sponsor = $"{S}-spons";
    private static int Year => int.Parse(Today[..4], CultureInfo.InvariantCulture);
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _done;

    public async Task InitializeAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (!_done)
            {
                var (manager, officer) = (await fixture.As(Who.Manager(Region)), await fixture.As(Officer));
                await manager.CreateAsync(Source(Sponsor, $"Sponsors {S}", "private", "Ondernemers Amstelland", region: Region));
                (await manager.PostJsonAsync($"api/funding-sources/{Sponsor}/contributions", new JsonObject { ["contributionId"] = "c1", ["year"] = Year, ["contributor"] = "=1+1", ["amount"] = "5000.00" }))
                    .Expect(HttpStatusCode.Created);
                await officer.CreateAsync(Source(Fund, $"Begrotingsfonds {S}", "provincial-fund", "Provincie Noord-Holland", province: "Noord-Holland"));
                await officer.CeilingAsync(Fund, Year, "50000.00");
                await officer.CeilingAsync(Fund, Year + 1, "50000.00");
                (await officer.PostJsonAsync($"api/funding-sources/{Fund}/commitments", Commitment("aa", Region, (Year, "10000.00"), (Year + 1, "2000.00")))).Expect(HttpStatusCode.OK);
                (await officer.PostJsonAsync($"api/funding-sources/{Fund}/payments", Payment("p1", Region, Year, "4000.00"))).Expect(HttpStatusCode.Created);
                _done = true;
            }
        }
        finally
        {
            Once.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(byte[] Bytes, string Text)> DownloadAsync(Who who, string query)
    {
        var api = await fixture.As(who);
        var (status, bytes, type, headers, _) = await api.GetBytesAsync($"api/exports/budgets.csv?{query}");
        Assert.True(status == HttpStatusCode.OK, $"{query}: {(int)status} {Encoding.UTF8.GetString(bytes)}");
        Assert.Equal("text/csv", type);
        Assert.Contains("budgets.manifest.json?", headers.GetValues("Link").Single());
        return (bytes, Encoding.UTF8.GetString(bytes));
    }

    private static string Q(string extra = "", string scope = $"region:{Region}") => $"scope={Uri.EscapeDataString(scope)}{extra}";

    private static Dictionary<string, string> Only(List<Dictionary<string, string>> rows, string line, string source, int year) =>
        Assert.Single(rows, r => r["line"] == line && r["source"] == source && r["fiscal_year"] == year.ToString(CultureInfo.InvariantCulture));

    [Fact]
    public async Task Each_source_and_year_shows_what_went_through_the_funding_api_beside_the_plan()
    {
        var (_, text) = await DownloadAsync(RegionTreasurer, Q());
        Assert.Equal(Header, text[..text.IndexOf('\r', StringComparison.Ordinal)]);
        var rows = Csv.Rows(text);
        Assert.All(rows, r => Assert.Equal((Region, "Amsterdam-Amstelland", "original", "EUR"), (r["region_code"], r["region_name"], r["budget_type"], r["currency"])));
        // The default horizon: five fiscal years from the as-of date's year.
        var years = Enumerable.Range(Year, 5).ToList();
        Assert.Equal(years.Select(y => y.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r["fiscal_year"]).Distinct());

        var sponsor = Only(rows, "source", Sponsor, Year);
        Assert.Equal(("private", "committed", "", "", "0.00", "5000.00", "5000.00", "0.00"),
            (sponsor["source_kind"], sponsor["budget_status"], sponsor["scenario_id"], sponsor["scenario_version"], sponsor["plan"], sponsor["committed"], sponsor["actual"], sponsor["difference"]));
        Assert.Equal(($"{Year}-01-01", $"{Year}-12-31"), (sponsor["period_start"], sponsor["period_end"]));
        var fund = Only(rows, "source", Fund, Year);
        Assert.Equal(("provincial-fund", "10000.00", "4000.00", "-6000.00"), (fund["source_kind"], fund["committed"], fund["actual"], fund["difference"]));
        var fundNext = Only(rows, "source", Fund, Year + 1);
        Assert.Equal(("2000.00", "0.00"), (fundNext["committed"], fundNext["actual"]));
        Assert.DoesNotContain(rows, r => r["source"] == Sponsor && r["fiscal_year"] != Year.ToString(CultureInfo.InvariantCulture));

        foreach (var year in years)
        {
            var plan = rows.Where(r => r["fiscal_year"] == year.ToString(CultureInfo.InvariantCulture) && r["line"] != "source").ToList();
            // Every plan row: indicative, with the scenario; 8 income lines, 2 in kind, 3 costs and the gap.
            Assert.Equal(14, plan.Count);
            Assert.All(plan, r => Assert.Equal(("indicative", "status-quo", "1"), (r["budget_status"], r["scenario_id"], r["scenario_version"])));
            var sources = rows.Where(r => r["fiscal_year"] == year.ToString(CultureInfo.InvariantCulture) && r["line"] == "source").ToList();
            // An income line's actual is the ledger money of its sources, never a plan figure.
            foreach (var (line, kind) in new[] { ("private", "private"), ("province", "provincial-fund"), ("municipal-levy", "municipal-levy") })
            {
                var income = Only(rows, "income", line, year);
                Assert.Equal(Money(sources.Where(r => r["source_kind"] == kind).Sum(r => Dec(r["actual"]))), income["actual"]);
                Assert.Equal(Money(Dec(income["actual"]) - Dec(income["plan"])), income["difference"]);
            }
            // The region's province assumption is zero, so the plan's provincial money is what funds committed as of today.
            Assert.Equal(Money(sources.Where(r => r["source_kind"] == "provincial-fund").Sum(r => Dec(r["committed"]))), Only(rows, "income", "province", year)["plan"]);
            decimal Sum(string line) => plan.Where(r => r["line"] == line).Sum(r => Dec(r["plan"]));
            Assert.Equal(Money(Sum("cost") - Sum("income") - Sum("in-kind")), Only(rows, "gap", "gap", year)["plan"]);
            Assert.All(plan.Where(r => r["line"] is "cost" or "in-kind" or "gap"), r => Assert.Equal(("0.00", "none"), (r["actual"], r["actual_basis"])));
        }
        Assert.True(Dec(Only(rows, "income", "private", Year)["actual"]) >= 5000.00m);
        // Formulas are neutralised even in a source id's neighbourhood; amounts stay numbers.
        Assert.All(rows, r => Assert.Matches(@"^-?\d+\.\d\d$", r["difference"]));
    }

    [Fact]
    public async Task The_same_query_repeats_byte_for_byte_and_the_manifest_describes_those_bytes()
    {
        var query = Q($"&asOf={Today}&from={Year}&to={Year + 1}");
        var (bytes, text) = await DownloadAsync(RegionTreasurer, query);
        var (again, _) = await DownloadAsync(RegionTreasurer, query);
        Assert.Equal(bytes, again);
        var rows = Csv.Rows(text);
        Assert.Equal([Year.ToString(CultureInfo.InvariantCulture), (Year + 1).ToString(CultureInfo.InvariantCulture)], rows.Select(r => r["fiscal_year"]).Distinct());
        var manifest = (await (await fixture.As(RegionTreasurer)).GetAsync($"api/exports/budgets.manifest.json?{query}")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), manifest.GetProperty("sha256").GetString());
        Assert.Equal(rows.Count, manifest.GetProperty("rows").GetInt64());
        Assert.Equal(bytes.Length, manifest.GetProperty("bytes").GetInt64());
        Assert.Equal($"budgets-region-{Region}-status-quo-v1-{Today}.csv", manifest.GetProperty("file").GetString());
        Assert.Equal(($"{Year}-01-01", $"{Year + 1}-12-31"), (manifest.GetProperty("from").GetString(), manifest.GetProperty("to").GetString()));
        foreach (var column in new[] { "plan", "committed", "actual", "difference" })
        {
            Assert.Equal(Money(rows.Sum(r => Dec(r[column]))), manifest.GetProperty("totals").GetProperty(column).GetString());
        }
        Assert.Equal(Money(rows.Where(r => r["line"] == "gap").Sum(r => Dec(r["plan"]))), manifest.GetProperty("totalsBy").GetProperty("line").GetProperty("gap").GetString());

        // verify accepts the file and finds a changed cent.
        var api = await fixture.As(RegionTreasurer);
        async Task<System.Text.Json.JsonElement> VerifyAsync(string body) =>
            (await api.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"api/exports/budgets/verify?{query}") { Content = new StringContent(body, Encoding.UTF8, "text/csv") })).Expect(HttpStatusCode.OK).Json;
        var ok = await VerifyAsync(text);
        Assert.True(ok.GetProperty("matches").GetBoolean(), ok.ToString());
        var tampered = text.Replace($",{Fund},provincial-fund,{Year},", $",{Fund},provincial-fund,{Year - 1},", StringComparison.Ordinal);
        Assert.NotEqual(text, tampered);
        var bad = await VerifyAsync(tampered);
        Assert.False(bad.GetProperty("matches").GetBoolean());
        Assert.Equal("fiscal_year", bad.GetProperty("firstDifference").GetProperty("column").GetString());
    }

    [Fact]
    public async Task As_of_yesterday_the_sources_made_today_have_no_rows()
    {
        var (_, text) = await DownloadAsync(RegionTreasurer, Q($"&asOf={Day(-1)}&from={Year}"));
        Assert.DoesNotContain(Sponsor, text);
        Assert.DoesNotContain(Fund, text);
        Assert.Equal(14 * 5, Csv.Rows(text).Count(r => r["line"] != "source"));
    }

    [Fact]
    public async Task The_excel_view_has_a_bom_semicolons_and_decimal_commas_with_the_same_rows()
    {
        var (canonicalBytes, canonical) = await DownloadAsync(RegionTreasurer, Q());
        var (bytes, text) = await DownloadAsync(RegionTreasurer, Q("&dialect=excel-nl"));
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.NotEqual(canonicalBytes, bytes);
        var rows = Csv.Rows(canonical);
        var excel = Csv.Rows(text.TrimStart('\uFEFF'), ';');
        Assert.Equal(rows.Count, excel.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal((rows[i]["source"], rows[i]["plan"].Replace('.', ','), rows[i]["actual"].Replace('.', ',')), (excel[i]["source"], excel[i]["plan"], excel[i]["actual"]));
        }
    }

    [Fact]
    public async Task A_stored_scenario_names_itself_on_every_plan_row()
    {
        var id = $"{S}-pi";
        var ministry = await fixture.As(Who.Ministry);
        (await ministry.PostJsonAsync("api/planning/scenarios", new JsonObject
        {
            ["id"] = id,
            ["name"] = $"Per inwoner {S}",
            ["perInhabitant"] = new JsonObject { ["rijk"] = "0.50", ["province"] = "0.25", ["municipalities"] = "0.25" },
        })).Expect(HttpStatusCode.Created);
        var (_, text) = await DownloadAsync(RegionTreasurer, Q($"&scenario={id}&version=1&from={Year}&to={Year}"));
        var rows = Csv.Rows(text);
        Assert.All(rows.Where(r => r["line"] != "source"), r => Assert.Equal((id, "1"), (r["scenario_id"], r["scenario_version"])));
        Assert.All(rows.Where(r => r["line"] == "source"), r => Assert.Equal(("", ""), (r["scenario_id"], r["scenario_version"])));
        Assert.True(Dec(Only(rows, "income", "rijk-per-inhabitant", Year)["plan"]) > 0m);
        // The actuals do not depend on the scenario.
        var (_, statusQuo) = await DownloadAsync(RegionTreasurer, Q($"&from={Year}&to={Year}"));
        Assert.Equal(Only(Csv.Rows(statusQuo), "source", Fund, Year)["actual"], Only(rows, "source", Fund, Year)["actual"]);
    }

    [Fact]
    public async Task Budgets_stay_within_the_callers_reach_and_bad_queries_are_problems()
    {
        (await (await fixture.As(Who.Manager("noord-holland"))).GetAsync($"api/exports/budgets.csv?{Q()}")).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "scope");
        (await (await fixture.As(Who.Treasurer("province:Noord-Holland"))).GetAsync($"api/exports/budgets.csv?{Q(scope: "national")}")).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "scope");
        var treasurer = await fixture.As(RegionTreasurer);
        (await treasurer.GetAsync($"api/exports/budgets.csv?{Q("&scenario=no-such-scenario-" + Suffix)}")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "scenario");
        (await treasurer.GetAsync($"api/exports/budgets.csv?{Q("&scenario=Bad_Id")}")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "scenario");
        (await treasurer.GetAsync($"api/exports/budgets.csv?{Q("&version=2")}")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "version");
        (await treasurer.GetAsync($"api/exports/budgets.csv?{Q("&version=x")}")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "version");
        (await treasurer.GetAsync($"api/exports/budgets.manifest.json?{Q("&from=20x6")}")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "from");
        (await treasurer.GetAsync($"api/exports/budgets.csv?{Q($"&from={Year}&to={Year - 1}")}")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "to");
        (await treasurer.GetAsync($"api/exports/budgets.csv?{Q($"&from={Year}&to={Year + 10}")}")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "to");
        (await treasurer.GetAsync($"api/exports/budgets.csv?{Q("&dialect=excel")}")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "dialect");

        // The province's treasurer sees the regions with municipalities in Noord-Holland (Midden-Nederland reaches into it), nothing else.
        var (_, province) = await DownloadAsync(Who.Treasurer("province:Noord-Holland"), $"scope={Uri.EscapeDataString("province:Noord-Holland")}&from={Year}&to={Year}");
        var regions = Csv.Rows(province).Select(r => r["region_code"]).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal([Region, "midden-nederland", "noord-holland"], regions);
    }
}
