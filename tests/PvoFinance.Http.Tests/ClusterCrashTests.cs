using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PvoFinance.Checker;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.ApplicationTestKit;

namespace PvoFinance.Http.Tests;

/// <summary>
/// Three service processes in one Orleans cluster (membership in Azure Table storage on Azurite); clients drive transfers and the lifecycle of
/// applications (grant, advance, accountability, determination, payment, each with an idempotency key) through all three
/// while one silo is killed with SIGKILL. Every call is retried with the same ids and keys on the other silos until it
/// gets a definite answer. Afterwards every acknowledged transfer and booking is in the ledger exactly once, the ceiling
/// holds, every chain verifies, the applications' figures match their decisions, and the invariant checker finds nothing.
/// </summary>
public sealed class ClusterCrashTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private const int Transfers = 40;
    private const int Applications = 4;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private TableCluster? _cluster;
    private readonly Dictionary<string, HttpClient[]> _clients = [];
    private readonly Stopwatch _clock = new();
    private int _failedAttempts;
    private long _lastFailureTicks;
    private int _mostRetries;
    private readonly System.Collections.Concurrent.ConcurrentBag<string> _notRetryable = [];

    private IReadOnlyList<ServiceProcess> Silos => _cluster!.Silos;

    public async Task InitializeAsync()
    {
        _cluster = await TableCluster.StartAsync(3);
        try
        {
            foreach (var (name, role, region, scope) in new[]
            {
                ("ministry", "ministry", (string?)null, (string?)null), ("treasurer", "treasurer", null, "national"),
                ("manager-limburg", "pvo-manager", "limburg", null), ("manager-rotterdam", "pvo-manager", "rotterdam", null),
            })
            {
                var perSilo = new HttpClient[3];
                for (var i = 0; i < 3; i++)
                {
                    perSilo[i] = await Silos[i].ClientAsync(role, region, scope: scope, user: "crash-" + name);
                }
                _clients[name] = perSilo;
            }
        }
        catch
        {
            // xunit does not dispose a class whose start failed: stop what did start, so no process outlives the run.
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var c in _clients.Values.SelectMany(c => c))
        {
            c.Dispose();
        }
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>
    /// Sends the same request (same path, body and key) through silo <paramref name="first"/>, then the others in turn,
    /// until an answer other than a failure of the moment (no answer, 5xx) arrives; answers its status and body.
    /// </summary>
    private async Task<(HttpStatusCode Status, string Body)> Until(string who, int first, string path, string body, string? key = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            Assert.True(_clock.Elapsed < Bound, $"No definite answer for {path} within {Bound}.");
            var client = _clients[who][(first + attempt) % 3];
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                if (key is not null)
                {
                    request.Headers.Add("Idempotency-Key", key);
                }
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                using var response = await client.SendAsync(request, cts.Token);
                var text = await response.Content.ReadAsStringAsync(cts.Token);
                if ((int)response.StatusCode < 500)
                {
                    return (response.StatusCode, text);
                }
                // A failure of the moment must say so: 503 with Retry-After, never a bare 500 the caller cannot tell from a bug.
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable || response.Headers.RetryAfter is null)
                {
                    _notRetryable.Add($"{path}: {(int)response.StatusCode} {text}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // The silo died under the request, or the grain is moving: the same request again, elsewhere.
            }
            Interlocked.Increment(ref _failedAttempts);
            // For the recovery time: when a request last failed, and how often one call had to be retried.
            var now = _clock.Elapsed.Ticks;
            for (var seen = Interlocked.Read(ref _lastFailureTicks); now > seen; seen = Interlocked.Read(ref _lastFailureTicks))
            {
                if (Interlocked.CompareExchange(ref _lastFailureTicks, now, seen) == seen)
                {
                    break;
                }
            }
            for (var most = Volatile.Read(ref _mostRetries); attempt + 1 > most; most = Volatile.Read(ref _mostRetries))
            {
                if (Interlocked.CompareExchange(ref _mostRetries, attempt + 1, most) == most)
                {
                    break;
                }
            }
            await Task.Delay(300);
        }
    }

    private async Task<JsonNode> Get(string path, int silo = 1)
    {
        using var response = await _clients["ministry"][silo].GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private async Task WaitForSilos(int count)
    {
        for (var i = 0; i < Silos.Count; i++)
        {
            if (Silos[i].HasExited)
            {
                continue;
            }
            var client = _clients["ministry"][i];
            var waited = Stopwatch.StartNew();
            while ((JsonNode.Parse(await client.GetStringAsync("health"))!["checks"]!["cluster"]!["description"]!.GetValue<string>()) != $"{count} active silos")
            {
                Assert.True(waited.Elapsed < Bound, $"The cluster did not settle on {count} silos.");
                await Task.Delay(500);
            }
        }
    }

    [Fact]
    public async Task A_silo_killed_during_transfers_and_lifecycle_actions_loses_and_doubles_nothing()
    {
        await WaitForSilos(3);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var year = int.Parse(ThisYear, CultureInfo.InvariantCulture);
        var scheme = $"kill-{tag}";
        var sourceJournal = $"source.{scheme}.{year}";
        Assert.Equal(HttpStatusCode.Created, (await Until("ministry", 0, "api/funding-sources",
            $$"""{"id":"{{scheme}}","name":"Regeling {{scheme}}","kind":"national-scheme","funder":"JenV"}""")).Status);
        using (var put = await _clients["ministry"][0].PutAsync($"api/funding-sources/{scheme}/years/{year}", new StringContent("""{"ceiling":"200000.00"}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }
        // The applications reach the review before the load: drafts, submissions and the start of the review.
        var apps = Enumerable.Range(0, Applications).Select(i => (Id: $"kill-{tag}-{i}", Region: i % 2 == 0 ? "limburg" : "rotterdam")).ToList();
        foreach (var (id, region) in apps)
        {
            Assert.Equal(HttpStatusCode.Created, (await Until($"manager-{region}", 0, "api/applications",
                $$"""{"id":"{{id}}","region":"{{region}}","fundingSource":"{{scheme}}","title":"Project {{id}}","requested":"30000.00"}""")).Status);
            Assert.Equal(HttpStatusCode.OK, (await Until($"manager-{region}", 1, $"api/applications/{id}/submit", """{"reason":"compleet"}""")).Status);
            Assert.Equal(HttpStatusCode.OK, (await Until("ministry", 2, $"api/applications/{id}/start-review", "{}")).Status);
        }
        // The accountability's documents are uploaded before the load too (the accountability names them).
        var documents = new Dictionary<string, string>();
        foreach (var (id, region) in apps)
        {
            var ids = new List<string>();
            foreach (var kind in new[] { "content-report", "financial-statement" })
            {
                using var upload = await _clients[$"manager-{region}"][0].PostAsync($"api/applications/{id}/documents?kind={kind}&fileName={kind}.txt",
                    new StringContent($"{kind} van {id}", Encoding.UTF8, "text/plain"));
                var text = await upload.Content.ReadAsStringAsync();
                Assert.True(upload.StatusCode == HttpStatusCode.Created, $"upload {kind} to {id}: {(int)upload.StatusCode} {text}");
                ids.Add(JsonNode.Parse(text)!["id"]!.GetValue<string>());
            }
            documents[id] = string.Join(",", ids.Select(i => $"\"{i}\""));
        }

        _clock.Start();
        var transferAnswers = new ConcurrentDictionary<int, HttpStatusCode>();
        var transfers = Enumerable.Range(0, Transfers).Select(async i =>
        {
            await Task.Delay(i * 60);
            var body = $$"""{"fromJournal":"{{sourceJournal}}","debitAccount":"budget:{{scheme}}:{{year}}","toJournal":"project.{{tag}}.{{i % 3}}","creditAccount":"project:p{{i % 3}}:{{scheme}}","amount":"1500.00","valueDate":"{{Today}}"}""";
            transferAnswers[i] = (await Until("ministry", i, $"api/ledger/transfers/t-{tag}-{i}", body)).Status;
        });
        var lifecycles = apps.Select(async (app, n) =>
        {
            await Task.Delay(n * 100);
            var manager = $"manager-{app.Region}";
            var steps = new (string Who, string Action, string Body)[]
            {
                ("ministry", "grant", $$"""{"amount":"30000.00","endDate":"{{Day(300)}}","accountabilityDue":"{{Day(330)}}","advances":[{"due":"{{Today}}","amount":"15000.00"}],"reason":"commissie"}"""),
                ("treasurer", "pay-advance", """{"amount":"15000.00","reference":"bank-1"}"""),
                (manager, "submit-accountability", $$"""{"results":"verslag","documents":[{{documents[app.Id]}}]}"""),
                ("ministry", "determine", """{"amount":"28000.00","reason":"een activiteit minder"}"""),
                ("treasurer", "record-payment", """{"amount":"13000.00","reference":"bank-2"}"""),
            };
            for (var s = 0; s < steps.Length; s++)
            {
                var (status, text) = await Until(steps[s].Who, n + s, $"api/applications/{app.Id}/{steps[s].Action}", steps[s].Body, key: $"{app.Id}-{steps[s].Action}");
                Assert.True(status == HttpStatusCode.OK, $"{app.Id} {steps[s].Action}: {(int)status} {text}");
                // Spread over the load, so the kill lands between and during the steps of every application.
                await Task.Delay(400);
            }
        });
        var load = Task.WhenAll(transfers.Concat(lifecycles));
        await Task.Delay(1_000);
        Assert.False(load.IsCompleted, "The load was over before the kill.");
        await Silos[0].CrashAsync();
        var killedAt = _clock.Elapsed;
        await load;
        // The checks read a quiet deployment: the survivors have noticed the loss and moved its grains.
        await WaitForSilos(2);
        output.WriteLine($"killed silo 1 at {killedAt.TotalSeconds:0.0} s; load done at {_clock.Elapsed.TotalSeconds:0.0} s; {_failedAttempts} attempts failed and were retried");
        // Recovery: from the kill until every request succeeds again (the last failed attempt), and the worst call.
        var recovery = TimeSpan.FromTicks(Math.Max(0, Interlocked.Read(ref _lastFailureTicks) - killedAt.Ticks));
        output.WriteLine($"recovery s={recovery.TotalSeconds:0.0} (last failed attempt after the kill); most retries of one call={_mostRetries} (300 ms apart)");
        Console.WriteLine($"ClusterCrashTests: recovery s={recovery.TotalSeconds:0.0}; most retries of one call={_mostRetries}; failed attempts={_failedAttempts}");

        // Every transfer was acknowledged (the ceiling leaves room for all of them) and is in the ledger exactly once.
        Assert.Equal(Transfers, transferAnswers.Count);
        Assert.All(transferAnswers.Values, s => Assert.Equal(HttpStatusCode.OK, s));
        long credited = 0;
        for (var k = 0; k < 3; k++)
        {
            var entries = (await Get($"api/ledger/journals/project.{tag}.{k}/entries?limit=1000")).AsArray();
            var keys = entries.Select(e => e!["key"]!.GetValue<string>()).ToList();
            Assert.Equal(keys.Count, keys.Distinct().Count());
            Assert.All(keys, key => Assert.EndsWith(":credit", key));
            var balances = (await Get($"api/ledger/journals/project.{tag}.{k}/balances")).AsArray();
            credited -= (long)(decimal.Parse(balances.Single(b => b!["account"]!.GetValue<string>() == $"project:p{k}:{scheme}")!["balance"]!.GetValue<string>(), CultureInfo.InvariantCulture) * 100);
        }
        Assert.Equal(Transfers * 1500_00L, credited);

        // Each application went the whole way once: paid the advance and the rest, exactly the determined amount.
        foreach (var (id, _) in apps)
        {
            var view = await Get($"api/applications/{id}", 2);
            var figures = view["figures"]!;
            Assert.True(figures["matchesDecisions"]!.GetValue<bool>(), figures.ToJsonString());
            Assert.Equal("28000.00", figures["paid"]!.GetValue<string>());
            Assert.Equal("0.00", figures["payable"]!.GetValue<string>());
        }

        // The ceiling holds and was drawn on exactly once per acknowledged booking: 40 × 1,500 moved, 4 × 28,000 determined.
        var year0 = (await Get($"api/funding-sources/{scheme}"))["years"]!.AsArray().Single(y => y!["year"]!.GetValue<int>() == year)!;
        Assert.Equal("200000.00", year0["ceiling"]!.GetValue<string>());
        Assert.Equal("28000.00", year0["available"]!.GetValue<string>());

        // And the checker, pointed at a surviving silo as a national treasurer, finds nothing anywhere.
        var report = await new InvariantChecker(new HttpDeploymentSource(_clients["treasurer"][1])).RunAsync();
        Assert.True(report.Violations.Count == 0, string.Join('\n', report.Violations));
        Assert.True(report.Checked > 30, report.Summary);
        Assert.True(_clock.Elapsed < Bound, $"took {_clock.Elapsed}");
        Assert.True(_notRetryable.IsEmpty, "Answers during the failover that were not 503 with Retry-After:\n" + string.Join('\n', _notRetryable.Take(10))
            + "\nWhat the surviving silos logged:\n" + string.Join('\n', Silos.Where(x => !x.HasExited).SelectMany(x => x.Output.Split('\n'))
                .Where(l => l.Contains("Exception", StringComparison.Ordinal)).Distinct().Take(20)));
    }
}
