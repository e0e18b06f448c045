using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using PvoFinance.Silo.Storage;

namespace PvoFinance.Bench;

/// <summary>
/// <c>./bench.sh http</c>: 50 concurrent clients drive the running service over HTTP. Each client alternates one
/// step of an application's lifecycle with one <c>GET /api/ping</c> (authenticated, no grain), so both kinds see the
/// same load at the same moments; the latencies after the warm-up are compared by percentile.
/// </summary>
/// <remarks>
/// The lifecycle: a PVO-manager (client <c>i</c> works for region <c>i mod 10</c>) drafts and submits an application
/// of € 30,000 to one of <c>PVO_BENCH_HTTP_FUNDS</c> national schemes (each its own fund grain and budget journal),
/// the ministry starts the review and grants it (tier B, one advance of € 20,000 due today: a reservation against the
/// scheme's ceiling in its journal), and a national treasurer pays the advance (entries in the scheme's and the
/// region's journals). Five requests per application, each action with an <c>Idempotency-Key</c>; every client works
/// on its own applications, spread over the schemes round-robin and over the ten regions, so no single grain takes
/// all the load; each region's journal and application list are shared by its five clients, as in real use.
/// <para>
/// Every lifecycle answer carries the service's Development-only storage round-trip headers (counted from the storage
/// spans of the request's own trace); they are aggregated per step and printed against the targets of issue 14.
/// After the lifecycle, the same number of clients upsert small single entities into a scratch table of the same
/// Azurite for <c>PVO_BENCH_RAW_SECONDS</c>: the storage's own rate, beside which the lifecycle's rate is judged.
/// </para>
/// </remarks>
internal static class HttpBenchmark
{
    private static readonly string[] StepNames = ["create", "submit", "start-review", "grant", "pay-advance"];

    // Sequential storage round trips per step that issue 14 sets as the goal.
    private static readonly int[] Targets = [2, 1, 1, 2, 3];

    public static async Task<int> RunAsync(Uri service, string? storageConnection)
    {
        var clients = Read("PVO_BENCH_HTTP_CLIENTS", 50);
        var funds = Read("PVO_BENCH_HTTP_FUNDS", 16);
        var warmUp = TimeSpan.FromSeconds(Read("PVO_BENCH_HTTP_WARMUP_SECONDS", 20));
        var measure = TimeSpan.FromSeconds(Read("PVO_BENCH_HTTP_SECONDS", 30));
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = service, Timeout = TimeSpan.FromSeconds(60) };
        var ministry = await TokenAsync(http, new { role = "ministry", user = "bench-ministry" });
        var treasurer = await TokenAsync(http, new { role = "treasurer", scope = "national", user = "bench-treasurer" });
        var (_, regionsText, _) = await SendAsync(http, ministry, HttpMethod.Get, "/api/regions", null, null, expect: true);
        var regions = RegionIds(JsonNode.Parse(regionsText)!);
        var managers = new string[regions.Length];
        for (var r = 0; r < regions.Length; r++)
        {
            managers[r] = await TokenAsync(http, new { role = "pvo-manager", region = regions[r], user = $"bench-manager-{regions[r]}" });
        }
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")));
        var run = Guid.NewGuid().ToString("N")[..6];
        var fundIds = new string[funds];
        for (var f = 0; f < funds; f++)
        {
            fundIds[f] = $"bench-{run}-{f}";
            await SendAsync(http, ministry, HttpMethod.Post, "/api/funding-sources", new JsonObject
            {
                ["id"] = fundIds[f],
                ["name"] = $"Benchregeling {f}",
                ["kind"] = "national-scheme",
                ["funder"] = "Ministerie van Justitie en Veiligheid",
            }, null, expect: true);
            await SendAsync(http, ministry, HttpMethod.Put, $"/api/funding-sources/{fundIds[f]}/years/{today.Year}", new JsonObject { ["ceiling"] = "1000000000.00" }, null, expect: true);
        }
        Console.WriteLine($"PvoFinance HTTP load: {clients} clients, lifecycle steps interleaved with GET /api/ping, {funds} national schemes, "
            + $"{regions.Length} regions, warm-up {warmUp.TotalSeconds:F0} s excluded, measured {measure.TotalSeconds:F0} s, {Environment.ProcessorCount} cores shared with the service and Azurite");

