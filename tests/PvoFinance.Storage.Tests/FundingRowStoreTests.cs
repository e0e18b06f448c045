using PvoFinance.Silo.Storage;
using PvoFinance.Storage;

namespace PvoFinance.Storage.Tests;

/// <summary>What every <see cref="IFundingRowStore"/> must do: point reads, replacing, removing, paging by id per kind, limits.</summary>
public abstract class FundingRowStoreContractTests
{
    protected abstract IFundingRowStore Store { get; }

    protected static string NewSource() => "src-" + Guid.NewGuid().ToString("N")[..12];

    protected static FundingRow Commitment(int i, bool made = true) =>
        new(FundingRowKind.Commitment, $"c-{i:D5}", "limburg", new Dictionary<int, long> { [2026] = i + 1, [2027] = 2 * i + 1 }, i % 2 == 0 ? "doel" : null, made);

    private async Task<List<FundingRow>> ReadAll(string source, FundingRowKind kind, int size)
    {
        var all = new List<FundingRow>();
        string? after = null;
        while (true)
        {
            var page = await Store.PageAsync(source, kind, after, size);
            Assert.True(page.Rows.Count <= size);
            all.AddRange(page.Rows);
            if (!page.More)
            {
                return all;
            }
            after = page.Rows[^1].Id;
        }
    }

    [Fact]
    public async Task A_row_is_read_back_by_id_with_its_content_and_replaced_whole()
    {
        var source = NewSource();
        Assert.Null(await Store.GetAsync(source, FundingRowKind.Commitment, "c-00001"));
        await Store.PutAsync(source, [Commitment(1, made: false) with { Region = "", Amounts = new Dictionary<int, long>(), RefusedAttempts = 2 }]);
        var refused = await Store.GetAsync(source, FundingRowKind.Commitment, "c-00001");
        Assert.Equal((false, 2), (refused!.Made, refused.RefusedAttempts));
        await Store.PutAsync(source, [Commitment(1)]);
        var read = await Store.GetAsync(source, FundingRowKind.Commitment, "c-00001");
        Assert.True(read!.SameAs(Commitment(1)), read.ToString());
        // The same id of the other kind is another row.
        Assert.Null(await Store.GetAsync(source, FundingRowKind.Payment, "c-00001"));
    }

    [Fact]
    public async Task Pages_hold_every_made_row_of_one_kind_once_by_id()
    {
        var source = NewSource();
        var rows = Enumerable.Range(0, 230).Select(i => Commitment(i, made: i % 10 != 3)).ToList();
        foreach (var batch in rows.Chunk(FundingRowLimits.MaxBatch))
        {
            await Store.PutAsync(source, batch);
        }
        await Store.PutAsync(source, [new FundingRow(FundingRowKind.Payment, "c-00005", "limburg", new Dictionary<int, long> { [2026] = 7 }, null)]);
        await Store.PutAsync(NewSource(), [Commitment(999)]);
        var all = await ReadAll(source, FundingRowKind.Commitment, 17);
        Assert.Equal(rows.Where(r => r.Made).Select(r => r.Id), all.Select(r => r.Id));
        Assert.All(all, r => Assert.True(r.SameAs(rows.Single(x => x.Id == r.Id))));
        var payments = await ReadAll(source, FundingRowKind.Payment, 200);
        Assert.Equal(7, Assert.Single(payments).Amounts[2026]);
    }

    [Fact]
    public async Task A_removed_row_is_gone_and_removing_it_again_is_harmless()
    {
        var source = NewSource();
        var payment = new FundingRow(FundingRowKind.Payment, "p1", "limburg", new Dictionary<int, long> { [2026] = 7 }, null);
        await Store.PutAsync(source, [payment]);
        await Store.DeleteAsync(source, FundingRowKind.Payment, "p1");
        Assert.Null(await Store.GetAsync(source, FundingRowKind.Payment, "p1"));
        await Store.DeleteAsync(source, FundingRowKind.Payment, "p1");
        Assert.Empty((await Store.PageAsync(source, FundingRowKind.Payment, null, 10)).Rows);
    }

    [Fact]
    public async Task Limits_are_refused()
    {
        var source = NewSource();
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PutAsync(source, [.. Enumerable.Range(0, FundingRowLimits.MaxBatch + 1).Select(i => Commitment(i))]));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PutAsync(source, [Commitment(1), Commitment(1)]));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PutAsync(source, [Commitment(1) with { Id = "a/b" }]));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PutAsync("Bad Source", [Commitment(1)]));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PageAsync(source, FundingRowKind.Commitment, null, FundingRowLimits.MaxPageSize + 1));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PageAsync(source, FundingRowKind.Commitment, null, 0));
    }
}

/// <summary>The funding-row contract on Azure Table storage (Azurite).</summary>
public sealed class AzureTableFundingRowStoreTests(AzuriteTableFixture table) : FundingRowStoreContractTests, IClassFixture<AzuriteTableFixture>
{
    private AzureTableFundingRowStore? _store;

    protected override IFundingRowStore Store => _store ??= new AzureTableFundingRowStore(table.CreateTableClient());

    [Fact]
    public async Task Limits_are_checked_before_any_IO()
    {
        // Nobody answers this endpoint: had the store sent a request, it would fail with a request error.
        var offline = new AzureTableFundingRowStore(
            StorageTestEnvironment.Options(StorageTestEnvironment.UnreachableConnectionString, "unreachable").CreateTableClient());
        await Assert.ThrowsAsync<ArgumentException>(() => offline.PutAsync(NewSource(), [.. Enumerable.Range(0, 101).Select(i => Commitment(i))]));
        await Assert.ThrowsAsync<ArgumentException>(() => offline.GetAsync(NewSource(), FundingRowKind.Commitment, "a?b"));
    }
}

/// <summary>The same contract in memory (Memory mode and fast tests).</summary>
public sealed class InMemoryFundingRowStoreTests : FundingRowStoreContractTests
{
    protected override IFundingRowStore Store { get; } = new InMemoryFundingRowStore();
}
