using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Orleans.Storage;
using Orleans.TestingHost;
using PvoFinance.Grains;
using PvoFinance.Silo.Hosting;
using PvoFinance.Silo.Storage;
using PvoFinance.Storage;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// Two real silos on Azurite whose journal store and every grain storage are wrapped in <see cref="RandomStorageFaults"/>
/// (seeded by <c>PVO_RANDOM_SEED</c> when set). The faults are off until a test sets a rate.
/// </summary>
public sealed class FaultClusterFixture : IAsyncLifetime
{
    /// <summary>The seed of the faults (and of the tests' workloads).</summary>
    public int Seed { get; } = int.TryParse(Environment.GetEnvironmentVariable("PVO_RANDOM_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)
        ? s
        : Random.Shared.Next();

    /// <summary>The switch and dial of the injected faults.</summary>
    public RandomStorageFaults Faults { get; }

    /// <summary>The running cluster.</summary>
    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The storage the silos use.</summary>
    public StorageSettings Storage { get; } = new("AzureTable", ClusterFixture.ConnectionString(), "f" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The journal store as the API lists it, for the checker (no faults).</summary>
    public AzureTableJournalStore Journals { get; }

    /// <summary>A client connected to the cluster.</summary>
    public IClusterClient Client => Cluster.Client;

    /// <summary>Creates the fixture; the cluster starts in <see cref="InitializeAsync"/>.</summary>
    public FaultClusterFixture()
    {
        Faults = new RandomStorageFaults(Seed);
        Journals = new AzureTableJournalStore(new TableStorageOptions { ConnectionString = Storage.ConnectionString, TableName = Storage.TableName("Journals") });
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var faults = Faults;
        Cluster = await TestSilos.StartAsync(Storage, SystemClock.Instance, silo =>
        {
            silo.Services.Wrap<IJournalStore>(inner => new FaultyJournalStore(inner, faults));
            // The figures of an answer are read by key from the ledger grain, mostly from its memory: a failed read
            // there is injected at the call (the same switch as a failed range read of the journal's entries).
            silo.AddIncomingGrainCallFilter(async call =>
            {
                if (call.InterfaceMethod?.Name == nameof(PvoFinance.Grains.Contracts.ILedgerGrain.GetEntriesByKeys) && faults.TripRead(call.TargetId.Key.ToString()!))
                {
                    throw new InjectedStorageFault($"Injected: reading entries of {call.TargetId.Key} by key failed.");
                }
                await call.Invoke();
            });
            foreach (var name in StorageNames.All)
            {
                silo.Services.WrapGrainStorage(name, inner => new FaultyGrainStorage(inner, faults));
            }
        });
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        Faults.Rate = 0;
        await TestSilos.StopAsync(Cluster);
    }
}

/// <summary>The storage-fault tests on their own cluster.</summary>
[CollectionDefinition(Name)]
public sealed class FaultClusterCollection : ICollectionFixture<FaultClusterFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "fault-cluster";
}