        var stopwatch = Stopwatch.StartNew();
        var measureFrom = warmUp;
        var stopAt = warmUp + measure;
        var lifecycle = new List<double>[clients];
        var steps = new List<(int Step, double Ms)>[clients];
        var trips = new List<(int Step, RoundTrips Trips)>[clients];
        var noop = new List<double>[clients];
        var errors = new long[clients];
        var firstErrors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var applications = new long[clients];
        // CPU of each process and the service's storage requests (all of them, on the request's path or off it), read
        // when the measured window opens and when it closes.
        var cpu = ProcessCpu.FromEnvironment();
        var window = Task.Run(async () =>
        {
            await Task.Delay(measureFrom);
            var from = (Cpu: cpu.Read(), Storage: await StorageTotalsAsync(http));
            await Task.Delay(stopAt - stopwatch.Elapsed is { Ticks: > 0 } left ? left : TimeSpan.Zero);
            return (From: from, To: (Cpu: cpu.Read(), Storage: await StorageTotalsAsync(http)));
        });
        var workers = Enumerable.Range(0, clients).Select(async client =>
        {
            lifecycle[client] = new List<double>(16_384);
            steps[client] = new List<(int, double)>(16_384);
            trips[client] = new List<(int, RoundTrips)>(16_384);
            var region = regions[client % regions.Length];
            var manager = managers[client % regions.Length];
            noop[client] = new List<double>(16_384);
            for (long app = 0; stopwatch.Elapsed < stopAt; app++)
            {
                var id = $"b{run}-{client}-{app}";
                var fund = fundIds[(int)((client + app) % funds)];
                var plan = Lifecycle(id, region, fund, today, manager, ministry, treasurer);
                for (var step = 0; step < plan.Length; step++)
                {
                    var (who, method, path, body, key) = plan[step];
                    if (stopwatch.Elapsed >= stopAt)
                    {
                        break;
                    }
                    var measured = stopwatch.Elapsed >= measureFrom;
                    var (ms, error, counted) = await TimedAsync(http, who, method, path, body, key);
                    if (measured)
                    {
                        lifecycle[client].Add(ms);
                        steps[client].Add((step, ms));
                        if (error is null && counted is not null)
                        {
                            trips[client].Add((step, counted));
                        }
                        Count(error, client);
                    }
                    (ms, error, _) = await TimedAsync(http, manager, HttpMethod.Get, "/api/ping", null, null);
                    if (measured)
                    {
                        noop[client].Add(ms);
                        Count(error, client);
                    }
                }
                applications[client]++;
            }
        }).ToArray();
        await Task.WhenAll(workers);
        var (opened, closed) = await window;

        void Count(string? error, int client)
        {
            if (error is not null)
            {
                errors[client]++;
                if (firstErrors.Count < 5)
                {
                    firstErrors.Enqueue(error);
                }
            }
        }

        var life = lifecycle.SelectMany(l => l).Order().ToArray();
        var ping = noop.SelectMany(l => l).Order().ToArray();
        var errorCount = errors.Sum();
        foreach (var e in firstErrors)
        {
            Console.WriteLine($"  error: {e}");
        }
        Console.WriteLine($"  lifecycle: {life.Length:N0} requests in {measure.TotalSeconds:F0} s = {life.Length / measure.TotalSeconds:N0} /s; "
            + $"p50 {Percentile(life, 0.50):F1} ms, p90 {Percentile(life, 0.90):F1}, p99 {Percentile(life, 0.99):F1}, max {(life.Length > 0 ? life[^1] : 0):F1}");
        Console.WriteLine($"  noop:      {ping.Length:N0} requests in {measure.TotalSeconds:F0} s = {ping.Length / measure.TotalSeconds:N0} /s; "
            + $"p50 {Percentile(ping, 0.50):F1} ms, p90 {Percentile(ping, 0.90):F1}, p99 {Percentile(ping, 0.99):F1}, max {(ping.Length > 0 ? ping[^1] : 0):F1}");
        foreach (var group in steps.SelectMany(l => l).GroupBy(s => s.Step).OrderBy(g => g.Key))
        {
            var sorted = group.Select(g => g.Ms).Order().ToArray();
            Console.WriteLine($"    {StepNames[group.Key],-13} {sorted.Length,7:N0} requests; p50 {Percentile(sorted, 0.50):F1} ms, p99 {Percentile(sorted, 0.99):F1}");
        }
        Console.WriteLine($"  applications started: {applications.Sum():N0} over {funds} schemes and {regions.Length} regions");
        var medians = PrintRoundTrips(trips.SelectMany(l => l).ToList());

        PrintStorageTotals(opened.Storage, closed.Storage, life.Length);

