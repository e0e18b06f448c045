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
/// Issue 13, "figures that disagree with the ledger", through the API: grant 40,000, advance 32,000, determine 28,500
/// (8,000 released, 3,500 to reclaim), then the reclaim received. The funding source, the region's funding,
/// <c>projects.csv</c>, the application and the ledger's balances all say the same at every step.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class FiguresAgreeTests(ServiceFixture fixture)
{
    private const string Region = "limburg";
    private static readonly Who Manager = Who.Manager(Region);
    private static readonly Who Officer = Who.Officer("Limburg");
    private static readonly Who Treasurer = Who.Treasurer("province:Limburg");
    private static readonly Who Reader = Who.Treasurer("national");

    private static int Y => int.Parse(Today[..4], CultureInfo.InvariantCulture);

    [Fact]
    public async Task Grant_40000_advance_32000_determine_28500_and_reclaim_agree_in_every_view()
    {
        var source = await fixture.FundAsync("fig-agree", "100000.00");
        var appId = $"fig-{Suffix}";
        var (manager, officer, treasurer, reader) = (await fixture.As(Manager), await fixture.As(Officer), await fixture.As(Treasurer), await fixture.As(Reader));
        var app = await FiguresScenario.DetermineBelowTheAdvanceAsync(fixture, manager, officer, treasurer, appId, Region, source);

        // Determined: 32,000 paid (none of the 8,000 released counts as paid), 3,500 to reclaim.
        await AssertAgree(reader, source, app, new Expected(Committed: "40000.00", Released: "8000.00", Paid: "32000.00", Received: "32000.00",
            ToReclaim: "3500.00", Reclaimed: "0.00", Subsidy: "28500.00", Available: "71500.00"));

        app = await treasurer.Act(appId, "record-reclaim", Amount("3500.00", "bank-2"));
        Assert.Equal("Settled", app.GetProperty("state").GetString());
        await AssertAgree(reader, source, app, new Expected(Committed: "40000.00", Released: "8000.00", Paid: "28500.00", Received: "28500.00",
            ToReclaim: "0.00", Reclaimed: "3500.00", Subsidy: "28500.00", Available: "71500.00"));
    }

    private sealed record Expected(string Committed, string Released, string Paid, string Received, string ToReclaim, string Reclaimed, string Subsidy, string Available);

    private async Task AssertAgree(LedgerApi reader, string source, JsonElement app, Expected e)
    {
        // The ledger's own balances.
        var src = await fixture.Api.BalancesAsync($"source.{source}.{Y}");
        var reg = await fixture.Api.BalancesAsync($"region.{Region}");
        Assert.Equal(Money(-Dec(LedgerApi.Field(reg, $"region:{Region}:{source}", "balance"))), e.Received);
        Assert.Equal(LedgerApi.Field(src, $"receivable:{source}:{Y}:{Region}", "balance"), e.ToReclaim);
        Assert.Equal(LedgerApi.Field(src, $"receivable:{source}:{Y}:{Region}", "creditsPosted"), e.Reclaimed);
        Assert.Equal("0.00", LedgerApi.Field(src, $"commitment:{source}:{Y}:{Region}", "balance"));
        Assert.Equal(LedgerApi.Field(src, $"budget:{source}:{Y}", "available"), e.Available);

        // GET /api/funding-sources/{id}.
        var details = await reader.SourceAsync(source);
        Assert.Equal((e.Committed, e.Released, e.Paid, e.ToReclaim, e.Reclaimed, e.Available, "0.00", "0.00"),
            (YearField(details, Y, "committed"), YearField(details, Y, "released"), YearField(details, Y, "paid"), YearField(details, Y, "toReclaim"),
             YearField(details, Y, "reclaimed"), YearField(details, Y, "available"), YearField(details, Y, "open"), YearField(details, Y, "payable")));

        // GET /api/regions/{id}/funding.
        var row = Row(await reader.RegionFundingAsync(Region, Y), source) ?? throw new Xunit.Sdk.XunitException($"{source} not in the region's funding");
        Assert.Equal((e.Committed, e.Released, e.Paid, e.Received, e.ToReclaim, "0.00"),
            (row.GetProperty("committed").GetString(), row.GetProperty("released").GetString(), row.GetProperty("paid").GetString(),
             row.GetProperty("received").GetString(), row.GetProperty("toRepay").GetString(), row.GetProperty("receivable").GetString()));

        // The application.
        var f = app.GetProperty("figures");
        Assert.True(f.GetProperty("matchesDecisions").GetBoolean(), f.ToString());
        Assert.Equal((e.Paid, e.ToReclaim, e.Reclaimed, e.Subsidy),
            (f.GetProperty("paid").GetString(), f.GetProperty("toReclaim").GetString(), f.GetProperty("reclaimed").GetString(), f.GetProperty("subsidy").GetString()));

        // projects.csv.
        var (status, bytes, _, _, _) = await reader.GetBytesAsync($"api/exports/projects.csv?scope={Uri.EscapeDataString($"region:{Region}")}");
        Assert.Equal(HttpStatusCode.OK, status);
        var grant = Csv.Rows(Encoding.UTF8.GetString(bytes)).Single(r => r["application_id"] == app.GetProperty("id").GetString() && r["funding_source"] == source);
        Assert.Equal((e.Committed, e.Paid, e.Subsidy, e.ToReclaim, e.Reclaimed, "0.00"),
            (grant["granted"], grant["paid"], grant["determined"], grant["to_reclaim"], grant["reclaimed"], grant["open"]));
    }
}
