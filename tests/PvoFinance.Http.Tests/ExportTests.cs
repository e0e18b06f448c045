using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// Treasurer exports of a year's activity in Amsterdam-Amstelland (a region no other test touches, so its exports
/// are stable while the suite runs): a levy invoiced and partly received, a sponsor's contribution, and a co-financed
/// grant advanced, determined lower and reclaimed — all through the API. The files reconcile with the ledger to the
/// cent, repeat byte for byte, neutralise formulas, and stay within the caller's scope.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class ExportTests(ServiceFixture fixture) : IAsyncLifetime
{
    private const string Region = "amsterdam-amstelland";
    private static readonly Who Manager = Who.Manager(Region);
    private static readonly Who Officer = Who.Officer("Noord-Holland");
    private static readonly Who FundTreasurer = Who.Treasurer("province:Noord-Holland");
    private static readonly Who RegionTreasurer = Who.Treasurer($"region:{Region}");
    private static readonly string S = "exp-" + Suffix;
    private static readonly string Fund = $"{S}-fund";
    private static readonly string Sponsor = $"{S}-spons";
    private static readonly string Levy = $"{S}-levy";
    private static readonly string AppId = $"{S}-app";
    private const string HostileTitle = "=HYPERLINK(\"http://evil.example\",\"klik\")";
    private static string Year => Today[..4];
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _done;

    public async Task InitializeAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (!_done)
            {
                await ActivityAsync();
                _done = true;
            }
        }
        finally
        {
            Once.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    // A year's activity through the API, as the people of the region and the province do it.
    private async Task ActivityAsync()
    {
        var (manager, officer, treasurer) = (await fixture.As(Manager), await fixture.As(Officer), await fixture.As(FundTreasurer));
        var year = int.Parse(Year, CultureInfo.InvariantCulture);
        var fund = Source(Fund, $"Veiligheidsfonds {S}", "provincial-fund", "Provincie Noord-Holland", province: "Noord-Holland");
        fund["maxCofinancing"] = "75";
        await officer.CreateAsync(fund);
        await officer.CeilingAsync(Fund, year, "100000.00");
        // A direct commitment of the province to the region, besides the application.
        (await officer.PostJsonAsync($"api/funding-sources/{Fund}/commitments", Commitment("kern-2026", Region, (year, "3000.00")))).Expect(HttpStatusCode.OK);
        await manager.CreateAsync(Source(Sponsor, $"Sponsors {S}", "private", "@Ondernemers Amstelland", region: Region));
        (await manager.PostJsonAsync($"api/funding-sources/{Sponsor}/contributions", new JsonObject { ["contributionId"] = "c1", ["year"] = year, ["contributor"] = "=SUM(A1:A9)", ["amount"] = "5000.00" }))
            .Expect(HttpStatusCode.Created);
        await manager.CreateAsync(Source(Levy, $"Inwonersbijdrage {S}", "municipal-levy", "-2+3 Gemeenten Amstelland", region: Region, levyRate: "0.01"));
        var invoices = (await manager.PostJsonAsync($"api/funding-sources/{Levy}/years/{year}/invoices", new JsonObject())).Expect(HttpStatusCode.OK).Json;
        var first = invoices.GetProperty("invoices").EnumerateArray().First();
        (await manager.PostJsonAsync($"api/funding-sources/{Levy}/receipts", new JsonObject
        {
            ["receiptId"] = "r1",
            ["year"] = year,
            ["debtor"] = first.GetProperty("municipalityCode").GetString(),
            ["amount"] = first.GetProperty("amount").GetString(),
        })).Expect(HttpStatusCode.Created);

        var draft = new JsonObject
        {
            ["id"] = AppId,
            ["region"] = Region,
            ["fundingSource"] = Fund,
            ["title"] = HostileTitle,
            ["requested"] = "28000.00",
            ["projectCosts"] = "40000.00",
            ["funding"] = new JsonArray(new JsonObject { ["source"] = Fund, ["amount"] = "24000.00" }, new JsonObject { ["source"] = Sponsor, ["amount"] = "4000.00" }),
        };
        (await manager.PostJsonAsync("api/applications", draft)).Expect(HttpStatusCode.Created);
        await manager.Act(AppId, "submit");
        await officer.Act(AppId, "start-review");
        await officer.Act(AppId, "grant", new JsonObject
        {
            ["amount"] = "28000.00",
            ["endDate"] = Day(200),
            ["accountabilityDue"] = Day(230),
            ["reason"] = "commissie akkoord",
            ["advances"] = new JsonArray(new JsonObject { ["due"] = Today, ["amount"] = "14000.00" }),
        });
        await treasurer.Act(AppId, "pay-advance", new JsonObject { ["amount"] = "14000.00", ["reference"] = "bank-1" });
        await manager.AccountAsync(AppId, new JsonObject { ["results"] = "Keurmerk in twee winkelgebieden" });
        await officer.Act(AppId, "determine", new JsonObject { ["amount"] = "10000.00", ["reason"] = "minder winkelgebieden" });
        var settled = await treasurer.Act(AppId, "record-reclaim", new JsonObject { ["amount"] = "4000.00", ["reference"] = "bank-2" });
        Assert.Equal("Settled", State(settled));
    }

    private async Task<(byte[] Bytes, string Text)> DownloadAsync(Who who, string path)
    {
        var api = await fixture.As(who);
        var (status, bytes, type, _, _) = await api.GetBytesAsync(path);
        Assert.True(status == HttpStatusCode.OK, $"{path}: {(int)status} {Encoding.UTF8.GetString(bytes)}");
        Assert.Equal("text/csv", type);
        return (bytes, Encoding.UTF8.GetString(bytes));
    }

    private static string Q(string scope = $"region:{Region}", string extra = "") => $"scope={Uri.EscapeDataString(scope)}{extra}";

    [Fact]
    public async Task Transactions_of_the_region_reconcile_with_every_journal_it_holds_and_repeat_byte_for_byte()
    {
        var (bytes, text) = await DownloadAsync(RegionTreasurer, $"api/exports/transactions.csv?{Q()}");
        var rows = Csv.Rows(text);
        Assert.Equal(
            "transaction_id,grant_id,activity_id,project_title,region_code,region_name,funder_org_id,funder_name,funder_type,recipient_org_id,recipient_name,regrant_of,iati_transaction_type,awb_phase,beschikking_ref,beschikking_date,transaction_date,value_date,fiscal_year,amount,currency,debit_account,credit_account,cost_category,overhead_pct,cofinancing_pct,per_resident_rate,population,accountability_tier,prepared_by,approved_by,reverses_transaction_id,creditor_reference,bank_reference,entry_hash,prev_hash",
            text[..text.IndexOf('\r', StringComparison.Ordinal)]);
        Assert.All(rows, r => Assert.Equal(Region, r["region_code"]));
        Assert.Contains(rows, r => r["awb_phase"] == "verlening" && r["iati_transaction_type"] == "2" && r["grant_id"] == $"360G-pvo-{AppId}-{Fund}");
        Assert.Contains(rows, r => r["awb_phase"] == "voorschot" && r["iati_transaction_type"] == "3");
        Assert.Contains(rows, r => r["grant_id"] == $"360G-pvo-{Fund}-kern-2026" && r["amount"] == "3000.00" && r["iati_transaction_type"] == "2");
        Assert.Contains(rows, r => r["awb_phase"] == "terugvordering");
        Assert.Contains(rows, r => r["awb_phase"] == "bijdrage" && r["per_resident_rate"] == "0.0100" && r["population"].Length > 0);

        // Every account of the journals the region holds entirely moves in the file exactly as its ledger balance.
        var ministry = fixture.Api;
        foreach (var journal in new[] { $"region.{Region}", $"source.{Sponsor}.{Year}", $"source.{Levy}.{Year}" })
        {
            var balances = await ministry.BalancesAsync(journal);
            Assert.NotEmpty(balances);
            foreach (var (account, balance) in balances)
            {
                var net = rows.Where(r => r["transaction_id"].StartsWith(journal + ":", StringComparison.Ordinal))
                    .Sum(r => (r["debit_account"] == account ? Math.Abs(Dec(r["amount"])) : 0) - (r["credit_account"] == account ? Math.Abs(Dec(r["amount"])) : 0));
                Assert.True(Money(net) == balance.GetProperty("balance").GetString(), $"{journal} {account}: file {Money(net)}, ledger {balance.GetProperty("balance").GetString()}");
            }
        }
        // And the fund's commitment to the region: the grant committed, advanced, released and settled; the direct commitment open.
        var fundRows = rows.Where(r => r["debit_account"] == $"commitment:{Fund}:{Year}:{Region}" || r["credit_account"] == $"commitment:{Fund}:{Year}:{Region}").ToList();
        Assert.NotEmpty(fundRows);
        var commitment = $"commitment:{Fund}:{Year}:{Region}";
        Assert.Equal("-3000.00", LedgerApi.Field(await ministry.BalancesAsync($"source.{Fund}.{Year}"), commitment, "balance"));
        Assert.Equal("-3000.00", Money(fundRows.Sum(r => (r["debit_account"] == commitment ? Math.Abs(Dec(r["amount"])) : 0) - (r["credit_account"] == commitment ? Math.Abs(Dec(r["amount"])) : 0))));

        // The same export again: the same bytes; the manifest describes exactly those bytes.
        var (again, _) = await DownloadAsync(RegionTreasurer, $"api/exports/transactions.csv?{Q()}");
        Assert.Equal(bytes, again);
        var manifest = (await (await fixture.As(RegionTreasurer)).GetAsync($"api/exports/transactions.manifest.json?{Q()}")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), manifest.GetProperty("sha256").GetString());
        Assert.Equal(rows.Count, manifest.GetProperty("rows").GetInt64());
        Assert.Equal(bytes.Length, manifest.GetProperty("bytes").GetInt64());
        Assert.Equal(Money(rows.Sum(r => Dec(r["amount"]))), manifest.GetProperty("totals").GetProperty("amount").GetString());
        foreach (var type in rows.Select(r => r["iati_transaction_type"]).Distinct())
        {
            Assert.Equal(Money(rows.Where(r => r["iati_transaction_type"] == type).Sum(r => Dec(r["amount"]))),
                manifest.GetProperty("totalsBy").GetProperty("iati_transaction_type").GetProperty(type).GetString());
        }
    }

    [Fact]
    public async Task Verify_accepts_the_file_and_names_the_first_difference_of_a_tampered_one()
    {
        var (bytes, text) = await DownloadAsync(RegionTreasurer, $"api/exports/transactions.csv?{Q()}");
        var api = await fixture.As(RegionTreasurer);
        async Task<System.Text.Json.JsonElement> VerifyAsync(string body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"api/exports/transactions/verify?{Q()}") { Content = new StringContent(body, Encoding.UTF8, "text/csv") };
            return (await api.SendAsync(request)).Expect(HttpStatusCode.OK).Json;
        }
        var ok = await VerifyAsync(text);
        Assert.True(ok.GetProperty("matches").GetBoolean(), ok.ToString());
        Assert.True(ok.GetProperty("accountsChecked").GetInt32() > 5, ok.ToString());
        Assert.Empty(ok.GetProperty("accountMismatches").EnumerateArray());
        Assert.Empty(ok.GetProperty("brokenChains").EnumerateArray());

        // One cent more in the third row's amount.
        var rows = Csv.Rows(text);
        var third = rows[2]["amount"];
        var lines = text.Split("\r\n");
        lines[3] = lines[3].Replace("," + third + ",", "," + Money(Dec(third) + 0.01m) + ",", StringComparison.Ordinal);
        var bad = await VerifyAsync(string.Join("\r\n", lines));
        Assert.False(bad.GetProperty("matches").GetBoolean());
        var difference = bad.GetProperty("firstDifference");
        Assert.Equal(3, difference.GetProperty("row").GetInt64());
        Assert.Equal("amount", difference.GetProperty("column").GetString());
        Assert.Equal(third, difference.GetProperty("expected").GetString());
        Assert.Equal(Money(Dec(third) + 0.01m), difference.GetProperty("found").GetString());

        // A file with a row missing at the end.
        var shorter = await VerifyAsync(string.Join("\r\n", lines.Take(lines.Length - 2).Append("")).Replace(lines[3], text.Split("\r\n")[3], StringComparison.Ordinal));
        Assert.False(shorter.GetProperty("matches").GetBoolean());
        Assert.Equal(rows.Count, shorter.GetProperty("firstDifference").GetProperty("row").GetInt64());
    }

    [Fact]
    public async Task Text_a_spreadsheet_would_run_is_neutralised_and_amounts_stay_numbers()
    {
        var (_, text) = await DownloadAsync(RegionTreasurer, $"api/exports/transactions.csv?{Q()}");
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"klik\"\")\"", text);
        Assert.Contains("'@Ondernemers Amstelland", text);
        Assert.Contains("'-2+3 Gemeenten Amstelland", text);
        foreach (var row in Csv.Rows(text))
        {
            foreach (var (column, value) in row)
            {
                if (column == "amount")
                {
                    Assert.Matches(@"^-?\d+\.\d\d$", value);
                }
                else
                {
                    Assert.False(value.Length > 0 && "=+-@\t\r".Contains(value[0]), $"{column} starts a formula: {value}");
                }
            }
        }
        // And the same in the grants and projects files, which carry the title too.
        foreach (var file in new[] { "projects.csv", "grants-360giving.csv" })
        {
            var (_, other) = await DownloadAsync(RegionTreasurer, $"api/exports/{file}?{Q()}");
            Assert.Contains("'=HYPERLINK", other);
            Assert.DoesNotContain(",=HYPERLINK", other);
        }
    }

    [Fact]
    public async Task The_excel_view_has_a_bom_semicolons_and_decimal_commas_with_the_same_rows()
    {
        var (canonicalBytes, canonical) = await DownloadAsync(RegionTreasurer, $"api/exports/transactions.csv?{Q()}");
        var (bytes, text) = await DownloadAsync(RegionTreasurer, $"api/exports/transactions.csv?{Q(extra: "&dialect=excel-nl")}");
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.NotEqual(canonicalBytes, bytes);
        var excel = Csv.Rows(text, ';');
        var rows = Csv.Rows(canonical);
        Assert.Equal(rows.Count, excel.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(rows[i]["amount"].Replace('.', ','), excel[i]["amount"]);
            Assert.Equal(rows[i]["transaction_id"], excel[i]["transaction_id"]);
        }
    }

    [Fact]
    public async Task Projects_and_360giving_show_each_funder_grant_as_the_ledger_has_it()
    {
        var (_, projects) = await DownloadAsync(RegionTreasurer, $"api/exports/projects.csv?{Q()}");
        var grants = Csv.Rows(projects).Where(r => r["application_id"] == AppId).ToDictionary(r => r["funding_source"]);
        Assert.Equal(2, grants.Count);
        // Advanced 14,000 as 12,000 + 2,000; determined 10,000; 4,000 reclaimed in proportion to what each advanced.
        Assert.Equal(("24000.00", "4000.00"), (grants[Fund]["granted"], grants[Sponsor]["granted"]));
        Assert.Equal(("3428.57", "571.43"), (grants[Fund]["reclaimed"], grants[Sponsor]["reclaimed"]));
        Assert.Equal(("8571.43", "1428.57"), (grants[Fund]["paid"], grants[Sponsor]["paid"]));
        Assert.Equal(("8571.43", "1428.57"), (grants[Fund]["determined"], grants[Sponsor]["determined"]));
        Assert.All(grants.Values, g => Assert.Equal(("0.00", "0.00", "Settled", "B"), (g["open"], g["to_reclaim"], g["state"], g["accountability_tier"])));

        var (_, giving) = await DownloadAsync(RegionTreasurer, $"api/exports/grants-360giving.csv?{Q()}");
        var rows = Csv.Rows(giving).Where(r => r["Related Activity"] == $"NL-PVO-{Region}-{AppId}").ToList();
        Assert.Equal([$"360G-pvo-{AppId}-{Fund}", $"360G-pvo-{AppId}-{Sponsor}"], rows.Select(r => r["Identifier"]));
        Assert.Equal(["24000.00", "4000.00"], rows.Select(r => r["Amount Awarded"]));
        Assert.Equal(["Provincie Noord-Holland", "'@Ondernemers Amstelland"], rows.Select(r => r["Funding Org:Name"]));
        Assert.All(rows, r => Assert.Equal(Today, r["Award Date"]));
    }

    [Fact]
    public async Task As_of_yesterday_the_region_had_no_rows_yet()
    {
        var yesterday = Day(-1);
        var (_, text) = await DownloadAsync(RegionTreasurer, $"api/exports/transactions.csv?{Q(extra: $"&asOf={yesterday}")}");
        Assert.Single(Csv.Parse(text));
        var (_, projects) = await DownloadAsync(RegionTreasurer, $"api/exports/projects.csv?{Q(extra: $"&asOf={yesterday}")}");
        Assert.DoesNotContain(AppId, projects);
    }

    [Fact]
    public async Task Exports_stay_within_the_callers_reach_and_bad_queries_are_problems()
    {
        (await (await fixture.As(Who.Manager("noord-holland"))).GetAsync($"api/exports/transactions.csv?{Q()}")).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "scope");
        (await (await fixture.As(Who.Officer("Limburg"))).GetAsync($"api/exports/transactions.csv?{Q("province:Noord-Holland")}")).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "scope");
        (await (await fixture.As(FundTreasurer)).GetAsync($"api/exports/projects.csv?{Q("national")}")).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "scope");
        (await (await fixture.As(RegionTreasurer)).GetAsync("api/exports/transactions.csv")).Expect(HttpStatusCode.OK); // default: the caller's own reach
        var treasurer = await fixture.As(RegionTreasurer);
        (await treasurer.GetAsync($"api/exports/transactions.csv?{Q(extra: "&dialect=excel")}")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "dialect");
        (await treasurer.GetAsync($"api/exports/transactions.csv?{Q(extra: "&asOf=23-11-2026")}")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "asOf");
        (await treasurer.GetAsync($"api/exports/transactions.csv?{Q(extra: $"&asOf={Day(2)}")}")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "asOf");
        (await treasurer.GetAsync($"api/exports/transactions.csv?{Q(extra: "&from=2026-12-01&to=2026-01-01")}")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "to");
        (await treasurer.GetAsync($"api/exports/transactions.csv?{Q("region:atlantis")}")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "scope");
        (await treasurer.GetAsync("api/exports/ledger.csv")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "file");

        // The province's treasurer sees the region's rows in the province's export, and the ministry in the national one.
        var (_, province) = await DownloadAsync(FundTreasurer, $"api/exports/transactions.csv?{Q("province:Noord-Holland")}");
        var provinceRows = Csv.Rows(province);
        Assert.Contains(provinceRows, r => r["grant_id"] == $"360G-pvo-{AppId}-{Fund}");
        Assert.All(provinceRows, r => Assert.True(r["region_code"] is "amsterdam-amstelland" or "noord-holland" or "", r["region_code"]));
    }
}
