using System.Diagnostics.Metrics;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Orleans.Storage;
using Orleans.TestingHost;
using PvoFinance.Access;
using PvoFinance.Funding;
using PvoFinance.Grains;
using PvoFinance.Grains.Applications;
using PvoFinance.Grains.Funding;
using PvoFinance.Silo.Hosting;
using PvoFinance.Storage;
using PvoFinance.Telemetry;

namespace PvoFinance.Cluster.Tests;

/// <summary>Makes the list store's next writes of one region fail, as a storage outage would.</summary>
public sealed class ListWriteFaults
{
    private string? _region;
    private int _remaining;

    /// <summary>The next <paramref name="count"/> batches of <paramref name="region"/> fail before reaching storage.</summary>
    public void Fail(string region, int count)
    {
        Volatile.Write(ref _remaining, count);
        Volatile.Write(ref _region, region);
    }

    private TaskCompletionSource? _gate;
    private string? _blocked;

    /// <summary>Signalled when a write of the blocked region is being held.</summary>
    public TaskCompletionSource Held { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Holds every write of <paramref name="region"/> until <see cref="Release"/>, as a very slow storage would.</summary>
    public void Block(string region)
    {
        Held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _blocked, region);
    }

    /// <summary>Lets the held writes go on.</summary>
    public void Release()
    {
        Volatile.Write(ref _blocked, null);
        _gate?.TrySetResult();
    }

    internal bool TryTrip(string region) => Volatile.Read(ref _region) == region && Interlocked.Decrement(ref _remaining) >= 0;

    internal Task Hold(string region)
    {
        if (Volatile.Read(ref _blocked) != region || _gate is not { } gate)
        {
            return Task.CompletedTask;
        }
        Held.TrySetResult();
        return gate.Task;
    }
}

internal sealed class FaultyApplicationListStore(IApplicationListStore inner, ListWriteFaults faults) : IApplicationListStore
{
    public async Task<ApplicationListWriteResult> UpsertAsync(string region, IReadOnlyList<ApplicationListRow> rows, CancellationToken cancellationToken = default)
    {
        await faults.Hold(region);
        return faults.TryTrip(region)
            ? throw new InjectedStorageFault($"Injected: the list write of {rows.Count} rows of {region} failed.")
            : await inner.UpsertAsync(region, rows, cancellationToken);
    }

    public Task<ApplicationListPage> QueryAsync(ApplicationListQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

    public Task<ApplicationListRow?> GetAsync(string region, string id, CancellationToken cancellationToken = default) => inner.GetAsync(region, id, cancellationToken);
}

/// <summary>Two real silos on Azurite whose list store fails on demand.</summary>
public sealed class ApplicationListClusterFixture : IAsyncLifetime
{
    /// <summary>The running cluster.</summary>
    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The storage the silos use.</summary>
    public StorageSettings Storage { get; } = new("AzureTable", ClusterFixture.ConnectionString(), "l" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The switch for failing list writes.</summary>
    public ListWriteFaults Faults { get; } = new();

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var faults = Faults;
        Cluster = await TestSilos.StartAsync(Storage, SystemClock.Instance, silo => silo.Services.Wrap<IApplicationListStore>(inner => new FaultyApplicationListStore(inner, faults)));
    }

    /// <inheritdoc />
    public Task DisposeAsync() => TestSilos.StopAsync(Cluster);
}

/// <summary>
/// The regions' lists as rows: many drafts in one region are all accepted and listed page by page while no grain
/// state grows with them; a failed list write is retried until the row is right and counted; a list kept by the
/// previous version in grain state is moved into rows.
/// </summary>
public sealed class ApplicationListTests(ApplicationListClusterFixture fixture) : IClassFixture<ApplicationListClusterFixture>
{
    /// <summary>Drafts the scale test creates; <c>PVO_LIST_SCALE_APPLICATIONS</c> raises it (e.g. 2000 or 10000) outside the suite.</summary>
    private static int ScaleCount =>
        int.TryParse(Environment.GetEnvironmentVariable("PVO_LIST_SCALE_APPLICATIONS"), out var n) && n > 0 ? n : 400;

    private IGrainFactory Grains => fixture.Cluster.Client;

    private async Task<string> NewSource()
    {
        var source = "lst-" + Guid.NewGuid().ToString("N")[..8];
        var fund = Grains.GetGrain<IFundingSourceGrain>(source);
        Assert.True((await fund.Create(new FundingSourceDto { Id = source, Name = $"Regeling {source}", Kind = nameof(FundingSourceKind.NationalScheme), Owner = "national", Funder = "JenV" })).Ok);
        return source;
    }

