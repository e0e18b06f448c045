using PvoFinance.Applications;
using PvoFinance.Silo.Storage;

namespace PvoFinance.Storage.Tests;

/// <summary>What every <see cref="IApplicationHistoryStore"/> must do: ranges in order, rewrites replace, answers by key, limits.</summary>
public abstract class ApplicationHistoryStoreContractTests
{
    protected abstract IApplicationHistoryStore Store { get; }

    private static string NewApp() => "a" + Guid.NewGuid().ToString("N")[..10];

    private static HistoryEntry Entry(int sequence, string reason) =>
        ApplicationStateBudget.WorstEntry(sequence, withText: true, effects: 2) with { Reason = reason };

    [Fact]
    public async Task Ranges_come_back_in_order_and_a_rewrite_replaces_the_row()
    {
        var app = NewApp();
        await Store.WriteAsync(app, [.. Enumerable.Range(1, 100).Select(s => Entry(s, $"r{s}"))]);
        await Store.WriteAsync(app, [.. Enumerable.Range(101, 30).Select(s => Entry(s, $"r{s}"))]);
        var all = await Store.ReadAsync(app, 1, 130);
        Assert.Equal(Enumerable.Range(1, 130), all.Select(e => e.Sequence));
        Assert.Equal(Entry(7, "r7").Reason, all[6].Reason);
        Assert.Equal(2, all[6].Effects.Count);
        Assert.Equal([9, 10, 11], (await Store.ReadAsync(app, 9, 11)).Select(e => e.Sequence));

        await Store.WriteAsync(app, [Entry(10, "again")]);
        Assert.Equal("again", Assert.Single(await Store.ReadAsync(app, 10, 10)).Reason);
        Assert.Empty(await Store.ReadAsync(NewApp(), 1, 10));
        Assert.Empty(await Store.ReadAsync(app, 131, 140));
    }

    [Fact]
    public async Task Answers_are_kept_by_key_beside_the_entries_and_not_read_as_entries()
    {
        var app = NewApp();
        var key = "sleutel/met#vreemde?tekens\\" + new string('x', 150);
        await Store.WriteAsync(app, [Entry(1, "r1")], [new StoredReply(key, "fp", 1, 200, "{\"history\":[]}", 50)]);
        Assert.Equal(new StoredReply(key, "fp", 1, 200, "{\"history\":[]}", 50), await Store.ReadReplyAsync(app, key));
        Assert.Null(await Store.ReadReplyAsync(app, "other"));
        Assert.Single(await Store.ReadAsync(app, 1, ApplicationHistoryLimits.MaxRead));
    }

    [Fact]
    public async Task Out_of_bounds_requests_are_refused()
    {
        var app = NewApp();
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteAsync(app, [.. Enumerable.Range(1, 101).Select(s => Entry(s, "x"))]));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteAsync(app, [Entry(0, "x")]));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteAsync("Not/An/Id", [Entry(1, "x")]));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteAsync(app, [], [new StoredReply("k", "fp", 1, 200, new string('x', ApplicationHistoryLimits.MaxReplyChars + 1), 50)]));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ReadAsync(app, 1, ApplicationHistoryLimits.MaxRead + 1));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ReadReplyAsync(app, new string('k', ApplicationHistoryLimits.MaxKeyLength + 1)));
    }
}

/// <summary>The contract on Azurite.</summary>
public sealed class AzureTableApplicationHistoryStoreTests(AzuriteTableFixture table) : ApplicationHistoryStoreContractTests, IClassFixture<AzuriteTableFixture>
{
    private AzureTableApplicationHistoryStore? _store;

    /// <inheritdoc />
    protected override IApplicationHistoryStore Store => _store ??= new AzureTableApplicationHistoryStore(table.CreateTableClient());
}

/// <summary>The contract in memory.</summary>
public sealed class InMemoryApplicationHistoryStoreTests : ApplicationHistoryStoreContractTests
{
    /// <inheritdoc />
    protected override IApplicationHistoryStore Store { get; } = new InMemoryApplicationHistoryStore();
}
