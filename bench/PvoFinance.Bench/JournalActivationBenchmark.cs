using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using PvoFinance.Grains;
using PvoFinance.Grains.Contracts;
using PvoFinance.Ledger;
using PvoFinance.Silo.Storage;
using PvoFinance.Storage;

namespace PvoFinance.Bench;

/// <summary>
/// Phase 3 of <c>./bench.sh scale</c>: the first call to a journal of 100,000 entries against the first call to an empty
/// one, on one silo in this process over Azurite. The long journal is written straight through the journal store in the
/// format the ledger grain writes (entries decided by the core journal, appends of the most entries one transaction
/// holds, key rows, the last snapshot a little before the end so activation replays a tail, as it would). The same
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
        await Task.WhenAll(WriteAsync(store, current, entries, olderFormat: false), WriteAsync(store, older, entries, olderFormat: true));
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
            legacy.Add(await FirstCallAsync(grains, older, entries));
            // Deactivate everything idle, so the next sample activates again.
            await management.ForceActivationCollection(TimeSpan.Zero);
            await Task.Delay(200);
        }
        // Still exact after activation: a key from the start of the journal is a replay.
        var replay = await grains.GetGrain<ILedgerGrain>(current).Execute(Request(1));
        await host.StopAsync();

        var (e, f, l) = (Median(empty), Median(full), Median(legacy));
        var ratio = f / Math.Max(e, 0.001);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  first call, empty journal: median {e:F1} ms ({string.Join(", ", empty.Select(x => x.ToString("F1", CultureInfo.InvariantCulture)))})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  first call, {entries:N0} entries: median {f:F1} ms ({string.Join(", ", full.Select(x => x.ToString("F1", CultureInfo.InvariantCulture)))}); key-1 retried: {replay.Status}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  first call, {entries:N0} entries, snapshot of the older format (reads every key, as before issue 14): median {l:F1} ms ({string.Join(", ", legacy.Select(x => x.ToString("F1", CultureInfo.InvariantCulture)))})"));
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

    private static LedgerRequest Request(int i) => new()
    {
        Kind = LedgerRequestKind.Post,
        Key = $"scale-{i}",
        ValueDate = new LocalDate(2026, 3, 1),
        Postings = [new Posting(AccountId.Parse("expense:scale:x"), new Money(1)), new Posting(AccountId.Parse("region:scale:funds"), new Money(-1))],
    };

    // Appends of the most entries a transaction holds; one snapshot, in the append that ends nearest before the tail.
    private static async Task WriteAsync(IJournalStore store, string journalId, int entries, bool olderFormat)
    {
        var journal = new Journal();
        var at = Instant.FromUtc(2026, 3, 1, 9, 0);
        string? etag = null;
        var snapshotDone = false;
        var batch = new List<JournalRecord>(JournalLimits.MaxRecordsPerAppend);
        for (var i = 1; i <= entries; i++)
        {
            var (command, _) = LedgerRequestMapper.ToCommand(Request(i));
            // Every key is new and the whole journal is here: a key the filter cannot rule out is confirmed absent,
            // as the grain does after its point read.
            foreach (var key in journal.KeysToLookUp(command!))
            {
                journal.ConfirmAbsent(key, journal.Version);
            }
            var entry = ((Committed)journal.Execute(command!, at)).Entry;
            batch.Add(new JournalRecord(entry.Sequence, entry.Key, entry.ContentHash, LedgerJson.Serialize(entry)));
            var last = i == entries;
            if (batch.Count == JournalLimits.MaxRecordsPerAppend || last)
            {
                JournalSnapshotRecord? snapshot = null;
                if (!snapshotDone && (entries - i < Tail + JournalLimits.MaxRecordsPerAppend || last))
                {
                    var state = journal.ToState();
                    snapshot = new JournalSnapshotRecord(i, LedgerJson.Serialize(olderFormat ? state with { KeyFilter = null } : state));
                    snapshotDone = true;
                }
                try
                {
                    etag = await store.AppendAsync(journalId, i - batch.Count, etag, batch, snapshot);
                }
                catch (JournalConflictException)
                {
                    // A lost reply: the client retried a transaction that had landed (seen under heavy load); it is there.
                    var head = await store.ReadHeadAsync(journalId);
                    if (head.Version != i || head.ETag is null)
                    {
                        throw;
                    }
                    etag = head.ETag;
                }
                batch.Clear();
            }
        }
    }

    private static double Median(List<double> values) => ScaleClient.Percentile(values, 0.5);

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        socket.Start();
        return ((System.Net.IPEndPoint)socket.LocalEndpoint).Port;
    }
}
