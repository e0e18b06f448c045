using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using PvoFinance.Silo.Storage;

namespace PvoFinance.Storage.Tests;

/// <summary>
/// Issue 14: <see cref="IJournalStore.FindKeyAsync"/> on Azurite. A key has its own row (one point read); records
/// stored before key rows existed are found by a query of them; a key no record has is null, also in a long journal.
/// </summary>
public sealed class JournalKeyLookupTests(AzuriteTableFixture table) : IClassFixture<AzuriteTableFixture>
{
    private AzureTableJournalStore Store => new(table.CreateTableClient());

    private static JournalRecord Record(long sequence, string key) =>
        new(sequence, key, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), $"{{\"entry\":{sequence}}}");

    private async Task<string> WriteAsync(string id, int count, Func<int, string> key)
    {
        string? etag = null;
        for (var first = 1; first <= count; first += JournalLimits.MaxRecordsPerAppend)
        {
            var records = Enumerable.Range(first, Math.Min(JournalLimits.MaxRecordsPerAppend, count - first + 1)).Select(i => Record(i, key(i))).ToList();
            etag = await Store.AppendAsync(id, first - 1, etag, records, null);
        }
        return etag!;
    }

    [Fact]
    public async Task Every_key_is_one_point_read_away_and_an_unused_key_is_null()
    {
        var id = "journal-" + Guid.NewGuid().ToString("N");
        await WriteAsync(id, 300, i => $"key-{i}");

        foreach (var i in new[] { 1, 49, 50, 150, 300 })
        {
            Assert.Equal(new JournalKey(i, $"key-{i}", Record(i, $"key-{i}").ContentHash), await Store.FindKeyAsync(id, $"key-{i}", 0));
        }
        Assert.Null(await Store.FindKeyAsync(id, "key-301", 0));
        Assert.Null(await Store.FindKeyAsync("journal-" + Guid.NewGuid().ToString("N"), "key-1", 0));
        // The in-memory store answers the same.
        var memory = new InMemoryJournalStore();
        await memory.AppendAsync(id, 0, null, [Record(1, "key-1")], null);
        Assert.Equal(await Store.FindKeyAsync(id, "key-1", 0), await memory.FindKeyAsync(id, "key-1", 0));
        Assert.Null(await memory.FindKeyAsync(id, "key-2", 0));
    }

    [Fact]
    public async Task Records_stored_before_key_rows_existed_are_found_by_a_query_of_them()
    {
        var id = "journal-" + Guid.NewGuid().ToString("N");
        await WriteAsync(id, 120, i => $"old-{i}");
        // The older format had no key rows.
        var client = table.CreateTableClient();
        var keyRows = new List<TableEntity>();
        await foreach (var row in client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {"K"} and RowKey lt {"L"}")))
        {
            keyRows.Add(row);
        }
        Assert.Equal(120, keyRows.Count);
        foreach (var chunk in keyRows.Chunk(100))
        {
            await client.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r)));
        }

        Assert.Null(await Store.FindKeyAsync(id, "old-77", 0));
        Assert.Equal(77, (await Store.FindKeyAsync(id, "old-77", 120))!.Sequence);
        Assert.Equal(120, (await Store.FindKeyAsync(id, "old-120", 120))!.Sequence);
        // Only the records up to the boundary are queried: those after it have key rows.
        Assert.Null(await Store.FindKeyAsync(id, "old-120", 119));
        Assert.Null(await Store.FindKeyAsync(id, "never", 120));
    }

    [Fact]
    public async Task A_key_that_cannot_be_a_row_key_as_it_is_is_still_found()
    {
        var id = "journal-" + Guid.NewGuid().ToString("N");
        string[] keys = ["a/b", "c#d", "e?f", "g\\h", "with space", "ü-é"];
        await Store.AppendAsync(id, 0, null, [.. keys.Select((k, i) => Record(i + 1, k))], null);
        for (var i = 0; i < keys.Length; i++)
        {
            Assert.Equal(i + 1, (await Store.FindKeyAsync(id, keys[i], 0))!.Sequence);
        }
        Assert.Null(await Store.FindKeyAsync(id, "a/c", 0));
    }
}
