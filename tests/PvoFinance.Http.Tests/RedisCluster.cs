using System.Diagnostics;
using System.Globalization;

namespace PvoFinance.Http.Tests;

/// <summary>
/// A real redis-server on a free loopback port and service processes with their Orleans membership in it, as
/// <c>./run.sh --silos N</c> starts them: one cluster over one table prefix. Disposing stops every process it started.
/// </summary>
public sealed class RedisCluster : IAsyncDisposable
{
    private readonly Process _redis;
    private readonly List<ServiceProcess> _silos = [];

    private RedisCluster(Process redis) => _redis = redis;

    /// <summary>The silos, in the order they started (some may have been stopped or killed by a test).</summary>
    public IReadOnlyList<ServiceProcess> Silos => _silos;

    /// <summary>Starts redis-server and <paramref name="silos"/> services that form one cluster.</summary>
    public static async Task<RedisCluster> StartAsync(int silos)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(silos, 1);
        var redisServer = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: run the tests with ./test.sh, which installs it.");
        var port = ServiceProcess.FreePort();
        var info = new ProcessStartInfo(redisServer) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            info.ArgumentList.Add(arg);
        }
        var cluster = new RedisCluster(Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start."));
        cluster._redis.BeginOutputReadLine();
        cluster._redis.BeginErrorReadLine();
        try
        {
            var prefix = TestEnvironment.NewTablePrefix();
            var environment = new Dictionary<string, string>
            {
                ["PvoFinance__Cluster__Mode"] = "Redis",
                ["PvoFinance__Cluster__Redis"] = $"127.0.0.1:{port}",
                ["PvoFinance__Cluster__ClusterId"] = "test-" + prefix,
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
        if (!_redis.HasExited)
        {
            _redis.Kill();
            await _redis.WaitForExitAsync();
        }
        _redis.Dispose();
    }
}
