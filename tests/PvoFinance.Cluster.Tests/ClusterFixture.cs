using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Orleans.TestingHost;
using PvoFinance.Silo.Hosting;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// Two real silos in this process, with the production storage: journals and grain state in Azure Table
/// storage on the Azurite that <c>./test.sh</c> starts (connection string in <c>PVO_TEST_STORAGE_CONNECTION_STRING</c>).
/// Each fixture uses its own table prefix, so runs never see each other's data.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>The running cluster.</summary>
    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The storage the silos use.</summary>
    public StorageSettings Storage { get; } = new("AzureTable", ConnectionString(), "c" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>A client connected to the cluster.</summary>
    public IClusterClient Client => Cluster.Client;

    /// <summary>Reads the Azurite connection string, failing loudly when the tests were started without it.</summary>
    public static string ConnectionString() =>
        Environment.GetEnvironmentVariable("PVO_TEST_STORAGE_CONNECTION_STRING") is { Length: > 0 } s
            ? s
            : throw new InvalidOperationException("PVO_TEST_STORAGE_CONNECTION_STRING is not set: run the tests with ./test.sh, which starts Azurite.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Cluster = await TestSilos.StartAsync(Storage, SystemClock.Instance);
    }

    /// <inheritdoc />
    public Task DisposeAsync() => TestSilos.StopAsync(Cluster);
}

/// <summary>All cluster tests share one two-silo cluster; they use distinct journal ids.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "cluster";
}
