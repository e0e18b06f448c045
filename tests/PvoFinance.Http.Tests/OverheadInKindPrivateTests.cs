using System.Net;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>Project overhead, hours given in kind and private contributions in a region's funding.</summary>
[Collection(ServiceCollection.Name)]
public sealed class OverheadInKindPrivateTests(ServiceFixture fixture)
{
    private static readonly string S = "oip-" + Suffix;
    private const string Region = "den-haag";

    [Fact]
    public async Task Overhead_of_7_5_percent_on_10000_is_750_receivable()
    {
        var manager = await fixture.As(Who.Manager(Region));
        var ministry = await fixture.As(Who.Ministry);
        var id = $"{S}-ovh";
        await manager.CreateAsync(Source(id, $"Overhead {S}", "project-overhead", "Projecten Den Haag", region: Region, overhead: "7.5"));
        var before = await manager.RegionFundingAsync(Region, 2026);
        Assert.Null(Row(before, id));

        var charge = new JsonObject { ["chargeId"] = "ch1", ["year"] = 2026, ["projectId"] = $"{S}-winkel", ["projectCosts"] = "10000.00" };
        var charged = (await manager.PostJsonAsync($"api/funding-sources/{id}/overhead-charges", charge)).Expect(HttpStatusCode.Created).Json;
        Assert.Equal("750.00", charged.GetProperty("amount").GetString());
        var details = charged.GetProperty("fundingSource");
        Assert.Equal("750.00", YearField(details, 2026, "receivable"));
        Assert.Equal("750.00", YearField(details, 2026, "invoiced"));
        Assert.Equal("0.00", YearField(details, 2026, "received"));
        Assert.Equal("750.00", LedgerApi.Field(await ministry.BalancesAsync($"source.{id}.2026"), $"receivable:{id}:2026:{S}-winkel", "balance"));

        var funding = await manager.RegionFundingAsync(Region, 2026);
        Assert.Equal("750.00/0.00/0.00/750.00", Figures(funding, id));
        Assert.Equal("project-overhead", Row(funding, id)!.Value.GetProperty("kind").GetString());
        Assert.Equal(Money(Dec(before.GetProperty("receivable").GetString()!) + 750.00m), funding.GetProperty("receivable").GetString());

        // Charging again with the same id does not charge twice; the project pays it.
        (await manager.PostJsonAsync($"api/funding-sources/{id}/overhead-charges", charge)).Expect(HttpStatusCode.Created);
        var receipt = new JsonObject { ["receiptId"] = "r1", ["year"] = 2026, ["debtor"] = $"{S}-winkel", ["amount"] = "750.00" };
        (await manager.PostJsonAsync($"api/funding-sources/{id}/receipts", receipt)).Expect(HttpStatusCode.Created);
        Assert.Equal("750.00/0.00/750.00/0.00", Figures(await manager.RegionFundingAsync(Region, 2026), id));

        // 7.5 % of 0.06 is 0.0045, which rounds to 0.00: refused rather than charging nothing.
        (await manager.PostJsonAsync($"api/funding-sources/{id}/overhead-charges", new JsonObject { ["chargeId"] = "ch2", ["year"] = 2026, ["projectId"] = "p", ["projectCosts"] = "0.06" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "projectCosts");
        // 7.5 % of 0.07 is 0.00525: half away from zero gives 0.01.
        Assert.Equal("0.01", (await manager.PostJsonAsync($"api/funding-sources/{id}/overhead-charges", new JsonObject { ["chargeId"] = "ch3", ["year"] = 2026, ["projectId"] = "p", ["projectCosts"] = "0.07" }))
            .Expect(HttpStatusCode.Created).Json.GetProperty("amount").GetString());
        (await manager.PostJsonAsync($"api/funding-sources/{id}/overhead-charges", new JsonObject { ["chargeId"] = "ch4", ["year"] = 2026, ["projectId"] = "p", ["projectCosts"] = "-5.00" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "projectCosts");
        (await manager.PostJsonAsync($"api/funding-sources/{id}/overhead-charges", new JsonObject { ["chargeId"] = "ch4", ["year"] = 2026, ["projectId"] = "p", ["projectCosts"] = "1.234" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "projectCosts");
    }

    [Fact]
    public async Task Hours_in_kind_are_valued_apart_from_cash()
    {
        var manager = await fixture.As(Who.Manager(Region));
        var ministry = await fixture.As(Who.Ministry);
        var id = $"{S}-ink";
        await manager.CreateAsync(Source(id, $"Uren politie {S}", "in-kind", "Politie Den Haag", region: Region, hourlyRate: "65.00"));
        var before = await manager.RegionFundingAsync(Region, 2026);

        var hours = new JsonObject { ["recordId"] = "h1", ["year"] = 2026, ["hours"] = "16.5", ["description"] = "Winkelschouw" };
        var recorded = (await manager.PostJsonAsync($"api/funding-sources/{id}/hours", hours)).Expect(HttpStatusCode.Created).Json;
        Assert.Equal("1072.50", recorded.GetProperty("amount").GetString());
        Assert.Equal("1072.50", YearField(recorded.GetProperty("fundingSource"), 2026, "inKind"));
        Assert.Equal("0.00", YearField(recorded.GetProperty("fundingSource"), 2026, "received"));
        // Recording again with the same id counts once.
        (await manager.PostJsonAsync($"api/funding-sources/{id}/hours", hours)).Expect(HttpStatusCode.Created);

        var funding = await manager.RegionFundingAsync(Region, 2026);
        var inKind = Row(funding, id, "inKind") ?? throw new Xunit.Sdk.XunitException(funding.GetRawText());
        Assert.Equal("1072.50", inKind.GetProperty("value").GetString());
        Assert.Equal("Politie Den Haag", inKind.GetProperty("provider").GetString());
        Assert.Equal(Money(Dec(before.GetProperty("inKindTotal").GetString()!) + 1072.50m), funding.GetProperty("inKindTotal").GetString());
        // Not a cash source, and the cash totals did not move.
        Assert.Null(Row(funding, id));
        Assert.Equal(Totals(before), Totals(funding));

        // On memo accounts only.
        var balances = await ministry.BalancesAsync($"source.{id}.2026");
        Assert.Equal(["inkind-source:" + id + ":2026", "inkind:" + id + ":2026"], balances.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("1072.50", LedgerApi.Field(balances, $"inkind:{id}:2026", "balance"));

        foreach (var bad in new[] { "-1", "1.234", "0" })
        {
            (await manager.PostJsonAsync($"api/funding-sources/{id}/hours", new JsonObject { ["recordId"] = "h2", ["year"] = 2026, ["hours"] = bad }))
                .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "hours");
        }
    }

    [Fact]
    public async Task A_private_contribution_is_committed_and_received()
    {
        var manager = await fixture.As(Who.Manager(Region));
        var id = $"{S}-priv";
        await manager.CreateAsync(Source(id, $"Ondernemersvereniging {S}", "private", "Ondernemersvereniging Den Haag", region: Region));
        var before = await manager.RegionFundingAsync(Region, 2026);

        var contribution = new JsonObject { ["contributionId"] = "k1", ["year"] = 2026, ["contributor"] = "Winkeliersvereniging Centrum", ["amount"] = "2500.00" };
        var made = (await manager.PostJsonAsync($"api/funding-sources/{id}/contributions", contribution)).Expect(HttpStatusCode.Created).Json;
        Assert.Equal("2500.00", made.GetProperty("amount").GetString());
        Assert.Equal("2500.00", YearField(made.GetProperty("fundingSource"), 2026, "received"));
        (await manager.PostJsonAsync($"api/funding-sources/{id}/contributions", contribution)).Expect(HttpStatusCode.Created);

        var funding = await manager.RegionFundingAsync(Region, 2026);
        Assert.Equal("2500.00/0.00/2500.00/0.00", Figures(funding, id));
        Assert.Equal(Money(Dec(before.GetProperty("committed").GetString()!) + 2500.00m), funding.GetProperty("committed").GetString());
        Assert.Equal(Money(Dec(before.GetProperty("received").GetString()!) + 2500.00m), funding.GetProperty("received").GetString());
        Assert.Equal(before.GetProperty("receivable").GetString(), funding.GetProperty("receivable").GetString());

        foreach (var bad in new[] { "-5.00", "1.234" })
        {
            (await manager.PostJsonAsync($"api/funding-sources/{id}/contributions", new JsonObject { ["contributionId"] = "k2", ["year"] = 2026, ["contributor"] = "X", ["amount"] = bad }))
                .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "amount");
        }
        Assert.Equal("2500.00/0.00/2500.00/0.00", Figures(await manager.RegionFundingAsync(Region, 2026), id));
    }
}