        var lifecycleRate = life.Length / measure.TotalSeconds;
        var raw = storageConnection is null ? null : await RawUpsertsAsync(storageConnection, run, clients, cpu);
        var rawRate = raw?.PerSecond ?? 0;
        var phases = new List<(string, ProcessCpu.Reading, ProcessCpu.Reading, double, string[])> { ("lifecycle (+1 noop each)", opened.Cpu, closed.Cpu, life.Length, []) };
        if (raw is not null)
        {
            // The service only idles while the client upserts into Azurite: its background work is not the upserts' cost.
            phases.Add(("raw upsert", raw.From, raw.To, raw.Operations, ["service"]));
        }
        var perOperation = cpu.Print([.. phases]);
        if (raw is not null)
        {
            // A closed loop that is CPU-bound runs at most at (cores / CPU per operation), and Azurite is one Node.js
            // thread: at most (1 / Azurite's CPU per operation). The lower of the two per phase, and their quotient:
            // the ratio's ceiling from CPU alone, however short the waits get (an estimate: CPU per operation grows
            // with the machine's load).
            var a = cpu.Names.ToList().IndexOf("azurite");
            double AzuriteMs(ProcessCpu.Reading from, ProcessCpu.Reading to, double operations) =>
                a < 0 ? 0 : 1000 * (to.Seconds[a] - from.Seconds[a]) / Math.Max(operations, 1);
            var lifecycleAzurite = AzuriteMs(opened.Cpu, closed.Cpu, life.Length);
            var rawAzurite = AzuriteMs(raw.From, raw.To, raw.Operations);
            double Ceiling(double allMs, double azuriteMs) =>
                Math.Min(Environment.ProcessorCount / Math.Max(allMs, 0.001), azuriteMs > 0 ? 1 / azuriteMs : double.MaxValue);
            var lifecycleCeiling = Ceiling(perOperation[0], lifecycleAzurite);
            var rawCeiling = Ceiling(perOperation[1], rawAzurite);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  CPU ceiling: lifecycle {1000 * lifecycleCeiling:N0} /s, raw upserts {1000 * rawCeiling:N0} /s (min of cores / CPU per op and 1 / Azurite's CPU per op, Azurite being one thread) → ratio at most {lifecycleCeiling / rawCeiling:F2}"));
            if (a >= 0)
            {
                // Were the service and the client free, Azurite's own work per request would still bound the ratio.
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  Azurite alone: {rawAzurite:F2} ms per raw upsert / {lifecycleAzurite:F2} ms per lifecycle request = {rawAzurite / Math.Max(lifecycleAzurite, 0.001):F2} (the ceiling if the service and the client cost nothing)"));
            }
        }
        var ratio = Percentile(life, 0.99) / Math.Max(Percentile(ping, 0.99), 0.001);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"round trips create={medians[0]} submit={medians[1]} start-review={medians[2]} grant={medians[3]} pay-advance={medians[4]} (median sequential per step; targets create<=2 submit<=1 start-review<=1 grant<=2 pay-advance<=3)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"lifecycle p50 ms={Percentile(life, 0.50):F1} p99 ms={Percentile(life, 0.99):F1} noop p50 ms={Percentile(ping, 0.50):F1} p99 ms={Percentile(ping, 0.99):F1} p99 ratio={ratio:F2} errors={errorCount} lifecycle req/s={lifecycleRate:F1} raw upserts/s={rawRate:F1} lifecycle/raw upsert ratio={(rawRate > 0 ? lifecycleRate / rawRate : 0):F2}"));
        return life.Length == 0 || ping.Length == 0 ? 1 : 0;
    }

    /// <summary>Storage round trips of one answer, from the service's Development-only headers.</summary>
    private sealed record RoundTrips(int Sequential, int Total, string Detail);

