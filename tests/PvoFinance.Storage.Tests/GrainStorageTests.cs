using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using PvoFinance.Grains.Contracts;
using PvoFinance.Silo.Storage;

namespace PvoFinance.Storage.Tests;

/// <summary>
/// Conformance of the silo's grain storage (Orleans' Azure Table provider inside <see cref="ObservedGrainStorage"/>) against a real table endpoint, after the method list of
/// Orleans' grain storage test kit: reads of missing state, round trips, ETag rules, clears, size limits, races.
/// </summary>
public sealed class GrainStorageTests(AzuriteTableFixture table) : IClassFixture<AzuriteTableFixture>
{
    private const string StateName = "state";

    private Task<ObservedGrainStorage> CreateStorage() => PackageGrainStorage.StartAsync(table.ConnectionString, table.TableName);

    private static GrainId NewGrainId(string prefix = "g") => GrainId.Create("testgrain", $"{prefix}-{Guid.NewGuid():N}");

    private static GrainState<TestState> NewState(string name = "", int counter = 0) =>
        new(new TestState { Name = name, Counter = counter });

    private static async Task<GrainState<TestState>> ReadAsync(ObservedGrainStorage storage, GrainId id, string stateName = StateName)
    {
        var state = new GrainState<TestState>();
        await storage.ReadStateAsync(stateName, id, state);
        return state;
    }

    [Fact]
    public async Task Reading_missing_state_gives_a_fresh_state_without_record()
    {
        var state = await ReadAsync(await CreateStorage(), NewGrainId());
        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.NotNull(state.State);
        Assert.Equal(0, state.State!.Counter);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("Грант-№1 Кириллица")]
    [InlineData(@"slashes/back\hash#question?tilde~")]
    [InlineData("emoji-😀-ünïcödé")]
    public async Task Write_then_read_round_trips(string keyPart)
    {
        var storage = await CreateStorage();
        var id = NewGrainId(keyPart);
        var written = NewState("Фонд поддержки", 7);
        written.State!.Items = ["a", "б", "😀"];
        await storage.WriteStateAsync(StateName, id, written);
        Assert.True(written.RecordExists);
        Assert.NotNull(written.ETag);

        var read = await ReadAsync(storage, id);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("Фонд поддержки", read.State!.Name);
        Assert.Equal(7, read.State!.Counter);
        Assert.Equal(["a", "б", "😀"], read.State!.Items);
    }

    [Fact]
    public async Task Every_write_changes_the_ETag_even_with_the_same_values()
    {
        var storage = await CreateStorage();
        var id = NewGrainId();
        var state = NewState("same", 1);
        await storage.WriteStateAsync(StateName, id, state);
        var first = state.ETag;
        await storage.WriteStateAsync(StateName, id, state);
        var second = state.ETag;
        await storage.WriteStateAsync(StateName, id, state);
        Assert.Equal(3, new[] { first, second, state.ETag }.Distinct().Count());
        Assert.Equal(state.ETag, (await ReadAsync(storage, id)).ETag);
    }

