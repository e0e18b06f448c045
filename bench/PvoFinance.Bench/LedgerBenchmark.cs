using System.Globalization;
using Azure.Data.Tables;
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
/// <c>./bench.sh ledger</c>: one silo in Release, four phases at the same concurrency, side by side in one run:
/// (a) no-op grain calls; (b) balanced two-posting entries through the ledger grains, journals in memory;
/// (c) the same, durable on Azurite; (d) raw Azure.Data.Tables batch inserts into the same Azurite.
/// "Postings/s" counts balanced two-posting entries (transfers) per second.
/// Then the batches (<see cref="ILedgerGrain.Submit"/>): (e) entries/s in batches of 1, 8 and 64 independent entries,
/// journals in memory, against the no-op call rate and the pure core's single-thread rate (<see cref="Journal.Execute"/>
/// without Orleans or storage, measured here too); (f) durable entries/s in batches of 64 against raw batch rows/s at
/// the default spread (16 journals) and at 256 journals, each raw phase with one writer per partition.
/// </summary>
internal static class LedgerBenchmark
{
    private static readonly LocalDate Day = new(2026, 11, 23);
    private static readonly Posting[] Legs = [new(AccountId.Parse("expense:bench:x"), new Money(12_34)), new(AccountId.Parse("region:bench:funds"), new Money(-12_34))];