    // Per step: sequential round trips (min/median/max), all storage requests (median), the target, and the
    // operations behind them (mean per request), so the next reduction can start where most of them come from.
    // Answers the median sequential count per step (-1 when a step had no counted answer).
    private static int[] PrintRoundTrips(List<(int Step, RoundTrips Trips)> all)
    {
        var medians = Enumerable.Repeat(-1, StepNames.Length).ToArray();
        Console.WriteLine("  storage round trips per step (from the storage spans of each request's trace; sequential = overlapping requests counted once):");
        foreach (var group in all.GroupBy(t => t.Step).OrderBy(g => g.Key))
        {
            var sequential = group.Select(g => (double)g.Trips.Sequential).Order().ToArray();
            var total = group.Select(g => (double)g.Trips.Total).Order().ToArray();
            medians[group.Key] = (int)Percentile(sequential, 0.50);
            var operations = group
                .SelectMany(g => g.Trips.Detail.Split(',', StringSplitOptions.RemoveEmptyEntries))
                .Select(d => d.Split('='))
                .Where(d => d.Length == 2)
                .GroupBy(d => d[0], d => int.Parse(d[1], CultureInfo.InvariantCulture))
                .Select(o => (Name: o.Key, Mean: o.Sum() / (double)sequential.Length))
                .OrderByDescending(o => o.Mean);
            var verdict = medians[group.Key] <= Targets[group.Key] ? "met" : "over";
            var contributors = string.Join(", ", operations.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Name} {o.Mean:F2}")));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {StepNames[group.Key],-13} sequential min {sequential[0]:F0} median {medians[group.Key]} max {sequential[^1]:F0}; all requests median {Percentile(total, 0.50):F0}; target <= {Targets[group.Key]} ({verdict}); {contributors}"));
        }
        return medians;
    }

    /// <summary>The raw phase: its rate and the CPU readings around its measured window.</summary>
    private sealed record RawResult(double PerSecond, long Operations, ProcessCpu.Reading From, ProcessCpu.Reading To);

    // The storage's own rate at the same concurrency: each client upserts small single entities (its own partition,
    // a new row each time) into a scratch table of the same Azurite, with the service idle. Same client options as
    // the service's own tables; 2 s of warm-up, then the measured window with CPU read at both ends.
    private static async Task<RawResult> RawUpsertsAsync(string connectionString, string run, int clients, ProcessCpu cpu)
    {
        var seconds = Read("PVO_BENCH_RAW_SECONDS", 10);
        var table = new TableClient(connectionString, $"bench{run}Upserts", TableStorageOptions.CreateDefaultClientOptions());
        await table.CreateIfNotExistsAsync();
        var stopwatch = Stopwatch.StartNew();
        var warmUp = TimeSpan.FromSeconds(2);
        var stopAt = warmUp + TimeSpan.FromSeconds(seconds);
        long operations = 0, errors = 0;
        ProcessCpu.Reading? from = null;
        var opened = TimeSpan.Zero;
        var cpuWindow = Task.Run(async () =>
        {
            await Task.Delay(warmUp);
            opened = stopwatch.Elapsed;
            from = cpu.Read();
        });
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async w =>
        {
            for (long i = 0; stopwatch.Elapsed < stopAt; i++)
            {
                var measured = stopwatch.Elapsed >= warmUp;
                try
                {
                    await table.UpsertEntityAsync(new TableEntity($"c{w}", $"r{i:D12}") { ["Title"] = "Keurmerk", ["Requested"] = 3_000_000L, ["State"] = "Draft" });
                    if (measured)
                    {
                        Interlocked.Increment(ref operations);
                    }
                }
                catch (Exception)
                {
                    // Counted, as Phase.Run counts them; the loop goes on.
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var to = cpu.Read();
        var elapsed = (stopwatch.Elapsed - opened).TotalSeconds;
        await cpuWindow;
        await table.DeleteAsync();
        var rate = operations / elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {"raw single-entity upserts, Azurite",-34} {operations,10:N0} ops in {elapsed,5:F2} s = {rate,12:N0} /s  (concurrency {clients}, errors {errors})"));
        return new RawResult(rate, operations, from!, to);
    }

    // The service's storage request totals (Development only); empty when it does not answer them.
    private static async Task<Dictionary<string, long>> StorageTotalsAsync(HttpClient http)
    {
        try
        {
            return await http.GetFromJsonAsync<Dictionary<string, long>>("/dev/storage-requests") ?? [];
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException)
        {
            return [];
        }
    }

    // Every storage request of the measured window per lifecycle request, by table and kind, off the request's path too.
    private static void PrintStorageTotals(Dictionary<string, long> from, Dictionary<string, long> to, int lifecycleRequests)
    {
        if (to.Count == 0 || lifecycleRequests == 0)
        {
            return;
        }
        var delta = to.Select(p => (Name: p.Key, Count: p.Value - from.GetValueOrDefault(p.Key))).Where(p => p.Count > 0).ToList();
        var requests = delta.Where(d => !d.Name.EndsWith(".rows", StringComparison.Ordinal)).ToList();
        var parts = requests.OrderByDescending(d => d.Count).Select(d =>
        {
            var rows = delta.FirstOrDefault(r => r.Name == d.Name + ".rows").Count;
            var perRequest = string.Create(CultureInfo.InvariantCulture, $"{d.Name} {d.Count / (double)lifecycleRequests:F2}");
            return rows > 0 ? perRequest + string.Create(CultureInfo.InvariantCulture, $" ({rows / (double)d.Count:F1} rows each)") : perRequest;
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  all storage requests per lifecycle request (service, off the request's path too; measured window): {requests.Sum(d => d.Count) / (double)lifecycleRequests:F2}; {string.Join(", ", parts)}"));
    }

    // Draft, submit, start review, grant with one advance, pay the advance: five requests, each by the role the
    // workflow asks for; the actions carry idempotency keys as a real client's would.
    private static (string Who, HttpMethod Method, string Path, JsonObject? Body, string? Key)[] Lifecycle(
        string id, string region, string fund, DateOnly today, string manager, string reviewer, string treasurer) =>
    [
        (manager, HttpMethod.Post, "/api/applications", new JsonObject
        {
            ["id"] = id, ["region"] = region, ["fundingSource"] = fund, ["title"] = $"Keurmerk {id}", ["requested"] = "30000.00",
        }, null),
        (manager, HttpMethod.Post, $"/api/applications/{id}/submit", new JsonObject { ["reason"] = "compleet" }, $"{id}-submit"),
        (reviewer, HttpMethod.Post, $"/api/applications/{id}/start-review", new JsonObject(), $"{id}-review"),
        (reviewer, HttpMethod.Post, $"/api/applications/{id}/grant", new JsonObject
        {
            ["amount"] = "30000.00",
            ["endDate"] = Iso(today.AddDays(300)),
            ["accountabilityDue"] = Iso(today.AddDays(330)),
            ["advances"] = new JsonArray(new JsonObject { ["due"] = Iso(today), ["amount"] = "20000.00" }),
            ["reason"] = "past the committee",
        }, $"{id}-grant"),
        (treasurer, HttpMethod.Post, $"/api/applications/{id}/pay-advance", new JsonObject { ["amount"] = "20000.00", ["reference"] = $"bank-{id}" }, $"{id}-pay"),
    ];

    private static async Task<(double Ms, string? Error, RoundTrips? Trips)> TimedAsync(HttpClient http, string token, HttpMethod method, string path, JsonObject? body, string? key)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var (status, text, trips) = await SendAsync(http, token, method, path, body, key, expect: false);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return ((int)status is >= 200 and < 300) ? (ms, null, trips) : (ms, $"{method} {path} → {(int)status} {Shorten(text)}", trips);
        }
        catch (Exception e)
        {
            return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, $"{method} {path} → {e.GetType().Name}: {Shorten(e.Message)}", null);
        }
    }

    private static async Task<(System.Net.HttpStatusCode Status, string Text, RoundTrips? Trips)> SendAsync(HttpClient http, string token, HttpMethod method, string path, JsonObject? body, string? key, bool expect)
    {
        // No retry here: a 503 is an error of the load, counted as such (the scale benchmark retries, BenchHttp).
        var (status, text, headers) = await BenchHttp.SendAsync(http, token, method, path, body, key);
        if (expect && (int)status is < 200 or >= 300)
        {
            throw new InvalidOperationException($"Setting up the load: {method} {path} → {(int)status} {text}");
        }
        return (status, text, ReadRoundTrips(headers));
    }

    // The service adds these in Development only; null when it did not (then the step is not counted).
    private static RoundTrips? ReadRoundTrips(HttpResponseHeaders headers) =>
        headers.TryGetValues("PVO-Storage-Round-Trips", out var sequential)
        && headers.TryGetValues("PVO-Storage-Requests", out var total)
        && int.TryParse(sequential.FirstOrDefault(), CultureInfo.InvariantCulture, out var s)
        && int.TryParse(total.FirstOrDefault(), CultureInfo.InvariantCulture, out var t)
            ? new RoundTrips(s, t, headers.TryGetValues("PVO-Storage-Detail", out var detail) ? detail.FirstOrDefault() ?? "" : "")
            : null;

    private static Task<string> TokenAsync(HttpClient http, object body) => BenchHttp.TokenAsync(http, body);

    // GET /api/regions answers the ten regions (an array, or an object with a list in it).
    private static string[] RegionIds(JsonNode node)
    {
        var list = node as JsonArray ?? node.AsObject().Select(p => p.Value).OfType<JsonArray>().First();
        return [.. list.Select(r => r!["id"]!.GetValue<string>())];
    }

    // Nearest-rank percentile of sorted values.
    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private static int Read(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var v) && v > 0 ? v : fallback;
}
