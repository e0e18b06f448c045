using PvoFinance.Funding;
using PvoFinance.Grains.Contracts;
using PvoFinance.Grains.Funding;

namespace PvoFinance.Cluster.Tests;

/// <summary>Funding sources on two silos, durable on Azurite: ceilings, commitments and levies in the ledger.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FundingTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    private static FundingSourceDto Scheme(string id) => new()
    {
        Id = id,
        Name = $"Scheme {id}",
        Kind = nameof(FundingSourceKind.NationalScheme),
        Owner = "national",
        Funder = "Ministerie van Justitie en Veiligheid",
    };

    [Fact]
    public async Task A_budget_year_ceiling_holds_under_100_concurrent_commitments()
    {
        var id = Ledger.Unique("scheme").Replace(".", "-", StringComparison.Ordinal);
        var source = Grains.GetGrain<IFundingSourceGrain>(id);
        Assert.True((await source.Create(Scheme(id))).Ok);
        Assert.True((await source.SetCeiling(2026, 100_000_00)).Ok);
        string[] regions = ["limburg", "rotterdam", "den-haag", "oost-brabant", "noord-holland"];

        // 100 callers each commit 1,500.00: exactly 66 fit under 100,000.00 (99,000.00); the rest are refused.
        var replies = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            source.Commit($"c{i}", regions[i % regions.Length], new Dictionary<int, long> { [2026] = 1_500_00 }, null)));

        Assert.Equal(66, replies.Count(r => r.Ok));
        Assert.All(replies.Where(r => !r.Ok), r => Assert.Equal(((FundingRefusalCode?)FundingRefusalCode.LimitExceeded, "amounts.2026"), (r.Code, r.Field)));
        var year = (await source.Get())!.Years.Single(y => y.Year == 2026);
        Assert.Equal(66 * 1_500_00, year.Committed);
        Assert.Equal(100_000_00 - 66 * 1_500_00, year.Available);
        var budget = (await Ledger.Balances(Grains, FundingAccounts.Journal(id, 2026)))[FundingAccounts.Budget(id, 2026).Value];
        Assert.Equal(0, budget.DebitsPending);
        Assert.True((await Grains.GetGrain<ILedgerGrain>(FundingAccounts.Journal(id, 2026)).VerifyChain()).Intact);
    }

    [Fact]
    public async Task A_multi_year_commitment_is_all_or_nothing_and_a_refused_attempt_can_be_retried()
    {
        var id = Ledger.Unique("prov").Replace(".", "-", StringComparison.Ordinal);
        var source = Grains.GetGrain<IFundingSourceGrain>(id);
        Assert.True((await source.Create(Scheme(id) with { Kind = nameof(FundingSourceKind.ProvincialFund), Owner = "province:Limburg", Funder = "Provincie Limburg" })).Ok);
        Assert.True((await source.SetCeiling(2026, 200_000_00)).Ok);
        Assert.True((await source.SetCeiling(2027, 200_000_00)).Ok);
        var threeYears = new Dictionary<int, long> { [2026] = 150_000_00, [2027] = 150_000_00, [2028] = 150_000_00 };

        var refused = await source.Commit("plan-2026-2028", "limburg", threeYears, "Uitvoeringsplan");
        Assert.Equal(((FundingRefusalCode?)FundingRefusalCode.LimitExceeded, "amounts.2028"), (refused.Code, refused.Field));
        Assert.All((await source.Get())!.Years, y => Assert.Equal(0, y.Committed));

        Assert.True((await source.SetCeiling(2028, 200_000_00)).Ok);
        var granted = await source.Commit("plan-2026-2028", "limburg", threeYears, "Uitvoeringsplan");
        Assert.True(granted.Ok, granted.Message);
        Assert.All(granted.Details!.Years, y => Assert.Equal((150_000_00, 50_000_00), (y.Committed, y.Available)));
        var again = await source.Commit("plan-2026-2028", "limburg", threeYears, "Uitvoeringsplan");
        Assert.Equal(granted.Details.Years, again.Details!.Years);
    }
}
