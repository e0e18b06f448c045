using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

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
/// </remarks>
internal static class HttpBenchmark
{

    public static async Task<int> RunAsync(Uri service)
    {
        var clients = Read("PVO_BENCH_HTTP_CLIENTS", 50);
        var funds = Read("PVO_BENCH_HTTP_FUNDS", 16);
        var warmUp = TimeSpan.FromSeconds(Read("PVO_BENCH_HTTP_WARMUP_SECONDS", 20));
        var measure = TimeSpan.FromSeconds(Read("PVO_BENCH_HTTP_SECONDS", 30));
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = service, Timeout = TimeSpan.FromSeconds(60) };
        var ministry = await TokenAsync(http, new { role = "ministry", user = "bench-ministry" });
        var treasurer = await TokenAsync(http, new { role = "treasurer", scope = "national", user = "bench-treasurer" });
        var (_, regionsText) = await SendAsync(http, ministry, HttpMethod.Get, "/api/regions", null, null, expect: true);
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
                ["id"] = fundIds[f], ["name"] = $"Benchregeling {f}", ["kind"] = "national-scheme", ["funder"] = "Ministerie van Justitie en Veiligheid",
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
        var noop = new List<double>[clients];
        var errors = new long[clients];
        var firstErrors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var applications = new long[clients];
        var workers = Enumerable.Range(0, clients).Select(async client =>
        {
            lifecycle[client] = new List<double>(16_384);
            steps[client] = new List<(int, double)>(16_384);
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
                    var (ms, error) = await TimedAsync(http, who, method, path, body, key);
                    if (measured)
                    {
                        lifecycle[client].Add(ms);
                        steps[client].Add((step, ms));
                        Count(error, client);
                    }
                    (ms, error) = await TimedAsync(http, manager, HttpMethod.Get, "/api/ping", null, null);
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
        string[] stepNames = ["create draft", "submit", "start-review", "grant", "pay-advance"];
        foreach (var group in steps.SelectMany(l => l).GroupBy(s => s.Step).OrderBy(g => g.Key))
        {
            var sorted = group.Select(g => g.Ms).Order().ToArray();
            Console.WriteLine($"    {stepNames[group.Key],-13} {sorted.Length,7:N0} requests; p50 {Percentile(sorted, 0.50):F1} ms, p99 {Percentile(sorted, 0.99):F1}");
        }
        Console.WriteLine($"  applications started: {applications.Sum():N0} over {funds} schemes and {regions.Length} regions");
        var ratio = Percentile(life, 0.99) / Math.Max(Percentile(ping, 0.99), 0.001);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"lifecycle p50 ms={Percentile(life, 0.50):F1} p99 ms={Percentile(life, 0.99):F1} noop p50 ms={Percentile(ping, 0.50):F1} p99 ms={Percentile(ping, 0.99):F1} p99 ratio={ratio:F2} errors={errorCount}"));
        return life.Length == 0 || ping.Length == 0 ? 1 : 0;
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

    private static async Task<(double Ms, string? Error)> TimedAsync(HttpClient http, string token, HttpMethod method, string path, JsonObject? body, string? key)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var (status, text) = await SendAsync(http, token, method, path, body, key, expect: false);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return ((int)status is >= 200 and < 300) ? (ms, null) : (ms, $"{method} {path} → {(int)status} {Shorten(text)}");
        }
        catch (Exception e)
        {
            return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, $"{method} {path} → {e.GetType().Name}: {Shorten(e.Message)}");
        }
    }

    private static async Task<(System.Net.HttpStatusCode Status, string Text)> SendAsync(HttpClient http, string token, HttpMethod method, string path, JsonObject? body, string? key, bool expect)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (expect && !response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Setting up the load: {method} {path} → {(int)response.StatusCode} {text}");
        }
        return (response.StatusCode, text);
    }

    private static async Task<string> TokenAsync(HttpClient http, object body)
    {
        using var response = await http.PostAsJsonAsync("/dev/token", body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /dev/token → {(int)response.StatusCode} {text} (is the service running in the Development environment?)");
        }
        return JsonDocument.Parse(text).RootElement.GetProperty("token").GetString()!;
    }

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
