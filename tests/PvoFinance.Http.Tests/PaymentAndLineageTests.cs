using System.Net;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>A scheme pays a region through the CCV; the region passes money to a project; the lineage says where it came from.</summary>
[Collection(ServiceCollection.Name)]
public sealed class PaymentAndLineageTests(ServiceFixture fixture)
{
    private static readonly string S = "pl-" + Suffix;
    private const string Region = "noord-holland";

    [Fact]
    public async Task Payment_through_an_intermediary_then_allocation_to_a_project_with_lineage()
    {
        var ministry = await fixture.As(Who.Ministry);
        var manager = await fixture.As(Who.Manager(Region));
        var id = $"{S}-ccv";
        const string funder = "Ministerie van Justitie en Veiligheid";
        await ministry.CreateAsync(Source(id, $"PVO scheme via CCV {S}", "national-scheme", funder, intermediary: "ccv"));
        await ministry.CeilingAsync(id, 2026, "200000.00");
        (await ministry.PostJsonAsync($"api/funding-sources/{id}/commitments", Commitment("nh-2026", Region, (2026, "10000.00")))).Expect(HttpStatusCode.OK);
        var regionBefore = await manager.RegionFundingAsync(Region, 2026);
        Assert.Equal("10000.00/0.00/0.00/10000.00", Figures(regionBefore, id));

        var paid = (await ministry.PostJsonAsync($"api/funding-sources/{id}/payments", Payment("p1", Region, 2026, "4000.00"))).Expect(HttpStatusCode.Created).Json;
        Assert.Equal("4000.00", paid.GetProperty("amount").GetString());
        Assert.Equal("10000.00", YearField(paid.GetProperty("fundingSource"), 2026, "committed"));
        Assert.Equal("4000.00", YearField(paid.GetProperty("fundingSource"), 2026, "paid"));

        var funding = await manager.RegionFundingAsync(Region, 2026);
        Assert.Equal("10000.00/4000.00/4000.00/6000.00", Figures(funding, id));
        Assert.Equal(funder, Row(funding, id)!.Value.GetProperty("funder").GetString());
        Assert.Equal("national-scheme", Row(funding, id)!.Value.GetProperty("kind").GetString());
        // The money went through the CCV's journal and left nothing there.
        var ccv = await ministry.BalancesAsync("intermediary.ccv");
        Assert.Equal("4000.00", LedgerApi.Field(ccv, $"commitment:ccv:{id}:{Region}", "creditsPosted"));
        Assert.Equal("4000.00", LedgerApi.Field(ccv, $"commitment:ccv:{id}:{Region}", "debitsPosted"));
        Assert.Equal("4000.00", LedgerApi.Field(await ministry.BalancesAsync($"region.{Region}"), $"region:{Region}:{id}", "creditsPosted"));

        // More than is committed and unpaid (6000.00) is refused and changes nothing.
        var regionJournal = await ministry.StateAsync($"region.{Region}");
        var sourceJournal = await ministry.StateAsync($"source.{id}.2026");
        (await ministry.PostJsonAsync($"api/funding-sources/{id}/payments", Payment("p2", Region, 2026, "6000.01")))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "LimitExceeded", "amount");
        Assert.Equal("10000.00/4000.00/4000.00/6000.00", Figures(await manager.RegionFundingAsync(Region, 2026), id));
        Assert.Equal(regionJournal, await ministry.StateAsync($"region.{Region}"));
        Assert.Equal(sourceJournal, await ministry.StateAsync($"source.{id}.2026"));

        // Replaying a payment does not pay twice.
        (await ministry.PostJsonAsync($"api/funding-sources/{id}/payments", Payment("p1", Region, 2026, "4000.00"))).Expect(HttpStatusCode.Created);
        Assert.Equal("10000.00/4000.00/4000.00/6000.00", Figures(await manager.RegionFundingAsync(Region, 2026), id));
        Assert.Equal(regionJournal, await ministry.StateAsync($"region.{Region}"));
        Assert.Equal(sourceJournal, await ministry.StateAsync($"source.{id}.2026"));

        // The region passes 2500.00 of it to a project.
        var project = $"{S}-camera";
        var allocation = new JsonObject { ["allocationId"] = "a1", ["source"] = id, ["amount"] = "2500.00" };
        var allocated = (await manager.PostJsonAsync($"api/regions/{Region}/projects/{project}/allocations", allocation)).Expect(HttpStatusCode.Created).Json;
        Assert.Equal("2500.00", allocated.GetProperty("amount").GetString());

