using PvoFinance.Grains.Contracts;
using PvoFinance.Ledger;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// <see cref="ILedgerGrain.Submit"/> on real silos and table storage: independent entries stand alone, a linked chain
/// with a refused entry is voided whole and its mates name the entry at fault, a batch larger than one table transaction
/// lands whole across appends, and a retried batch — also after the journal reloaded — answers the same.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LedgerBatchTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    private static LedgerRequest Spend(string key, long cents, bool linked = false) =>
        Ledger.Post(key, ("expense:batch:x", cents), ("cash:batch-bank", -cents)) with { LinkedToNext = linked };

    [Fact]
    public async Task Independent_entries_and_linked_chains_end_on_their_own_and_a_retry_answers_the_same()
    {
        var journal = Ledger.Unique("region.batch");
        var ledger = Grains.GetGrain<ILedgerGrain>(journal);
        Assert.True((await ledger.Execute(Ledger.Post("fund", ("cash:batch-bank", 100_00), ("income:batch", -100_00)))).Succeeded);

        // 0 alone; 1..3 a chain whose last entry overdraws the cash; 4 alone; 5 a malformed request alone.
        LedgerRequest[] batch =
        [
            Spend("a", 10_00),
            Spend("b", 20_00, linked: true), Spend("c", 30_00, linked: true), Spend("d", 60_00),
            Spend("e", 5_00),
            Ledger.Post("f") with { Postings = null! },
        ];
        var first = await ledger.Submit(batch);
        Assert.Null(first.Rejection);
        Assert.Equal(
            [LedgerReplyStatus.Committed, LedgerReplyStatus.Rejected, LedgerReplyStatus.Rejected, LedgerReplyStatus.Rejected, LedgerReplyStatus.Committed, LedgerReplyStatus.Rejected],
            first.Outcomes.Select(o => o.Status));
        Assert.Equal((2L, 3L), (first.Outcomes[0].Sequence, first.Outcomes[4].Sequence));
        Assert.All(new[] { 1, 2, 3 }, i => Assert.Equal(("LimitExceeded", "requests[3].postings[1]"), (first.Outcomes[i].Rejection!.Code, first.Outcomes[i].Rejection!.Field)));
        Assert.Equal(("Invalid", "requests[5].postings"), (first.Outcomes[5].Rejection!.Code, first.Outcomes[5].Rejection!.Field));
        Assert.Equal(85_00, (await Ledger.Balances(Grains, journal))["cash:batch-bank"].PostedBalance);

        var again = await ledger.Submit(batch);
        Assert.Equal(first.Outcomes.Select(o => (o.Succeeded, o.Sequence, o.Hash)), again.Outcomes.Select(o => (o.Succeeded, o.Sequence, o.Hash)));
        await fixture.Cluster.DeactivateAsync((IAddressable)ledger);
        await fixture.Cluster.WaitForDeactivationAsync((IAddressable)ledger);
        var reloaded = await ledger.Submit(batch);
        Assert.Equal(first.Outcomes.Select(o => (o.Succeeded, o.Sequence, o.Hash)), reloaded.Outcomes.Select(o => (o.Succeeded, o.Sequence, o.Hash)));
        Assert.Equal(3, (await ledger.GetSummary()).Version);

        // The slim reply names the entry; the whole entry comes when asked.
        var slim = await ledger.Execute(Spend("g", 1));
        Assert.Null(slim.Entry);
        var full = await ledger.Execute(Spend("g", 1), withEntry: true);
        Assert.Equal((LedgerReplyStatus.Replayed, slim.Sequence, slim.Hash), (full.Status, full.Entry!.Sequence, full.Entry.Hash));
    }

    [Fact]
    public async Task A_batch_larger_than_one_table_transaction_lands_whole_and_in_order()
    {
        var journal = Ledger.Unique("region.bigbatch");
        var ledger = Grains.GetGrain<ILedgerGrain>(journal);
        Assert.True((await ledger.Execute(Ledger.Post("fund", ("cash:batch-bank", 1_000_00), ("income:batch", -1_000_00)))).Succeeded);
        var batch = Enumerable.Range(0, LedgerBatchLimits.MaxCommands).Select(i => Spend($"s{i}", 1, linked: i % 4 != 3)).ToArray();
        var result = await ledger.Submit(batch);
        Assert.Equal(Enumerable.Range(2, LedgerBatchLimits.MaxCommands).Select(i => (long)i), result.Outcomes.Select(o => o.Sequence));
        var chain = await ledger.VerifyChain();
        Assert.True(chain.Intact, chain.Reason);
        Assert.Equal(1 + LedgerBatchLimits.MaxCommands, chain.EntriesChecked);
        Assert.Equal("Invalid", (await ledger.Submit([.. batch, Spend("one-too-many", 1)])).Rejection!.Code);
    }
}
