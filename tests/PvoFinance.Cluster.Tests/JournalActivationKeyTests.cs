using Azure.Data.Tables;
using PvoFinance.Grains.Contracts;
using PvoFinance.Ledger;
using PvoFinance.Silo.Storage;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// Issue 14: activation reads no key, yet a duplicate is always found. Journals longer than the keys a grain holds
/// in memory (<see cref="KeyIndex.MaxIndexedKeys"/>), written to Azurite before the grain ever ran, whose old keys are
/// therefore only in storage: in the current format (key rows, a key filter in the snapshot) and in the older one
/// (no key rows, a snapshot without a filter), which is upgraded by its next append.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class JournalActivationKeyTests(ClusterFixture fixture)
{
    private static readonly int Entries = KeyIndex.MaxIndexedKeys + 150;

    private IGrainFactory Grains => fixture.Client;

    private TableClient Table => new(fixture.Storage.ConnectionString, fixture.Storage.TableName("Journals"), TableStorageOptions.CreateDefaultClientOptions());

    private AzureTableJournalStore Store => new(Table);

    [Fact]
    public async Task Keys_from_before_the_snapshot_are_found_by_look_up_and_new_keys_need_none()
    {
        var id = Ledger.Unique("region.keys");
        await StoredJournal.WriteAsync(Store, id, Entries);
        var grain = Grains.GetGrain<ILedgerGrain>(id);

        await AssertExactAsync(grain);
    }

    [Fact]
    public async Task A_journal_of_the_older_format_finds_its_old_keys_and_gets_a_snapshot_with_a_filter()
    {
        var id = Ledger.Unique("region.legacy");
        var journal = await StoredJournal.WriteAsync(Store, id, Entries);
        // The older format: no key rows, and a snapshot without the key filter.
        var table = Table;
        var keyRows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {"K"} and RowKey lt {"L"}"), select: ["PartitionKey", "RowKey"]))
        {
            keyRows.Add(row);
        }
        Assert.Equal(Entries, keyRows.Count);
        foreach (var chunk in keyRows.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r)));
        }
        var legacy = LedgerJson.Serialize(journal.ToState() with { KeyFilter = null });
        await table.UpsertEntityAsync(new TableEntity(id, "S") { ["Seq"] = (long)Entries, ["Chunks"] = 1, ["Snap0"] = legacy }, TableUpdateMode.Replace);
        var grain = Grains.GetGrain<ILedgerGrain>(id);

        await AssertExactAsync(grain);

        // The first append after the upgrade wrote a snapshot with the filter: the next activation reads no key.
        var snapshot = await table.GetEntityAsync<TableEntity>(id, "S");
        Assert.Contains("\"kf\":", snapshot.Value.GetString("Snap0") + snapshot.Value.GetString("Snap1") + snapshot.Value.GetString("Snap2"));
        await fixture.Cluster.DeactivateAsync((IAddressable)grain);
        await fixture.Cluster.WaitForDeactivationAsync((IAddressable)grain);
        var again = await grain.Execute(StoredJournal.Request(2));
        Assert.Equal(LedgerReplyStatus.Replayed, again.Status);
        Assert.Equal(2, again.Sequence);
    }

    // Every old key is a replay (the first, one in the middle, the last before the snapshot), other content under an
    // old key is a conflict, a reversal finds an old entry, and new keys commit.
    private static async Task AssertExactAsync(ILedgerGrain grain)
    {
        foreach (var i in new[] { 1, 2, Entries / 2, Entries - 1, Entries })
        {
            var replay = await grain.Execute(StoredJournal.Request(i));
            Assert.Equal(LedgerReplyStatus.Replayed, replay.Status);
            Assert.Equal(i, replay.Sequence);
        }
        var conflict = await grain.Execute(StoredJournal.Request(3, cents: 2));
        Assert.Equal("IdempotencyConflict", conflict.Rejection!.Code);
        Assert.Null(await grain.Check(StoredJournal.Request(4)));
        Assert.Equal("IdempotencyConflict", (await grain.Check(StoredJournal.Request(4, cents: 7)))!.Code);

        var fresh = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => grain.Execute(Ledger.Post($"new-{i}", ("expense:stored:x", 5), ("region:stored:funds", -5)))));
        Assert.All(fresh, r => Assert.Equal(LedgerReplyStatus.Committed, r.Status));
        var reversal = await grain.Execute(new LedgerRequest { Kind = LedgerRequestKind.Reverse, Key = "undo-old-7", ValueDate = Ledger.Day, EntryKey = "old-7" }, withEntry: true);
        Assert.Equal(LedgerReplyStatus.Committed, reversal.Status);
        Assert.Equal("old-7", reversal.Entry!.Reference);
        var balances = await grain.GetBalances();
        Assert.Equal(Entries - 1 + 60 * 5, balances.Single(b => b.Account == "expense:stored:x").PostedBalance);

        // A batch (the sagas' one append per journal) and its check find old keys the same way: a batch that repeats an old
        // entry replays it beside a new one, and one that reuses an old key for other content is refused whole.
        Assert.Null((await grain.CheckBatch([StoredJournal.Request(5), Ledger.Post("batch-new-1", ("expense:stored:x", 1), ("region:stored:funds", -1))])).RefusedIndex);
        var batch = await grain.ExecuteBatch([StoredJournal.Request(5), Ledger.Post("batch-new-1", ("expense:stored:x", 1), ("region:stored:funds", -1))]);
        Assert.Null(batch.RefusedIndex);
        Assert.Equal([LedgerReplyStatus.Replayed, LedgerReplyStatus.Committed], batch.Replies.Select(r => r.Status));
        Assert.Equal(5, batch.Replies[0].Sequence);
        var refused = await grain.ExecuteBatch([Ledger.Post("batch-new-2", ("expense:stored:x", 1), ("region:stored:funds", -1)), StoredJournal.Request(6, cents: 9)]);
        Assert.Equal(1, refused.RefusedIndex);
        Assert.Equal("IdempotencyConflict", refused.Rejection!.Code);
        Assert.Equal(0, (await grain.CheckBatch([StoredJournal.Request(6, cents: 9)])).RefusedIndex);
        Assert.Equal(Entries - 1 + 60 * 5 + 1, (await grain.GetBalances()).Single(b => b.Account == "expense:stored:x").PostedBalance);
    }
}
