using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using PvoFinance.Cluster.Tests;
using PvoFinance.Grains;
using PvoFinance.Grains.Contracts;
using PvoFinance.Silo.Storage;
using PvoFinance.Storage;

namespace PvoFinance.Bench;

/// <summary>
/// Phase 3 of <c>./bench.sh scale</c>: the first call to a journal of 100,000 entries against the first call to an empty
/// one, on one silo in this process over Azurite. The long journal is written straight through the journal store in the
/// format the ledger grain writes, by the cluster tests' own writer (<c>StoredJournal</c>, linked in: entries decided
/// by the core journal, appends of the most entries one transaction holds, key rows, the last snapshot a little before
/// the end so activation replays a tail, as it would). The same
/// journal is also written with a snapshot of the older format (no key filter), which makes activation read every key
/// as it did before issue 14: the figure it replaced.
/// </summary>
internal static class JournalActivationBenchmark
{
    // Entries after the last snapshot, as a journal written by the grain has on average (it snapshots every 128).
    private const int Tail = 64;

    public static async Task<string> RunAsync(string connectionString, int entries, int samples)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var store = new AzureTableJournalStore(new TableStorageOptions { ConnectionString = connectionString, TableName = $"scale{run}Journals" });
        await store.InitializeAsync();
        Console.WriteLine($"(3) journal activation: {entries:N0} entries against none, {samples} activations each (median)");
        var written = Stopwatch.StartNew();
        var current = $"region.scale{run}.long";
        var older = $"region.scale{run}.older";
        await Task.WhenAll(
            StoredJournal.WriteAsync(store, current, entries, tail: Tail),
            StoredJournal.WriteAsync(store, older, entries, tail: Tail, snapshotForm: state => state with { KeyFilter = null }));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  wrote 2 × {entries:N0} entries in {written.Elapsed.TotalSeconds:F0} s"));

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IClock>(SystemClock.Instance);
        builder.Services.AddSingleton<IJournalStore>(store);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort());
            silo.AddMemoryGrainStorage(StorageNames.Ledger);
        });
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var management = grains.GetGrain<IManagementGrain>(0);

        // Warm the silo and the code paths on a small journal first, so neither side pays the first-call costs.
        await grains.GetGrain<ILedgerGrain>($"region.scale{run}.warm").GetSummary();
        var empty = new List<double>();
        var full = new List<double>();
        var legacy = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            empty.Add(await FirstCallAsync(grains, $"region.scale{run}.empty{i}", 0));
            full.Add(await FirstCallAsync(grains, current, entries));
            // Deactivate everything idle, so the next sample activates again.
            await management.ForceActivationCollection(TimeSpan.Zero);
            await Task.Delay(200);
        }
        // The older format last, so its reads never overlap the samples above; reading every key of a long journal may
        // take longer than Orleans' 30 s call timeout, which ends its samples (shown as such).
        string? legacyTimedOut = null;
        for (var i = 0; i < samples && legacyTimedOut is null; i++)
        {
            try
            {
                legacy.Add(await FirstCallAsync(grains, older, entries));
            }
            catch (TimeoutException ex)
            {
                legacyTimedOut = ex.Message.Split('\n')[0];
            }
            await management.ForceActivationCollection(TimeSpan.Zero);
            await Task.Delay(200);
        }
        // Still exact after activation: a key from the start of the journal is a replay.
        var replay = await grains.GetGrain<ILedgerGrain>(current).Execute(StoredJournal.Request(1));
        await host.StopAsync();

        var (e, f) = (Median(empty), Median(full));
        var l = legacy.Count > 0 ? Median(legacy) : double.NaN;
        var ratio = f / Math.Max(e, 0.001);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  first call, empty journal: median {e:F1} ms ({string.Join(", ", empty.Select(x => x.ToString("F1", CultureInfo.InvariantCulture)))})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  first call, {entries:N0} entries: median {f:F1} ms ({string.Join(", ", full.Select(x => x.ToString("F1", CultureInfo.InvariantCulture)))}); key-1 retried: {replay.Status}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  first call, {entries:N0} entries, snapshot of the older format (reads every key, as before issue 14): median {l:F1} ms ({string.Join(", ", legacy.Select(x => x.ToString("F1", CultureInfo.InvariantCulture)))})")
            + (legacyTimedOut is null ? "" : $"; sample {legacy.Count + 1} did not answer within Orleans' 30 s call timeout: {legacyTimedOut}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"journal activation ratio={ratio:F2} (first call on {entries:N0} entries / on an empty journal; goal <= 10; older format {l / Math.Max(e, 0.001):F2})"));
        return string.Create(CultureInfo.InvariantCulture, $"journal activation ratio={ratio:F2} activation ms empty={e:F1} full={f:F1} older-format={l:F1}");
    }

    private static async Task<double> FirstCallAsync(IGrainFactory grains, string journal, long version)
    {
        var started = Stopwatch.GetTimestamp();
        var summary = await grains.GetGrain<ILedgerGrain>(journal).GetSummary();
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return summary.Version == version ? ms : throw new InvalidOperationException($"Journal {journal} activated at version {summary.Version}, expected {version}.");
    }

    private static double Median(List<double> values) => ScaleClient.Percentile(values, 0.5);

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        socket.Start();
        return ((System.Net.IPEndPoint)socket.LocalEndpoint).Port;
    }
}
