using Azure.Data.Tables;
using PvoFinance.Silo.Storage;

namespace PvoFinance.Storage.Tests;

/// <summary>
/// The limits Azurite does not enforce (oversize entities, too many properties, cross-partition
/// transactions) must be refused by our own checks. No storage needed.
/// </summary>
public sealed class AzureTableLimitsTests
{
    private static TableEntity EntityWithBinaryChunks(int chunks, int bytesEach, string pk = "p", string rk = "r")
    {
        var entity = new TableEntity(pk, rk);
        for (var i = 0; i < chunks; i++)
        {
            entity[$"Data{i}"] = new byte[bytesEach];
        }
        return entity;
    }

    [Fact]
    public void Entity_over_1_MiB_is_refused()
    {
        // 17 × 64,000 B ≈ 1.04 MiB: Azurite stores this, Azure refuses it.
        var e = Assert.Throws<AzureTableLimitException>(() => AzureTableLimits.CheckEntity(EntityWithBinaryChunks(17, 64_000)));
        Assert.Contains("at most 1,048,576", e.Message);
    }

    [Fact]
    public void Entity_of_15_full_chunks_is_accepted()
    {
        var entity = EntityWithBinaryChunks(15, AzureTableLimits.MaxBinaryPropertyBytes);
        AzureTableLimits.CheckEntity(entity);
        Assert.InRange(AzureTableLimits.EstimateEntityBytes(entity), 15 * 65_536, AzureTableLimits.MaxEntityBytes);
    }

    [Fact]
    public void More_than_252_custom_properties_are_refused()
    {
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 252; i++)
        {
            entity[$"P{i}"] = i;
        }
        AzureTableLimits.CheckEntity(entity);
        entity["P252"] = 252;
        var e = Assert.Throws<AzureTableLimitException>(() => AzureTableLimits.CheckEntity(entity));
        Assert.Contains("253 properties", e.Message);
    }

    [Fact]
    public void Oversize_properties_are_refused()
    {
        AzureTableLimits.CheckEntity(new TableEntity("p", "r") { ["S"] = new string('x', 32_768), ["B"] = new byte[65_536] });
        Assert.Throws<AzureTableLimitException>(() => AzureTableLimits.CheckEntity(new TableEntity("p", "r") { ["S"] = new string('x', 32_769) }));
        Assert.Throws<AzureTableLimitException>(() => AzureTableLimits.CheckEntity(new TableEntity("p", "r") { ["B"] = new byte[65_537] }));
        Assert.Throws<AzureTableLimitException>(() => AzureTableLimits.CheckEntity(new TableEntity("p", "r") { ["B"] = BinaryData.FromBytes(new byte[65_537]) }));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData(@"a\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\u0001b")]
    [InlineData("a\u007fb")]
    public void Forbidden_key_characters_are_refused(string key)
    {
        Assert.Throws<AzureTableLimitException>(() => AzureTableLimits.CheckKey(key, "RowKey"));
        Assert.Throws<AzureTableLimitException>(() => AzureTableLimits.CheckEntity(new TableEntity(key, "r")));
    }

    [Fact]
    public void Keys_over_512_chars_are_refused()
    {
        AzureTableLimits.CheckKey(new string('k', 512), "PartitionKey");
        Assert.Throws<AzureTableLimitException>(() => AzureTableLimits.CheckKey(new string('k', 513), "PartitionKey"));
    }

    private static TableTransactionAction Add(string pk, string rk) => new(TableTransactionActionType.Add, new TableEntity(pk, rk) { ["V"] = 1 });

    [Fact]
    public void Transaction_of_100_operations_is_accepted_and_101_refused()
    {
        var actions = Enumerable.Range(0, 100).Select(i => Add("p", $"r{i}")).ToList();
        AzureTableLimits.CheckTransaction(actions);
        actions.Add(Add("p", "r100"));
        var e = Assert.Throws<AzureTableLimitException>(() => AzureTableLimits.CheckTransaction(actions));
        Assert.Contains("101 operations", e.Message);
    }

    [Fact]
    public void Transaction_across_partitions_is_refused()
    {
        // Azurite commits this; Azure refuses it.
        var e = Assert.Throws<AzureTableLimitException>(() => AzureTableLimits.CheckTransaction([Add("p1", "r"), Add("p2", "r")]));
        Assert.Contains("spans partitions", e.Message);
    }

    [Fact]
    public void Transaction_touching_a_row_twice_is_refused() =>
        Assert.Throws<AzureTableLimitException>(() => AzureTableLimits.CheckTransaction([Add("p", "r"), Add("p", "r")]));

    [Fact]
    public void Empty_transaction_is_refused() =>
        Assert.Throws<AzureTableLimitException>(() => AzureTableLimits.CheckTransaction([]));

    [Fact]
    public void Transaction_payload_of_4_MiB_or_more_is_refused()
    {
        // Each entity is legal (≈ 960 KiB) but base64 makes each ≈ 1.3 MB on the wire; four of them pass 4 MiB.
        var actions = Enumerable.Range(0, 4)
            .Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, EntityWithBinaryChunks(15, 64_000, "p", $"r{i}")))
            .ToList();
        var e = Assert.Throws<AzureTableLimitException>(() => AzureTableLimits.CheckTransaction(actions));
        Assert.Contains("less than 4,194,304", e.Message);
        AzureTableLimits.CheckTransaction(actions.Take(2).ToList());
    }

    [Fact]
    public void Transaction_estimate_counts_escaped_strings()
    {
        var ascii = new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "r") { ["S"] = new string('a', 30_000) });
        var cyrillic = new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "r") { ["S"] = new string('ж', 30_000) });
        Assert.True(AzureTableLimits.EstimateTransactionBytes([cyrillic]) > AzureTableLimits.EstimateTransactionBytes([ascii]) + 5 * 30_000 - 1);
    }
}
