using Azure.Data.Tables;
using PvoFinance.Silo.Storage;

namespace PvoFinance.Storage.Tests;

/// <summary>The journal contract on Azure Table storage (Azurite), plus checks of the table layout itself.</summary>
public sealed class AzureTableJournalStoreTests(AzuriteTableFixture table) : JournalStoreContractTests, IClassFixture<AzuriteTableFixture>
{
    private AzureTableJournalStore? _store;

    protected override IJournalStore Store => _store ??= new AzureTableJournalStore(table.CreateTableClient());

    [Fact]
    public async Task Limits_are_checked_before_any_IO()
    {
        // Nobody answers this endpoint: had the store sent a request, it would fail with a request error.
        var offline = new AzureTableJournalStore(
            StorageTestEnvironment.Options(StorageTestEnvironment.UnreachableConnectionString, "unreachable").CreateTableClient());
        var id = NewJournalId();
        await Assert.ThrowsAsync<JournalLimitException>(() => offline.AppendAsync(id, 0, null, Records(1, JournalLimits.MaxRecordsPerAppend + 1), null));
        await Assert.ThrowsAsync<JournalLimitException>(() => offline.AppendAsync(id, 0, null, [Record(2)], null));
        await Assert.ThrowsAsync<JournalLimitException>(() => offline.AppendAsync(id, 0, null, [Record(1, payload: new string('x', JournalLimits.MaxPayloadChars + 1))], null));
        await Assert.ThrowsAsync<JournalLimitException>(() => offline.AppendAsync(id, 0, null, [], new JournalSnapshotRecord(0, new string('ж', JournalLimits.MaxSnapshotChars))));
        // An ETag that does not match the expected version is a conflict we can see without asking.
        await Assert.ThrowsAsync<JournalConflictException>(() => offline.AppendAsync(id, 2, "1:W/\"x\"", [Record(3)], null));
    }

    [Fact]
    public async Task An_append_writes_one_partition_of_header_record_and_snapshot_rows()
    {
        var id = NewJournalId();
        var records = Records(1, 2);
        await Store.AppendAsync(id, 0, null, records, new JournalSnapshotRecord(2, "{\"s\":1}"));

        var client = table.CreateTableClient();
        var rows = new List<TableEntity>();
        await foreach (var row in client.QueryAsync<TableEntity>(e => e.PartitionKey == id))
        {
            rows.Add(row);
        }
        var keys = rows.Select(r => r.RowKey).ToList();
        // Issue 14: each record's idempotency key has its own row, found by one point read.
        Assert.Equal(["E0000000000000000001", "E0000000000000000002", "H", "Kkey-1", "Kkey-2", "S"], keys);

        var header = rows.Single(r => r.RowKey == "H");
        Assert.Equal(2, header.GetInt64("Version"));
        Assert.Equal(2, header.GetInt64("SnapshotSeq"));
        var first = rows[0];
        Assert.Equal(records[0].IdempotencyKey, first.GetString("Key"));
        // Issue 15: each fact once, the content hash as its 32 bytes; the key row's key is its row key.
        Assert.Equal(Convert.FromHexString(records[0].ContentHash), first.GetBinary("ContentHash"));
        Assert.Equal(records[0].Payload, first.GetString("Payload"));
        var keyRow = rows.Single(r => r.RowKey == "Kkey-1");
        Assert.Equal(1L, keyRow.GetInt64("Seq"));
        Assert.Equal(Convert.FromHexString(records[0].ContentHash), keyRow.GetBinary("ContentHash"));
        Assert.False(keyRow.ContainsKey("Key"));
    }

    [Fact]
    public async Task Rows_written_in_the_older_form_read_as_they_were_appended()
    {
        // The rows before issue 15: the content hash as hex text, and a Key column in every key row.
        var id = NewJournalId();
        var records = Records(1, 3);
        var client = table.CreateTableClient();
        await client.CreateIfNotExistsAsync();
        var rows = new List<TableEntity> { new(id, "H") { ["Version"] = 3L } };
        foreach (var r in records)
        {
            rows.Add(new TableEntity(id, $"E{r.Sequence:D19}") { ["Key"] = r.IdempotencyKey, ["ContentHash"] = r.ContentHash, ["Payload"] = r.Payload });
            rows.Add(new TableEntity(id, $"K{r.IdempotencyKey}") { ["Seq"] = r.Sequence, ["Key"] = r.IdempotencyKey, ["ContentHash"] = r.ContentHash });
        }
        await client.SubmitTransactionAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)));

        Assert.Equal(records, await AllRecords(id));
        Assert.Equal(records[1], await Store.ReadRecordAsync(id, 2));
        Assert.Equal(new JournalKey(2, "key-2", records[1].ContentHash), await Store.FindKeyAsync(id, "key-2", 0));
        Assert.Equal(records.Select(r => new JournalKey(r.Sequence, r.IdempotencyKey, r.ContentHash)), await AllKeys(id));

        // The next append writes the new form beside them; both read back exactly.
        var head = await Store.ReadHeadAsync(id);
        var next = Record(4);
        await Store.AppendAsync(id, 3, head.ETag, [next], null);
        Assert.Equal([.. records, next], await AllRecords(id));
        Assert.Equal(new JournalKey(4, "key-4", next.ContentHash), await Store.FindKeyAsync(id, "key-4", 0));
    }

    [Fact]
    public async Task An_append_that_fails_on_a_later_row_undoes_the_header_and_every_row()
    {
        var id = NewJournalId();
        var etag = await Store.AppendAsync(id, 0, null, Records(1, 2), new JournalSnapshotRecord(2, "{\"balance\":2}"));
        var head = await Store.ReadHeadAsync(id);
        var records = await AllRecords(id);
        // A stray row where entry 4 would go: the transaction's header update, record 3 and snapshot come
        // first, then the Add of record 4 fails — Azure must undo all of it.
        var client = table.CreateTableClient();
        await client.AddEntityAsync(new TableEntity(id, "E0000000000000000004") { ["Payload"] = "stray" });

        await Assert.ThrowsAsync<JournalConflictException>(() => Store.AppendAsync(
            id, 2, etag, [Record(3, "fresh-3"), Record(4, "fresh-4")], new JournalSnapshotRecord(4, "{\"balance\":4}")));

        Assert.Equal(head, await Store.ReadHeadAsync(id));
        Assert.Null(await Store.ReadRecordAsync(id, 3));
        Assert.Equal(records, (await AllRecords(id)).Take(2));
    }

    [Fact]
    public async Task InitializeAsync_creates_the_table()
    {
        var options = StorageTestEnvironment.Options(table.ConnectionString, StorageTestEnvironment.UniqueTableName("pvoinit"));
        var store = new AzureTableJournalStore(options);
        await store.InitializeAsync();
        var client = options.CreateTableClient();
        try
        {
            Assert.Equal(new JournalHead(0, null, null), await store.ReadHeadAsync("any"));
        }
        finally
        {
            await client.DeleteAsync();
        }
    }
}