    public static async Task<int> RunAsync(string connectionString, BenchOptions o)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var memory = new InMemoryJournalStore();
        var durableStore = new AzureTableJournalStore(new TableStorageOptions { ConnectionString = connectionString, TableName = $"bench{run}Journals" });
        // A failure here is not fatal: every append creates the table on first use too, so (c) and (f) count their errors.
        await SetupOrReport("create table of the durable journals", durableStore.InitializeAsync);

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IClock>(SystemClock.Instance);
        builder.Services.AddSingleton<IJournalStore>(new ForgetfulJournalStore(new RoutingJournalStore(memory, durableStore)));
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort());
            silo.AddMemoryGrainStorage(StorageNames.Ledger);
        });
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();

        Console.WriteLine($"PvoFinance ledger benchmark: concurrency {o.Concurrency}, {o.Journals} journals, {o.Seconds} s per phase after {o.WarmUpSeconds} s warm-up, {Environment.ProcessorCount} cores");
        var warm = TimeSpan.FromSeconds(o.WarmUpSeconds);
        var span = TimeSpan.FromSeconds(o.Seconds);

        var noop = await Phase.Run("(a) no-op grain calls", o.Concurrency, warm, span, async (w, _) =>
        {
            await grains.GetGrain<IPingGrain>(w).Ping();
            return 1;
        });
        var inMemory = await Phase.Run("(b) ledger entries, memory", o.Concurrency, warm, span, (w, i) => Post(grains, $"mem.{run}.j{w % o.Journals}", w, i));
        var durable = await Phase.Run("(c) ledger entries, Azurite", o.Concurrency, warm, span, (w, i) => Post(grains, $"az.{run}.j{w % o.Journals}", w, i));
        var raw = await RawBatches(connectionString, run, o, warm, span);
        var transfers = await Phase.Run("(extra) cross-journal transfers, Azurite", o.Concurrency, warm, span, async (w, i) =>
        {
            var reply = await grains.GetGrain<ITransferGrain>($"t{run}-{w}-{i}").Execute(new TransferRequest
            {
                FromJournal = $"az.{run}.j{w % o.Journals}",
                DebitAccount = "expense:bench:x",
                ToJournal = $"az.{run}.j{(w + 1) % o.Journals}",
                CreditAccount = "region:bench:funds",
                Cents = 100,
                ValueDate = "2026-11-23",
            });
            return reply.Status == TransferStatus.Completed ? 1 : throw new InvalidOperationException(reply.Rejection?.Message);
        });

        var appendStats = $"durable appends carried {durable.Operations} entries";
        Console.WriteLine($"  ({appendStats}; transfers are 3 ledger entries + 1 state write each: {transfers.PerSecond:N0}/s)");

        var core = CoreEntriesPerSecond();
        Console.WriteLine($"  {"(e) pure core, one thread",-34} {core,39:N0} /s  (Journal.Execute, no Orleans, no storage)");
        var batched = new Dictionary<int, Phase.Result>();
        foreach (var size in BatchSizes)
        {
            batched[size] = await Phase.Run($"(e) batches of {size}, memory*", o.Concurrency, warm, span, (w, i) => Submit(grains, $"nul.{run}.b{size}.j{w % o.Journals}", size, w, i));
        }
        Console.WriteLine("  (* appended with the same checks but no rows kept: ForgetfulJournalStore; the heap does not grow by millions of entries)");
        var spreads = new Dictionary<int, (Phase.Result Durable, Phase.Result Raw)>();
        foreach (var journals in new[] { o.Journals, WideSpread })
        {
            var d = await Phase.Run($"(f) batches of 64, Azurite, {journals} j", Math.Max(o.Concurrency, journals), warm, span, (w, i) => Submit(grains, $"az.{run}.s{journals}.j{w % journals}", 64, w, i));
            var r = journals == o.Journals ? raw : await RawBatches(connectionString, $"{run}w{journals}", o with { Journals = journals, RawWriters = journals }, warm, span);
            spreads[journals] = (d, r);
        }
        await host.StopAsync();

        var line = string.Create(CultureInfo.InvariantCulture,
            $"ledger postings/s={inMemory.PerSecond:F0} noop calls/s={noop.PerSecond:F0} ratio={inMemory.PerSecond / noop.PerSecond:F3} durable postings/s={durable.PerSecond:F0} raw batch rows/s={raw.PerSecond:F0} durable ratio={Ratio(durable.PerSecond, raw.PerSecond)}");
        Console.WriteLine(line);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ledger batched entries/s {string.Join(' ', BatchSizes.Select(b => $"b{b}={batched[b].PerSecond:F0}"))} noop calls/s={noop.PerSecond:F0} core entries/s={core:F0} ratio to noop {string.Join(' ', BatchSizes.Select(b => $"b{b}={batched[b].PerSecond / noop.PerSecond:F3}"))} ratio to core {string.Join(' ', BatchSizes.Select(b => $"b{b}={batched[b].PerSecond / core:F3}"))}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ledger durable entries/s (batches of 64) {string.Join(' ', spreads.Select(x => $"j{x.Key}={x.Value.Durable.PerSecond:F0} raw batch rows/s j{x.Key}={x.Value.Raw.PerSecond:F0} durable ratio j{x.Key}={Ratio(x.Value.Durable.PerSecond, x.Value.Raw.PerSecond)}"))}"));
        var errors = noop.Errors + inMemory.Errors + durable.Errors + raw.Errors + batched.Values.Sum(b => b.Errors) + spreads.Values.Sum(x => x.Durable.Errors + x.Raw.Errors);
        return errors > 0 ? 1 : 0;
    }

    private static readonly int[] BatchSizes = [1, 8, 64];

    /// <summary>The wide spread of the durable comparison: as many journals as the default concurrency has callers.</summary>
    private const int WideSpread = 256;

    // One call of `size` independent two-posting entries; counts the entries made.
    private static async Task<int> Submit(IGrainFactory grains, string journal, int size, int worker, long i)
    {
        var requests = new LedgerRequest[size];
        for (var k = 0; k < size; k++)
        {
            requests[k] = new LedgerRequest { Kind = LedgerRequestKind.Post, Key = $"w{worker}-{i}-{k}", ValueDate = Day, Postings = Legs };
        }
        var result = await grains.GetGrain<ILedgerGrain>(journal).Submit(requests);
        return result.Rejection is null && result.Outcomes.All(o => o.Status == LedgerReplyStatus.Committed)
            ? size
            : throw new InvalidOperationException(result.Rejection?.Message ?? result.Outcomes.First(o => !o.Succeeded).Rejection?.Message);
    }

    // The pure core's own rate: new two-posting entries decided and applied by one Journal on one thread for about a second.
    private static double CoreEntriesPerSecond()
    {
        var journal = new Journal();
        var commands = Enumerable.Range(0, 200_000).Select(i => new PostEntry($"c-{i}", Day, Legs)).ToArray();
        var clock = SystemClock.Instance;
        for (var i = 0; i < 20_000; i++)
        {
            Decide(journal, commands[i], clock);
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var i = 20_000; i < commands.Length; i++)
        {
            Decide(journal, commands[i], clock);
        }
        return (commands.Length - 20_000) / System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    // As the grain decides: a key the filter cannot rule out is confirmed absent first (the grain's point read; every
    // key here is new), then the journal decides and applies.
    private static void Decide(Journal journal, PostEntry command, IClock clock)
    {
        foreach (var key in journal.KeysToLookUp(command))
        {
            journal.ConfirmAbsent(key, journal.Version);
        }
        if (journal.Execute(command, clock.GetCurrentInstant()) is not Committed)
        {
            throw new InvalidOperationException($"The core refused {command.Key}.");
        }
    }

    private static async Task<int> Post(IGrainFactory grains, string journal, int worker, long i)
    {
        var reply = await grains.GetGrain<ILedgerGrain>(journal).Execute(new LedgerRequest
        {
            Kind = LedgerRequestKind.Post,
            Key = $"w{worker}-{i}",
            ValueDate = Day,
            Postings = Legs,
        });
        return reply.Status == LedgerReplyStatus.Committed ? 1 : throw new InvalidOperationException(reply.Rejection?.Message);
    }

    // The storage ceiling for the same shape of work: as many table transactions in flight as the ledger can
    // have (one per journal), each a full entity-group transaction of rows the size of an entry row.
    private static async Task<Phase.Result> RawBatches(string connectionString, string run, BenchOptions o, TimeSpan warm, TimeSpan span)
    {
        var name = "(d) raw batch rows, Azurite";
        var table = new TableClient(connectionString, $"bench{run}Raw", TableStorageOptions.CreateDefaultClientOptions());
        if (!await SetupOrReport($"create table bench{run}Raw", async token => await table.CreateIfNotExistsAsync(token)))
        {
            // The phase is printed all the same (no rows, one error), so the run goes on and ends with its summary lines.
            Console.WriteLine($"  {name,-34} {0,10:N0} ops, not run: its table could not be created  (concurrency {o.RawWriters}, errors 1)");
            return new Phase.Result(name, 0, span.TotalSeconds, 1);
        }
        var payload = new string('x', 420);
        return await Phase.Run(name, o.RawWriters, warm, span, async (w, i) =>
        {
            var partition = $"p{w % o.Journals}";
            var actions = new List<TableTransactionAction>(o.RawBatchRows);
            for (var r = 0; r < o.RawBatchRows; r++)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, $"w{w}-{i}-{r:D3}")
                {
                    ["Key"] = $"w{w}-{i}-{r}",
                    ["ContentHash"] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                    ["Payload"] = payload,
                }));
            }
            await table.SubmitTransactionAsync(actions);
            return o.RawBatchRows;
        });
    }

    // A setup step retried with backoff (SetupRetry); false, with the reason printed, when every try failed.
    private static async Task<bool> SetupOrReport(string what, Func<CancellationToken, Task> step)
    {
        try
        {
            await SetupRetry.RunAsync(what, step);
            return true;
        }
        catch (Exception e)
        {
            Console.WriteLine($"  (setup: {what} failed {SetupRetry.MaxAttempts} times; last: {SetupRetry.FirstLine(e)})");
            return false;
        }
    }

    // "n/a" rather than infinity when the reference phase could not run.
    private static string Ratio(double value, double reference) =>
        reference > 0 ? (value / reference).ToString("F3", CultureInfo.InvariantCulture) : "n/a";

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        socket.Start();
        return ((System.Net.IPEndPoint)socket.LocalEndpoint).Port;
    }
}
