using PvoFinance.Grains.Contracts;

namespace PvoFinance.Cluster.Tests;

/// <summary>Money moving between journals on two silos, durable on Azurite.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TransferTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task Concurrent_transfers_never_exceed_the_budget_ceiling()
    {
        var source = Ledger.Unique("source.jenv");
        var budget = "budget:jenv:2026";
        await Ledger.OpenBudget(Grains, source, budget, 10_000_00);
        var regions = Enumerable.Range(0, 10).Select(i => Ledger.Unique($"region.r{i}")).ToArray();

        // 100 transfers of 150.00 race for a 10,000.00 ceiling: exactly 66 fit (9,900.00), the 67th would not.
        var replies = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            Grains.GetGrain<ITransferGrain>(Ledger.Unique("t")).Execute(
                Ledger.Transfer(source, budget, regions[i % 10], $"region:funds:{i % 10}", 150_00))));

        Assert.Equal(66, replies.Count(r => r.Status == TransferStatus.Completed));
        Assert.All(replies.Where(r => r.Status == TransferStatus.Rejected), r => Assert.Equal("LimitExceeded", r.Rejection!.Code));
        var balances = await Ledger.Balances(Grains, source);
        Assert.Equal(100_00, balances[budget].Available);
        Assert.Equal(0, balances[budget].DebitsPending);
        Assert.Equal(0, await Ledger.NetPosted(Grains, [source, .. regions]));
        long received = 0;
        foreach (var (region, i) in regions.Select((r, i) => (r, i)))
        {
            received -= (await Ledger.Balances(Grains, region)).GetValueOrDefault($"region:funds:{i}")?.PostedBalance ?? 0;
            Assert.True((await Grains.GetGrain<ILedgerGrain>(region).VerifyChain()).Intact);
        }
        Assert.Equal(66 * 150_00, received);
        Assert.True((await Grains.GetGrain<ILedgerGrain>(source).VerifyChain()).Intact);
    }

    [Fact]
    public async Task A_transfer_retried_concurrently_and_later_moves_money_once()
    {
        var source = Ledger.Unique("source.prov");
        var region = Ledger.Unique("region.limburg");
        await Ledger.OpenBudget(Grains, source, "budget:prov-li:2026", 1_000_00);
        var id = Ledger.Unique("grant");
        var request = Ledger.Transfer(source, "budget:prov-li:2026", region, "region:limburg:funds", 250_50);

        var first = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Grains.GetGrain<ITransferGrain>(id).Execute(request)));
        var again = await Grains.GetGrain<ITransferGrain>(id).Execute(request);

        Assert.All(first.Append(again), r => Assert.Equal(TransferStatus.Completed, r.Status));
        Assert.Single(first.Append(again).Select(r => (r.SourceSequence, r.DestinationSequence)).Distinct());
        Assert.Equal(-250_50, (await Ledger.Balances(Grains, region))["region:limburg:funds"].PostedBalance);
        Assert.Equal(1_000_00 - 250_50, (await Ledger.Balances(Grains, source))["budget:prov-li:2026"].Available);
        Assert.Equal(0, await Ledger.NetPosted(Grains, [source, region]));
    }

    [Fact]
    public async Task The_same_transfer_id_with_other_content_is_refused()
    {
        var source = Ledger.Unique("source.s");
        var region = Ledger.Unique("region.r");
        await Ledger.OpenBudget(Grains, source, "budget:s:2026", 1_000_00);
        var id = Ledger.Unique("grant");
        var ok = await Grains.GetGrain<ITransferGrain>(id).Execute(Ledger.Transfer(source, "budget:s:2026", region, "region:r:funds", 100_00));
        var other = await Grains.GetGrain<ITransferGrain>(id).Execute(Ledger.Transfer(source, "budget:s:2026", region, "region:r:funds", 200_00));

        Assert.Equal(TransferStatus.Completed, ok.Status);
        Assert.Equal(TransferStatus.Rejected, other.Status);
        Assert.Equal("IdempotencyConflict", other.Rejection!.Code);
        Assert.Equal(900_00, (await Ledger.Balances(Grains, source))["budget:s:2026"].Available);
    }

    [Fact]
    public async Task A_refused_credit_is_refused_before_anything_is_reserved_and_moves_nothing()
    {
        var source = Ledger.Unique("source.s");
        var bank = Ledger.Unique("region.bank");
        await Ledger.OpenBudget(Grains, source, "budget:s:2026", 1_000_00);
        var before = await Grains.GetGrain<ILedgerGrain>(source).GetSummary();
        // Crediting a cash account that holds nothing would make it negative: the destination refuses.
        var reply = await Grains.GetGrain<ITransferGrain>(Ledger.Unique("t")).Execute(Ledger.Transfer(source, "budget:s:2026", bank, "cash:bank:main", 10_00));

        Assert.Equal(TransferStatus.Rejected, reply.Status);
        Assert.Equal("LimitExceeded", reply.Rejection!.Code);
        var balances = await Ledger.Balances(Grains, source);
        Assert.Equal(1_000_00, balances["budget:s:2026"].Available);
        Assert.Equal(0, balances["budget:s:2026"].DebitsPending);
        Assert.Empty(await Ledger.Balances(Grains, bank));
        // The receiving journal was asked first: the source recorded neither a reservation nor its void.
        var after = await Grains.GetGrain<ILedgerGrain>(source).GetSummary();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.HeadHash, after.HeadHash);
    }
}