    private static ActorDto Manager(string region) => new($"lst-manager-{region}", Role.PvoManager, $"region:{region}");

    private async Task<List<ApplicationListRow>> ReadAll(string region, string? source, int pageSize)
    {
        var reader = Grains.GetGrain<IApplicationListReaderGrain>(0);
        var rows = new List<ApplicationListRow>();
        string? after = null;
        while (true)
        {
            var page = await reader.Page(new ApplicationListQuery(region, null, source, null, after, pageSize));
            Assert.True(page.Rows.Count <= pageSize);
            rows.AddRange(page.Rows);
            if (!page.More)
            {
                return rows;
            }
            after = page.Rows[^1].Id;
        }
    }

    [Fact]
    public async Task Every_draft_of_a_crowded_region_is_accepted_and_listed_page_by_page_while_no_state_grows()
    {
        const string region = "limburg";
        var source = await NewSource();
        var ids = Enumerable.Range(0, ScaleCount).Select(i => $"lst-{source}-{i:D5}").ToList();
        var statuses = new List<int>();
        // Titles of ~50 characters, as in the reproduction.
        foreach (var chunk in ids.Chunk(32))
        {
            statuses.AddRange(await Task.WhenAll(chunk.Select(async id =>
                (await Grains.GetGrain<IApplicationGrain>(id).Create(Manager(region), Drafts.Of(region, source, $"Keurmerk en opleiding voor vrijwilligers nummer {id[^5..]}", "1000.00"))).Status)));
        }
        Assert.All(statuses, s => Assert.Equal(201, s));

        await Grains.GetGrain<IApplicationIndexGrain>(region).Flush();
        var listed = await ReadAll(region, source, ApplicationListLimits.DefaultPageSize);
        Assert.Equal(ids, listed.Select(r => r.Id));
        Assert.All(listed, r => Assert.Equal("Draft", r.State));
        Assert.Equal($"Keurmerk en opleiding voor vrijwilligers nummer {ids[123][^5..]}", listed[123].Title);
        Assert.Equal(0, await Grains.GetGrain<IApplicationIndexGrain>(region).Queued());

        // No grain state holds the list: the largest entity outside the list table stays far below what one
        // state of ~478 bytes per application would need.
        var largest = await LargestEntityOutsideTheList();
        Assert.True(largest.Chars < 40_000, $"{largest.Where} holds {largest.Chars} characters");
    }

    [Fact]
    public async Task A_failed_list_write_is_retried_counted_and_ends_right()
    {
        const string region = "zeeland-west-brabant";
        var source = await NewSource();
        using var metrics = new ListMetrics(region);
        fixture.Faults.Fail(region, 2);
        var ids = Enumerable.Range(0, 3).Select(i => $"lst-{source}-r{i}").ToList();
        foreach (var id in ids)
        {
            Assert.Equal(201, (await Grains.GetGrain<IApplicationGrain>(id).Create(Manager(region), Drafts.Of(region, source, "Herstel", "10.00"))).Status);
        }
        // The list shows them at once (from the writer's queue); wait until the retries have put them in the table.
        Assert.Equal(ids, (await ReadAll(region, source, 10)).Select(r => r.Id));
        var index = Grains.GetGrain<IApplicationIndexGrain>(region);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                await index.Flush();
                break;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
        var table = new TableClient(fixture.Storage.ConnectionString, fixture.Storage.TableName("applist"));
        var listed = new List<ApplicationListRow>();
        foreach (var id in ids)
        {
            var entity = (await table.GetEntityIfExistsAsync<TableEntity>(region, id)).Value ?? throw new Xunit.Sdk.XunitException($"{id} is not in the table");
            listed.Add(new ApplicationListRow(id, region, entity.GetString("SourceId"), "", entity.GetString("State"), null, entity.GetString("Title"), entity.GetString("Requested"), "", 0, null, ""));
        }
        Assert.Equal(ids, listed.Select(r => r.Id));
        Assert.All(listed, r => Assert.Equal(("Draft", "Herstel", "10.00"), (r.State, r.Title, r.Requested)));
        Assert.Equal(2, metrics.Failures);
        Assert.True(metrics.Repairs >= 1, $"repairs counted: {metrics.Repairs}");
    }

