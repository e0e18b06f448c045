using PvoFinance.Silo.Storage;

namespace PvoFinance.Storage.Tests;

/// <summary>What every <see cref="IApplicationListStore"/> must do: paging, filters, newer-sequence-wins, batches.</summary>
public abstract class ApplicationListStoreContractTests
{
    protected abstract IApplicationListStore Store { get; }

    protected static string NewRegion() => "r" + Guid.NewGuid().ToString("N")[..10];

    protected static ApplicationListRow Row(string region, int n, int sequence = 1, string state = "Draft", string source = "src-a", string? nextDue = null) =>
        new($"app-{n:D5}", region, source, "national", state, null, $"Titel {n}", "100.00", "0.00", sequence, nextDue, "{}");

    private async Task<List<ApplicationListRow>> ReadAll(ApplicationListQuery query)
    {
        var all = new List<ApplicationListRow>();
        var pages = 0;
        while (true)
        {
            var page = await Store.QueryAsync(query);
            Assert.True(page.Rows.Count <= query.Max);
            all.AddRange(page.Rows);
            pages++;
            if (!page.More)
            {
                return all;
            }
            Assert.Equal(query.Max, page.Rows.Count);
            query = query with { AfterId = page.Rows[^1].Id };
            Assert.True(pages < 1000, "paging does not end");
        }
    }

    [Fact]
    public async Task Pages_return_every_row_once_in_id_order()
    {
        var region = NewRegion();
        var rows = Enumerable.Range(0, 250).Select(i => Row(region, i)).ToList();
        foreach (var chunk in rows.Chunk(ApplicationListLimits.MaxBatch))
        {
            Assert.Equal(new ApplicationListWriteResult(chunk.Length, 0), await Store.UpsertAsync(region, chunk));
        }
        var first = await Store.QueryAsync(new ApplicationListQuery(region, null, null, null, null, 40));
        Assert.True(first.More);
        Assert.Equal(rows.Take(40).Select(r => r.Id), first.Rows.Select(r => r.Id));
        var all = await ReadAll(new ApplicationListQuery(region, null, null, null, null, 40));
        Assert.Equal(rows.Select(r => r.Id), all.Select(r => r.Id));
        Assert.Equal(rows[17], all[17]);
        // Another region's partition is separate.
        Assert.Empty((await Store.QueryAsync(new ApplicationListQuery(NewRegion(), null, null, null, null, 10))).Rows);
    }

    [Fact]
    public async Task Filters_on_state_source_and_due_date_combine()
    {
        var region = NewRegion();
        await Store.UpsertAsync(region,
        [
            Row(region, 1, state: "Draft", source: "src-a", nextDue: "2026-01-10"),
            Row(region, 2, state: "Submitted", source: "src-a", nextDue: "2026-03-01"),
            Row(region, 3, state: "Submitted", source: "src-b", nextDue: "2026-01-05"),
            Row(region, 4, state: "Submitted", source: "src-a"),
        ]);
        async Task<string[]> Ids(string? state, string? source, string? due) =>
            [.. (await ReadAll(new ApplicationListQuery(region, state, source, due, null, 2))).Select(r => r.Id)];
        Assert.Equal(["app-00002", "app-00003", "app-00004"], await Ids("Submitted", null, null));
        Assert.Equal(["app-00001", "app-00002", "app-00004"], await Ids(null, "src-a", null));
        Assert.Equal(["app-00002", "app-00004"], await Ids("Submitted", "src-a", null));
        // A row with no running date is never due.
        Assert.Equal(["app-00001", "app-00003"], await Ids(null, null, "2026-01-10"));
        Assert.Equal(["app-00003"], await Ids("Submitted", null, "2026-02-28"));
    }

    [Fact]
    public async Task Only_a_newer_sequence_replaces_a_row()
    {
        var region = NewRegion();
        await Store.UpsertAsync(region, [Row(region, 1, sequence: 3, state: "Submitted")]);
        Assert.Equal(new ApplicationListWriteResult(0, 1), await Store.UpsertAsync(region, [Row(region, 1, sequence: 2, state: "Draft")]));
        Assert.Equal(new ApplicationListWriteResult(0, 1), await Store.UpsertAsync(region, [Row(region, 1, sequence: 3, state: "Draft")]));
        Assert.Equal("Submitted", (await Store.GetAsync(region, "app-00001"))!.State);
        // In a mixed batch the newer rows are written and the older ones left alone.
        var result = await Store.UpsertAsync(region, [Row(region, 1, sequence: 4, state: "InReview"), Row(region, 2, sequence: 1)]);
        Assert.Equal(new ApplicationListWriteResult(2, 0), result);
        Assert.Equal("InReview", (await Store.GetAsync(region, "app-00001"))!.State);
        Assert.Equal(4, (await Store.GetAsync(region, "app-00001"))!.Sequence);
        Assert.Null(await Store.GetAsync(region, "app-99999"));
    }

