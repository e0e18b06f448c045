using PvoFinance.Grains.Contracts;

namespace PvoFinance.Cluster.Tests;

/// <summary>What survives losing activations and silos: everything that was confirmed, exactly once.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DurabilityTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task A_journal_reloads_from_table_storage_with_the_same_balances_chain_and_keys()
    {
        var journal = Ledger.Unique("region.durable");
        var grain = Grains.GetGrain<ILedgerGrain>(journal);
        // 300 entries: more than two snapshot intervals, so reload uses a snapshot plus a replayed tail.
        var replies = await Task.WhenAll(Enumerable.Range(1, 300).Select(i =>
            grain.Execute(Ledger.Post($"e{i}", ("expense:durable:x", i), ("region:durable:funds", -i)))));
        Assert.All(replies, r => Assert.Equal(LedgerReplyStatus.Committed, r.Status));
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), replies.Select(r => r.Sequence).Order());
        var before = await grain.GetBalances();
        var summaryBefore = await grain.GetSummary();

        await fixture.Cluster.DeactivateAsync((IAddressable)grain);
        await fixture.Cluster.WaitForDeactivationAsync((IAddressable)grain);

        var after = await grain.GetBalances();
        Assert.Equal(before, after);
        Assert.Equal(300 * 301 / 2, after.Single(b => b.Account == "expense:durable:x").PostedBalance);
        Assert.Equal(summaryBefore, await grain.GetSummary());
        var chain = await grain.VerifyChain();
        Assert.True(chain.Intact, chain.Reason);
        Assert.Equal(300, chain.EntriesChecked);
        // Keys from before the snapshot are still known after the reload.
        var replay = await grain.Execute(Ledger.Post("e5", ("expense:durable:x", 5), ("region:durable:funds", -5)));
        Assert.Equal(LedgerReplyStatus.Replayed, replay.Status);
        Assert.Equal(replies[4].Hash, replay.Hash);
        var conflict = await grain.Execute(Ledger.Post("e5", ("expense:durable:x", 6), ("region:durable:funds", -6)));
        Assert.Equal("IdempotencyConflict", conflict.Rejection!.Code);
    }

    [Fact]
    public async Task Concurrent_entries_on_one_journal_are_written_in_group_commits()
    {
        var journal = Ledger.Unique("region.group");
        var grain = Grains.GetGrain<ILedgerGrain>(journal);
        await grain.Execute(Ledger.Post("warm-up", ("expense:g:x", 1), ("region:g:funds", -1)));

        using var appends = new AppendCounter();
        var replies = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            grain.Execute(Ledger.Post($"g{i}", ("expense:g:x", 100), ("region:g:funds", -100)))));

        Assert.All(replies, r => Assert.Equal(LedgerReplyStatus.Committed, r.Status));
        Assert.Equal(200, appends.Entries);
        // Without group commit there would be 200 appends; with it, far fewer table transactions.
        Assert.True(appends.Appends < 100, $"{appends.Appends} appends for 200 entries");
        Assert.Equal(200 * 100 + 1, (await Ledger.Balances(Grains, journal))["expense:g:x"].PostedBalance);
    }

    [Fact]
    public async Task Killing_a_silo_mid_load_and_retrying_with_the_same_keys_counts_every_transfer_once()
    {
        var source = Ledger.Unique("source.kill");
        await Ledger.OpenBudget(Grains, source, "budget:kill:2026", 1_000_000_00);
        var regions = Enumerable.Range(0, 8).Select(i => Ledger.Unique($"region.k{i}")).ToArray();
        var requests = Enumerable.Range(0, 120).Select(i => (Id: Ledger.Unique("k"), Request: Ledger.Transfer(source, "budget:kill:2026", regions[i % 8], $"region:k:{i % 8}", 1_00 + i))).ToArray();

        var running = requests.Select(r => Try(r.Id, r.Request)).ToArray();
        await Task.Delay(50);
        await fixture.Cluster.KillSiloAsync(fixture.Cluster.Silos[^1]);
        await Task.WhenAll(running);

        // A client that did not hear back retries with the same transfer id until it gets an answer.
        foreach (var (id, request) in requests)
        {
            var reply = await RetryUntilAnswered(id, request);
            Assert.Equal(TransferStatus.Completed, reply.Status);
        }
        await fixture.Cluster.StartAdditionalSiloAsync();

        long expected = requests.Sum(r => r.Request.Cents);
        var budget = (await Ledger.Balances(Grains, source))["budget:kill:2026"];
        Assert.Equal(expected, budget.DebitsPosted);
        Assert.Equal(0, budget.DebitsPending);
        Assert.Equal(0, await Ledger.NetPosted(Grains, [source, .. regions]));
        foreach (var j in regions.Append(source))
        {
            Assert.True((await Grains.GetGrain<ILedgerGrain>(j).VerifyChain()).Intact);
        }
    }

    private async Task Try(string id, TransferRequest request)
    {
        try
        {
            await Grains.GetGrain<ITransferGrain>(id).Execute(request);
        }
        catch (Exception)
        {
            // Lost with the silo; the retry below finishes it.
        }
    }

    private async Task<TransferReply> RetryUntilAnswered(string id, TransferRequest request)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await Grains.GetGrain<ITransferGrain>(id).Execute(request);
            }
            catch (Exception) when (attempt < 20)
            {
                await Task.Delay(500);
            }
        }
    }
}
