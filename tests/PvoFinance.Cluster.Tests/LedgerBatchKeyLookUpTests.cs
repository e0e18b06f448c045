using Azure.Data.Tables;
using PvoFinance.Grains.Contracts;
using PvoFinance.Ledger;
using PvoFinance.Silo.Storage;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// Issue 15, item 1: large batches from concurrent callers on a journal whose key filter cannot rule out many new keys
/// (the batch phases of <c>./bench.sh ledger</c>, where calls failed with a retryable error). A batch's keys are looked up
/// before it is decided, all of them, and its decision needs no storage: every call commits, the journal holds exactly
/// the batches, and a retry of each batch replays. Item 2 through the grain: a reversal of an entry of the same batch.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LedgerBatchKeyLookUpTests(ClusterFixture fixture)
{
    private const int Batches = 8;
    private const int BatchSize = LedgerBatchLimits.MaxCommands;

    private IGrainFactory Grains => fixture.Client;

    private AzureTableJournalStore Store => new(new TableClient(fixture.Storage.ConnectionString, fixture.Storage.TableName("Journals"), TableStorageOptions.CreateDefaultClientOptions()));

    private static LedgerRequest Undo(string key, string entryKey) =>
        new() { Kind = LedgerRequestKind.Reverse, Key = key, ValueDate = Ledger.Day, EntryKey = entryKey };

    private static LedgerRequest Spend(string key, long cents, bool linked = false) =>
        Ledger.Post(key, ("expense:stored:x", cents), ("region:stored:funds", -cents)) with { LinkedToNext = linked };

    [Fact]
    public async Task Concurrent_batches_whose_keys_the_filter_cannot_rule_out_all_commit_and_replay()
    {
        var id = Ledger.Unique("region.dense");
        // A journal written before the grain ran, whose snapshot carries a dense key filter (150,000 more keys): about a
        // quarter of new keys are "maybe" and need a point read of their key row.
        KeyFilter? dense = null;
        await StoredJournal.WriteAsync(Store, id, 100, snapshotForm: s =>
        {
            dense = KeyFilter.FromBase64(s.KeyFilter!);
            for (var i = 0; i < 150_000; i++)
            {
                dense.Add($"dense-{i}");
            }
            return s with { KeyFilter = dense.ToBase64() };
        });
        // Batches chosen so that each holds a key the filter rules out before the batch and not once the batch's earlier
        // keys are in it: the case that made the decision need storage in its middle.
        var batches = new List<LedgerRequest[]>();
        for (var seed = 0; batches.Count < Batches && seed < 2_000; seed++)
        {
            var keys = Enumerable.Range(0, BatchSize).Select(k => $"b{seed}-{k}").ToList();
            var grown = KeyFilter.FromBase64(dense!.ToBase64());
            var flips = false;
            foreach (var key in keys)
            {
                flips |= !dense.MayContain(key) && grown.MayContain(key);
                grown.Add(key);
            }
            if (flips)
            {
                batches.Add([.. keys.Select(k => Spend(k, 1))]);
            }
        }
        Assert.Equal(Batches, batches.Count);
        var grain = Grains.GetGrain<ILedgerGrain>(id);

        var results = await Task.WhenAll(batches.Select(b => grain.Submit(b)));

        Assert.All(results, r => Assert.Null(r.Rejection));
        Assert.All(results.SelectMany(r => r.Outcomes), o => Assert.Equal(LedgerReplyStatus.Committed, o.Status));
        var sequences = results.SelectMany(r => r.Outcomes.Select(o => o.Sequence)).Order().ToList();
        Assert.Equal(Enumerable.Range(101, Batches * BatchSize).Select(i => (long)i), sequences);
        Assert.Equal(100 + Batches * BatchSize, (await grain.GetSummary()).Version);
        Assert.Equal(100 + Batches * BatchSize, (await Ledger.Balances(Grains, id))["expense:stored:x"].PostedBalance);

        // After a reload (keys only in storage and the filter), every batch replays: the same sequences, nothing added.
        await fixture.Cluster.DeactivateAsync((IAddressable)grain);
        await fixture.Cluster.WaitForDeactivationAsync((IAddressable)grain);
        var again = await Task.WhenAll(batches.Select(b => grain.Submit(b)));
        Assert.Equal(results.Select(r => r.Outcomes.Select(o => o.Sequence).ToList()), again.Select(r => r.Outcomes.Select(o => o.Sequence).ToList()));
        Assert.All(again.SelectMany(r => r.Outcomes), o => Assert.Equal(LedgerReplyStatus.Replayed, o.Status));
        Assert.True((await grain.VerifyChain()).Intact);
    }

    [Fact]
    public async Task A_reversal_of_an_entry_of_the_same_batch_is_applied_with_it_and_replays_after_a_reload()
    {
        var id = Ledger.Unique("region.undo");
        var grain = Grains.GetGrain<ILedgerGrain>(id);
        LedgerRequest[] batch =
        [
            Spend("p", 10_00, linked: true), Undo("undo-p", "p"),
            Spend("q", 5_00), Undo("undo-q", "q"),
            Undo("undo-none", "no-such-entry"),
        ];

        var first = await grain.Submit(batch);

        Assert.Equal(
            [LedgerReplyStatus.Committed, LedgerReplyStatus.Committed, LedgerReplyStatus.Committed, LedgerReplyStatus.Committed, LedgerReplyStatus.Rejected],
            first.Outcomes.Select(o => o.Status));
        Assert.Equal(("NotFound", "requests[4].entryKey"), (first.Outcomes[4].Rejection!.Code, first.Outcomes[4].Rejection!.Field));
        Assert.Equal(0, (await Ledger.Balances(Grains, id))["expense:stored:x"].PostedBalance);
        await fixture.Cluster.DeactivateAsync((IAddressable)grain);
        await fixture.Cluster.WaitForDeactivationAsync((IAddressable)grain);
        var again = await grain.Submit(batch);
        Assert.Equal(first.Outcomes.Select(o => (o.Succeeded, o.Sequence, o.Hash)), again.Outcomes.Select(o => (o.Succeeded, o.Sequence, o.Hash)));
        Assert.Equal(4, (await grain.GetSummary()).Version);
    }
}