    [Fact]
    public async Task A_full_batch_of_a_hundred_is_one_write_and_a_bigger_one_is_refused()
    {
        var region = NewRegion();
        var rows = Enumerable.Range(0, ApplicationListLimits.MaxBatch).Select(i => Row(region, i)).ToList();
        Assert.Equal(new ApplicationListWriteResult(100, 0), await Store.UpsertAsync(region, rows));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.UpsertAsync(region, [.. rows, Row(region, 100)]));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.UpsertAsync(region, [Row(region, 1), Row(region, 1, sequence: 2)]));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.UpsertAsync(region, [Row(NewRegion(), 1)]));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.UpsertAsync(region, [Row(region, 1) with { Title = new string('x', ApplicationListLimits.MaxColumnChars + 1) }]));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.QueryAsync(new ApplicationListQuery(region, null, null, null, null, ApplicationListLimits.MaxPageSize + 1)));
        Assert.Equal(100, (await ReadAll(new ApplicationListQuery(region, null, null, null, null, ApplicationListLimits.MaxPageSize))).Count);
    }
}

/// <summary>The list-store contract on Azure Table storage (Azurite).</summary>
public sealed class AzureTableApplicationListStoreTests(AzuriteTableFixture table) : ApplicationListStoreContractTests, IClassFixture<AzuriteTableFixture>
{
    private AzureTableApplicationListStore? _store;

    protected override IApplicationListStore Store => _store ??= new AzureTableApplicationListStore(table.CreateTableClient());

    [Fact]
    public async Task Limits_are_checked_before_any_IO()
    {
        // Nobody answers this endpoint: had the store sent a request, it would fail with a request error.
        var offline = new AzureTableApplicationListStore(
            StorageTestEnvironment.Options(StorageTestEnvironment.UnreachableConnectionString, "unreachable").CreateTableClient());
        var region = NewRegion();
        await Assert.ThrowsAsync<ArgumentException>(() => offline.UpsertAsync(region, [.. Enumerable.Range(0, 101).Select(i => Row(region, i))]));
        await Assert.ThrowsAsync<ArgumentException>(() => offline.UpsertAsync(region, [Row(region, 1) with { Id = "a/b" }]));
    }

    [Fact]
    public async Task A_row_another_writer_moved_on_is_not_replaced_by_an_older_sequence_from_memory()
    {
        // Two stores over one table: each remembers the sequence and ETag of the rows it wrote, and skips the read
        // before its next write of them. The other's write makes that memory stale; the stale ETag must be refused
        // and the row read again, so an older sequence never replaces a newer one.
        var first = new AzureTableApplicationListStore(table.CreateTableClient());
        var second = new AzureTableApplicationListStore(table.CreateTableClient());
        var region = NewRegion();
        Assert.Equal(new ApplicationListWriteResult(1, 0), await first.UpsertAsync(region, [Row(region, 1, sequence: 1)]));
        Assert.Equal(new ApplicationListWriteResult(1, 0), await second.UpsertAsync(region, [Row(region, 1, sequence: 5, state: "Granted")]));
        Assert.Equal(new ApplicationListWriteResult(0, 1), await first.UpsertAsync(region, [Row(region, 1, sequence: 3, state: "Submitted")]));
        Assert.Equal("Granted", (await first.GetAsync(region, "app-00001"))!.State);
        Assert.Equal(new ApplicationListWriteResult(1, 0), await first.UpsertAsync(region, [Row(region, 1, sequence: 7, state: "Paid")]));
        Assert.Equal(new ApplicationListWriteResult(1, 0), await first.UpsertAsync(region, [Row(region, 1, sequence: 8, state: "Closed")]));
        var stored = (await second.GetAsync(region, "app-00001"))!;
        Assert.Equal(("Closed", 8), (stored.State, stored.Sequence));
        // The second store's memory (sequence 5) is stale too: its older and newer writes are judged against storage.
        Assert.Equal(new ApplicationListWriteResult(0, 1), await second.UpsertAsync(region, [Row(region, 1, sequence: 6, state: "Submitted")]));
        Assert.Equal(new ApplicationListWriteResult(1, 0), await second.UpsertAsync(region, [Row(region, 1, sequence: 9, state: "Archived")]));
        Assert.Equal("Archived", (await first.GetAsync(region, "app-00001"))!.State);
    }
}

/// <summary>The same contract in memory (Memory mode and fast tests).</summary>
public sealed class InMemoryApplicationListStoreTests : ApplicationListStoreContractTests
{
    protected override IApplicationListStore Store { get; } = new InMemoryApplicationListStore();
}