    [Fact]
    public async Task Drafts_and_list_reads_do_not_wait_for_a_list_write_that_hangs()
    {
        const string region = "rotterdam";
        var source = await NewSource();
        fixture.Faults.Block(region);
        try
        {
            var first = $"lst-{source}-h0";
            Assert.Equal(201, (await Grains.GetGrain<IApplicationGrain>(first).Create(Manager(region), Drafts.Of(region, source, "Vast", "1.00"))).Status);
            await fixture.Faults.Held.Task.WaitAsync(TimeSpan.FromSeconds(10));
            // The writer is stuck in storage: a further draft and the list still answer at once, the list with both.
            var second = $"lst-{source}-h1";
            var created = Grains.GetGrain<IApplicationGrain>(second).Create(Manager(region), Drafts.Of(region, source, "Vast", "2.00"));
            Assert.Equal(201, (await created.WaitAsync(TimeSpan.FromSeconds(10))).Status);
            var listed = await ReadAll(region, source, 1).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal([first, second], listed.Select(r => r.Id));
            // They are not in the table yet: the answer came from the writer's queue, laid over the stored page.
            var table = new TableClient(fixture.Storage.ConnectionString, fixture.Storage.TableName("applist"));
            Assert.False((await table.GetEntityIfExistsAsync<TableEntity>(region, second)).HasValue);
        }
        finally
        {
            fixture.Faults.Release();
        }
        await Grains.GetGrain<IApplicationIndexGrain>(region).Flush();
        Assert.Equal(2, (await ReadAll(region, source, 10)).Count);
    }

    [Fact]
    public async Task A_list_kept_in_grain_state_by_the_previous_version_is_moved_into_rows()
    {
        const string region = "den-haag";
        var source = "old-src";
        var old = new ApplicationIndexState();
        for (var i = 0; i < 130; i++)
        {
            var id = $"lst-old-{i:D3}";
            old.Entries[id] = new ApplicationSummary(id, region, source, "national", i % 2 == 0 ? "Draft" : "Submitted", null, $"Oud {i}", "5.00", "0.00", 1 + (i % 3), "{}");
        }
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Funding);
        var grainId = GrainId.Create("applicationindex", region);
        await storage.WriteStateAsync("applications", grainId, new GrainState<ApplicationIndexState>(old));

        var listed = await ReadAll(region, source, 7);
        Assert.Equal(old.Entries.Keys.Order(StringComparer.Ordinal), listed.Select(r => r.Id));
        Assert.Equal("Submitted", listed.Single(r => r.Id == "lst-old-001").State);
        Assert.Equal(2, listed.Single(r => r.Id == "lst-old-001").Sequence);

        var after = new GrainState<ApplicationIndexState>(new ApplicationIndexState());
        await storage.ReadStateAsync("applications", grainId, after);
        Assert.True(after.State is null || after.State.Entries.Count == 0, "the old list state is cleared");
    }

    // Every table of this run's prefix except the list's own: the entity with the most characters of text.
    private async Task<(string Where, long Chars)> LargestEntityOutsideTheList()
    {
        var service = new TableServiceClient(fixture.Storage.ConnectionString);
        var largest = ("none", 0L);
        await foreach (var table in service.QueryAsync(filter: (string?)null))
        {
            if (table.Name is not { } name || !name.StartsWith(fixture.Storage.TablePrefix, StringComparison.Ordinal) || name == fixture.Storage.TableName("applist"))
            {
                continue;
            }
            await foreach (var entity in service.GetTableClient(name).QueryAsync<TableEntity>())
            {
                var chars = ((IDictionary<string, object>)entity).Values.Sum(v => v switch { string s => (long)s.Length, byte[] b => b.Length, _ => 8L });
                if (chars > largest.Item2)
                {
                    largest = ($"{name}/{entity.PartitionKey}/{entity.RowKey}", chars);
                }
            }
        }
        return largest;
    }

    private sealed class ListMetrics : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _failures;
        private long _repairs;

        public ListMetrics(string region)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == LedgerTelemetry.Name && instrument.Name.StartsWith("pvo.applications.list.", StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                var ours = false;
                foreach (var tag in tags)
                {
                    ours |= tag.Key == "region" && (string?)tag.Value == region;
                }
                if (!ours)
                {
                    return;
                }
                if (instrument.Name == "pvo.applications.list.write_failures")
                {
                    Interlocked.Add(ref _failures, value);
                }
                else if (instrument.Name == "pvo.applications.list.repairs")
                {
                    Interlocked.Add(ref _repairs, value);
                }
            });
            _listener.Start();
        }

        public long Failures => Interlocked.Read(ref _failures);

        public long Repairs => Interlocked.Read(ref _repairs);

        public void Dispose() => _listener.Dispose();
    }
}
