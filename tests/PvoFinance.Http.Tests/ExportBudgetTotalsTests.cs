using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.ApplicationTestKit;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// <c>budgets.csv</c> reads the ledger's entries (a report); the region's funding comes from the running totals the
/// journals keep. For every source row of the file — a provincial fund committing over two years and paying, a
/// national scheme's grant with an advance determined below it, a sponsor's contribution, hours in kind — the file's
/// committed and actual equal, to the cent, what <c>GET /api/regions/{id}/funding</c> shows for that source and year.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class ExportBudgetTotalsTests(ServiceFixture fixture)
{
    private const string Region = "oost-brabant";
    private static int Year => int.Parse(Today[..4], CultureInfo.InvariantCulture);

    [Fact]
    public async Task Budgets_csv_agrees_to_the_cent_with_the_running_totals_of_the_regions_funding()
    {
        var s = $"bt-{Suffix}";
        var (manager, officer, treasurer, reader) = (await fixture.As(Who.Manager(Region)), await fixture.As(Who.Officer("Noord-Brabant")),
            await fixture.As(Who.Treasurer("province:Noord-Brabant")), await fixture.As(Who.Treasurer("national")));
        var fund = $"{s}-fund";
        await officer.CreateAsync(Source(fund, $"Fonds {s}", "provincial-fund", "Provincie Noord-Brabant", province: "Noord-Brabant"));
        await officer.CeilingAsync(fund, Year, "50000.00");
        await officer.CeilingAsync(fund, Year + 1, "50000.00");
        (await officer.PostJsonAsync($"api/funding-sources/{fund}/commitments", Commitment("c1", Region, (Year, "10000.37"), (Year + 1, "2000.00")))).Expect(HttpStatusCode.OK);
        (await officer.PostJsonAsync($"api/funding-sources/{fund}/payments", Payment("p1", Region, Year, "4000.11"))).Expect(HttpStatusCode.Created);
        var sponsor = $"{s}-spons";
        await manager.CreateAsync(Source(sponsor, $"Sponsors {s}", "private", "Ondernemers Oost-Brabant", region: Region));
        (await manager.PostJsonAsync($"api/funding-sources/{sponsor}/contributions", new JsonObject { ["contributionId"] = "c1", ["year"] = Year, ["contributor"] = "Winkeliers", ["amount"] = "1234.56" }))
            .Expect(HttpStatusCode.Created);
        var scheme = await fixture.FundAsync("bt-scheme", "100000.00", "Noord-Brabant");
        await FiguresScenario.DetermineBelowTheAdvanceAsync(fixture, manager, officer, treasurer, $"bt-{Suffix}", Region, scheme);

        var query = $"scope={Uri.EscapeDataString($"region:{Region}")}";
        var (status, bytes, _, _, _) = await reader.GetBytesAsync($"api/exports/budgets.csv?{query}");
        Assert.True(status == HttpStatusCode.OK, Encoding.UTF8.GetString(bytes));
        var rows = Csv.Rows(Encoding.UTF8.GetString(bytes)).Where(r => r["line"] == "source").ToList();
        // The file has the rows this test made (so the comparison below is over them, among any others of the region).
        foreach (var (source, year) in new[] { (fund, Year), (fund, Year + 1), (sponsor, Year), (scheme, Year) })
        {
            Assert.Contains(rows, r => r["source"] == source && r["fiscal_year"] == year.ToString(CultureInfo.InvariantCulture));
        }
        var funding = new Dictionary<int, JsonElement>();
        foreach (var row in rows)
        {
            var year = int.Parse(row["fiscal_year"], CultureInfo.InvariantCulture);
            if (!funding.TryGetValue(year, out var view))
            {
                view = funding[year] = await reader.RegionFundingAsync(Region, year);
            }
            var at = $"{row["source"]} {year}";
            if (row["source_kind"] == "in-kind")
            {
                var inKind = Row(view, row["source"], "inKind") ?? throw new Xunit.Sdk.XunitException($"{at}: not in the region's in-kind");
                Assert.Equal(row["actual"], inKind.GetProperty("value").GetString());
                continue;
            }
            if (Row(view, row["source"]) is not { } served)
            {
                Assert.True(row["committed"] == "0.00" && row["actual"] == "0.00", $"{at}: in budgets.csv ({row["committed"]}, {row["actual"]}) but not in the region's funding");
                continue;
            }
            Assert.True((row["committed"], row["actual"]) == (served.GetProperty("committed").GetString(), served.GetProperty("received").GetString()),
                $"{at}: budgets.csv committed {row["committed"]} actual {row["actual"]}; region funding {served}");
        }
        // And the other way: every source the region's funding shows this year is in the file with the same figures.
        foreach (var served in funding[Year].GetProperty("sources").EnumerateArray())
        {
            var id = served.GetProperty("sourceId").GetString();
            var row = Assert.Single(rows, r => r["source"] == id && r["fiscal_year"] == Year.ToString(CultureInfo.InvariantCulture));
            Assert.Equal((served.GetProperty("committed").GetString(), served.GetProperty("received").GetString()), (row["committed"], row["actual"]));
        }
        var fundRow = Assert.Single(rows, r => r["source"] == fund && r["fiscal_year"] == Year.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(("10000.37", "4000.11"), (fundRow["committed"], fundRow["actual"]));
    }
}