        var lineage = (await manager.GetAsync($"api/regions/{Region}/projects/{project}/lineage")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("2500.00", lineage.GetProperty("received").GetString());
        Assert.Equal("2500.00", lineage.GetProperty("held").GetString());
        var from = Assert.Single(lineage.GetProperty("sources").EnumerateArray());
        Assert.Equal(id, from.GetProperty("sourceId").GetString());
        Assert.Equal($"PVO scheme via CCV {S}", from.GetProperty("sourceName").GetString());
        Assert.Equal("national-scheme", from.GetProperty("kind").GetString());
        Assert.Equal(funder, from.GetProperty("funder").GetString());
        Assert.Equal("2500.00", from.GetProperty("received").GetString());
        Assert.Equal([funder, $"source {id}", "intermediary ccv", "region Noord-Holland", $"project {project}"],
            from.GetProperty("chain").EnumerateArray().Select(c => c.GetString()!));
        var regionAfterAllocation = await ministry.BalancesAsync($"region.{Region}");
        Assert.Equal("2500.00", LedgerApi.Field(regionAfterAllocation, $"region:{Region}:{id}", "debitsPosted"));
        Assert.Equal("-1500.00", LedgerApi.Field(regionAfterAllocation, $"region:{Region}:{id}", "balance"));

        // The region received 4000.00 and passed on 2500.00: 1500.01 more is refused and nothing moves.
        var regionState = await ministry.StateAsync($"region.{Region}");
        var lineageText = (await manager.GetAsync($"api/regions/{Region}/projects/{project}/lineage")).Text;
        (await manager.PostJsonAsync($"api/regions/{Region}/projects/{project}/allocations", new JsonObject { ["allocationId"] = "a2", ["source"] = id, ["amount"] = "1500.01" }))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "LimitExceeded", "amount");
        (await manager.PostJsonAsync($"api/regions/{Region}/projects/{S}-other/allocations", new JsonObject { ["allocationId"] = "a3", ["source"] = id, ["amount"] = "4000.00" }))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "LimitExceeded", "amount");
        Assert.Equal(regionState, await ministry.StateAsync($"region.{Region}"));
        Assert.Equal(lineageText, (await manager.GetAsync($"api/regions/{Region}/projects/{project}/lineage")).Text);
        Assert.Equal("0.00", (await manager.GetAsync($"api/regions/{Region}/projects/{S}-other/lineage")).Expect(HttpStatusCode.OK).Json.GetProperty("received").GetString());

        // Exactly what is left still goes.
        (await manager.PostJsonAsync($"api/regions/{Region}/projects/{project}/allocations", new JsonObject { ["allocationId"] = "a4", ["source"] = id, ["amount"] = "1500.00" }))
            .Expect(HttpStatusCode.Created);
        Assert.Equal("4000.00", (await manager.GetAsync($"api/regions/{Region}/projects/{project}/lineage")).Expect(HttpStatusCode.OK).Json.GetProperty("received").GetString());
        // Allocation does not change what the region received from the source.
        Assert.Equal("10000.00/4000.00/4000.00/6000.00", Figures(await manager.RegionFundingAsync(Region, 2026), id));
    }

    [Theory]
    [InlineData("-5.00")]
    [InlineData("1.234")]
    [InlineData("0.00")]
    [InlineData("1e3")]
    public async Task Malformed_payment_amount_is_400_naming_the_amount(string amount)
    {
        var ministry = await fixture.As(Who.Ministry);
        var id = $"{S}-bad";
        var created = await ministry.PostJsonAsync("api/funding-sources", Source(id, $"Bad payments {S}", "national-scheme", "Ministerie"));
        Assert.True(created.Status is HttpStatusCode.Created or HttpStatusCode.OK, created.Describe());
        await ministry.CeilingAsync(id, 2026, "100.00");
        var commit = await ministry.PostJsonAsync($"api/funding-sources/{id}/commitments", Commitment("c", Region, (2026, "100.00")));
        commit.Expect(HttpStatusCode.OK);
        var before = await ministry.StateAsync($"source.{id}.2026");
        (await ministry.PostJsonAsync($"api/funding-sources/{id}/payments", Payment($"bad-{amount}", Region, 2026, amount)))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "amount");
        Assert.Equal(before, await ministry.StateAsync($"source.{id}.2026"));
    }
}