    [Fact]
    public async Task Write_with_a_stale_ETag_is_refused_and_keeps_the_newer_state()
    {
        var storage = await CreateStorage();
        var id = NewGrainId();
        var state = NewState("v1", 1);
        await storage.WriteStateAsync(StateName, id, state);
        var stale = new GrainState<TestState>(new TestState { Name = "stale" }, state.ETag);
        state.State!.Name = "v2";
        await storage.WriteStateAsync(StateName, id, state);

        var e = await Assert.ThrowsAnyAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, id, stale));
        Assert.IsAssignableFrom<InconsistentStateException>(e);
        Assert.Equal("v2", (await ReadAsync(storage, id)).State!.Name);
    }

    [Fact]
    public async Task Duplicate_first_write_is_refused()
    {
        var storage = await CreateStorage();
        var id = NewGrainId();
        await storage.WriteStateAsync(StateName, id, NewState("first"));
        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, id, NewState("second")));
        Assert.Equal("first", (await ReadAsync(storage, id)).State!.Name);
    }

    [Fact]
    public async Task Write_after_someone_else_deleted_the_row_is_refused()
    {
        var storage = await CreateStorage();
        var id = NewGrainId();
        var mine = NewState("mine");
        await storage.WriteStateAsync(StateName, id, mine);
        var theirs = await ReadAsync(storage, id);
        await storage.ClearStateAsync(StateName, id, theirs);

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, id, mine));
        Assert.False((await ReadAsync(storage, id)).RecordExists);
    }

    [Fact]
    public async Task Clear_then_read_gives_no_record_and_a_write_recreates_it()
    {
        var storage = await CreateStorage();
        var id = NewGrainId();
        var state = NewState("to clear", 3);
        await storage.WriteStateAsync(StateName, id, state);
        await storage.ClearStateAsync(StateName, id, state);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.NotNull(state.State);
        Assert.Equal(0, state.State!.Counter);

        var read = await ReadAsync(storage, id);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);

        state.State!.Name = "again";
        await storage.WriteStateAsync(StateName, id, state);
        Assert.Equal("again", (await ReadAsync(storage, id)).State!.Name);
    }

    [Fact]
    public async Task Clear_with_a_stale_ETag_is_refused_and_does_not_delete_the_newer_state()
    {
        var storage = await CreateStorage();
        var id = NewGrainId();
        var state = NewState("v1");
        await storage.WriteStateAsync(StateName, id, state);
        var stale = new GrainState<TestState>(new TestState(), state.ETag);
        state.State!.Name = "v2";
        await storage.WriteStateAsync(StateName, id, state);

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, id, stale));
        var read = await ReadAsync(storage, id);
        Assert.True(read.RecordExists);
        Assert.Equal("v2", read.State!.Name);
    }

    [Fact]
    public async Task Clear_of_a_row_someone_else_deleted_is_a_conflict()
    {
        // The SDK answers this delete with a 404 response rather than an exception.
        var storage = await CreateStorage();
        var id = NewGrainId();
        var mine = NewState("mine");
        await storage.WriteStateAsync(StateName, id, mine);
        var theirs = await ReadAsync(storage, id);
        await storage.ClearStateAsync(StateName, id, theirs);

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, id, mine));
    }

    [Fact]
    public async Task Clear_before_any_write_is_a_no_op()
    {
        var storage = await CreateStorage();
        var id = NewGrainId();
        var state = NewState("never written", 5);
        await storage.ClearStateAsync(StateName, id, state);
        await storage.ClearStateAsync(StateName, id, state);
        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.NotNull(state.State);
        Assert.False((await ReadAsync(storage, id)).RecordExists);
    }

    [Fact]
    public async Task State_names_use_independent_rows()
    {
        var storage = await CreateStorage();
        var id = NewGrainId();
        var a = NewState("a");
        var b = NewState("b");
        await storage.WriteStateAsync("first", id, a);
        await storage.WriteStateAsync("second", id, b);
        await storage.ClearStateAsync("first", id, a);

        Assert.False((await ReadAsync(storage, id, "first")).RecordExists);
        Assert.Equal("b", (await ReadAsync(storage, id, "second")).State!.Name);
    }

    [Fact]
    public async Task Large_state_round_trips_across_several_chunks_and_shrinks_cleanly()
    {
        var storage = await CreateStorage();
        var id = NewGrainId();
        var blob = string.Concat(Enumerable.Range(0, 50_000).Select(i => (i % 10).ToString())) + new string('x', 450_000);
        var state = new GrainState<TestState>(new TestState { Name = "big", Blob = blob });
        await storage.WriteStateAsync(StateName, id, state);

        var rows = table.CreateTableClient();
        var entity = (await rows.GetEntityAsync<TableEntity>(PackageGrainStorage.PartitionKey(id), StateName)).Value;
        Assert.True(entity.ContainsKey("Data7"), "a ~500 KiB state should span at least 8 chunks");
        Assert.Equal(blob, (await ReadAsync(storage, id)).State!.Blob);

        // Replace, not merge: the chunks of the bigger state must not survive a smaller write.
        state.State!.Blob = "small";
        await storage.WriteStateAsync(StateName, id, state);
        Assert.Equal("small", (await ReadAsync(storage, id)).State!.Blob);
        entity = (await rows.GetEntityAsync<TableEntity>(PackageGrainStorage.PartitionKey(id), StateName)).Value;
        Assert.False(entity.ContainsKey("Data1"));
    }

    [Fact]
    public async Task Oversize_state_is_refused_for_good_and_nothing_is_stored()
    {
        var oversize = new GrainState<TestState>(new TestState { Blob = new string('x', 1_000_000) });
        var id = NewGrainId();
        var storage = await CreateStorage();
        // A permanent refusal in the service's words, never a storage error that reads like a fault of the moment.
        var e = await Assert.ThrowsAsync<StorageRefusedException>(() => storage.WriteStateAsync(StateName, id, oversize));
        Assert.Contains("983,040", e.Message);
        Assert.Contains(StateName, e.Message);
        Assert.Contains("Retrying cannot help", e.Message);
        Assert.False((await ReadAsync(storage, id)).RecordExists);
    }

    [Fact]
    public async Task Of_concurrent_writes_with_the_same_ETag_exactly_one_wins()
    {
        var storage = await CreateStorage();
        var id = NewGrainId();
        var initial = NewState("initial");
        await storage.WriteStateAsync(StateName, id, initial);

        var writers = Enumerable.Range(0, 8).Select(i => new GrainState<TestState>(new TestState { Name = $"writer {i}" }, initial.ETag)).ToArray();
        var outcomes = await Task.WhenAll(writers.Select(w => Attempt(() => storage.WriteStateAsync(StateName, id, w))));

        Assert.Single(outcomes, o => o is null);
        Assert.All(outcomes.Where(o => o is not null), o => Assert.IsAssignableFrom<InconsistentStateException>(o));
        var winner = writers[Array.IndexOf(outcomes, null)];
        var read = await ReadAsync(storage, id);
        Assert.Equal(winner.State!.Name, read.State!.Name);
        Assert.Equal(winner.ETag, read.ETag);
    }

    [Fact]
    public async Task Of_concurrent_first_writes_exactly_one_wins()
    {
        var storage = await CreateStorage();
        var id = NewGrainId();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Attempt(() => storage.WriteStateAsync(StateName, id, NewState($"w{i}")))));
        Assert.Single(outcomes, o => o is null);
        Assert.All(outcomes.Where(o => o is not null), o => Assert.IsAssignableFrom<InconsistentStateException>(o));
    }

    private static async Task<Exception?> Attempt(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
