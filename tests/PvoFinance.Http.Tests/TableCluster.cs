namespace PvoFinance.Http.Tests;

/// <summary>
/// Service processes with their Orleans membership in Azure Table storage on the tests' Azurite, as
/// <c>./run.sh --silos N</c> starts them: one cluster over one table prefix (state, journals and the membership
/// table alike). Disposing stops every process it started.
/// </summary>
public sealed class TableCluster : IAsyncDisposable
{
    private readonly List<ServiceProcess> _silos = [];

    private TableCluster()
    {
    }

    /// <summary>The silos, in the order they started (some may have been stopped or killed by a test).</summary>
    public IReadOnlyList<ServiceProcess> Silos => _silos;

    /// <summary>Starts <paramref name="silos"/> services that form one cluster with fast failover, as <c>./run.sh</c> runs them.</summary>
    public static async Task<TableCluster> StartAsync(int silos)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(silos, 1);
        var cluster = new TableCluster();
        try
        {
            var prefix = TestEnvironment.NewTablePrefix();
            var environment = new Dictionary<string, string>
            {
                ["PvoFinance__Cluster__Mode"] = "AzureTable",
                ["PvoFinance__Cluster__ClusterId"] = "test-" + prefix,
                // As ./run.sh --silos runs them; PVO_FAST_FAILOVER=false measures Orleans' default timing instead.
                ["PvoFinance__Cluster__FastFailover"] = Environment.GetEnvironmentVariable("PVO_FAST_FAILOVER") ?? "true",
            };
            for (var i = 0; i < silos; i++)
            {
                cluster._silos.Add(await ServiceProcess.StartAsync(prefix, environment));
            }
            return cluster;
        }
        catch
        {
            // xunit does not dispose a class whose start failed: stop what did start, so no process outlives the run.
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var s in _silos)
        {
            await s.DisposeAsync();
        }
    }
}
