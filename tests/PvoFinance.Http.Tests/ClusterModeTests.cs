using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace PvoFinance.Http.Tests;

/// <summary>
/// Three service processes on loopback with their membership in Azure Table storage on Azurite (as <c>./run.sh --silos 3</c>
/// starts them) form one Orleans cluster: every silo answers the API and sees the others, what one silo writes the
/// others read, and when one silo shuts down the other two carry on with the same grains.
/// </summary>
public sealed class ClusterModeTests : IAsyncLifetime
{
    private TableCluster? _cluster;
    private readonly List<HttpClient> _clients = [];

    private IReadOnlyList<ServiceProcess> Silos => _cluster!.Silos;

    public async Task InitializeAsync()
    {
        _cluster = await TableCluster.StartAsync(3);
        foreach (var silo in _cluster.Silos)
        {
            _clients.Add(await silo.ClientAsync());
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var c in _clients)
        {
            c.Dispose();
        }
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    private async Task<string> ActiveSilos(HttpClient client)
    {
        var health = JsonNode.Parse(await client.GetStringAsync("health"))!;
        return health["checks"]!["cluster"]!["description"]!.GetValue<string>();
    }

    private async Task WaitFor(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"Timed out waiting for {what}.");
            await Task.Delay(500);
        }
    }

    private static async Task<JsonNode> Send(HttpClient client, HttpMethod method, string path, string? body, HttpStatusCode expected)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            }
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            // A read answered 503 with Retry-After is asked again, as a client would; anything else is the answer.
            if (method == HttpMethod.Get && response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null && attempt < 10)
            {
                await Task.Delay(1000);
                continue;
            }
            Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {text}");
            return JsonNode.Parse(text)!;
        }
    }

    [Fact]
    public async Task ThreeSilos_form_one_cluster_share_the_grains_and_carry_on_when_one_leaves()
    {
        // Every silo sees all three.
        foreach (var client in _clients)
        {
            await WaitFor(async () => await ActiveSilos(client) == "3 active silos", "three active silos");
        }

        // What one silo writes, the others read: a scheme created on silo 1, its ceiling set on silo 2, read on silo 3.
        var id = "cluster-" + Guid.NewGuid().ToString("N")[..8];
        await Send(_clients[0], HttpMethod.Post, "api/funding-sources", $$"""{"id":"{{id}}","name":"Regeling {{id}}","kind":"national-scheme","funder":"JenV"}""", HttpStatusCode.Created);
        await Send(_clients[1], HttpMethod.Put, $"api/funding-sources/{id}/years/2026", """{"ceiling":"1000.00"}""", HttpStatusCode.OK);
        var read = await Send(_clients[2], HttpMethod.Get, $"api/funding-sources/{id}", null, HttpStatusCode.OK);
        Assert.Equal("1000.00", read["years"]![0]!["ceiling"]!.GetValue<string>());

        // Ten commitments from the three silos in turn against one ceiling: each counted once.
        for (var i = 0; i < 10; i++)
        {
            await Send(_clients[i % 3], HttpMethod.Post, $"api/funding-sources/{id}/commitments",
                $$$"""{"commitmentId":"c{{{i}}}","region":"limburg","amounts":{"2026":"50.00"}}""", HttpStatusCode.OK);
        }
        // A repeated commitment id through another silo is the same commitment, not a second one.
        await Send(_clients[1], HttpMethod.Post, $"api/funding-sources/{id}/commitments", """{"commitmentId":"c0","region":"limburg","amounts":{"2026":"50.00"}}""", HttpStatusCode.OK);

        // Silo 1 leaves (SIGTERM, as a container runtime stops it); the two others carry on with the same grains.
        Assert.Equal(0, await Silos[0].StopGracefullyAsync(TimeSpan.FromSeconds(30)));
        foreach (var client in _clients.Skip(1))
        {
            await WaitFor(async () => await ActiveSilos(client) == "2 active silos", "two active silos");
        }
        var after = await Send(_clients[2], HttpMethod.Get, $"api/funding-sources/{id}", null, HttpStatusCode.OK);
        Assert.Equal("500.00", after["years"]![0]!["committed"]!.GetValue<string>());
        Assert.Equal("500.00", after["years"]![0]!["available"]!.GetValue<string>());
        await Send(_clients[1], HttpMethod.Post, $"api/funding-sources/{id}/commitments", """{"commitmentId":"c10","region":"limburg","amounts":{"2026":"500.00"}}""", HttpStatusCode.OK);
        // The ceiling holds across the cluster: nothing more fits.
        await Send(_clients[2], HttpMethod.Post, $"api/funding-sources/{id}/commitments", """{"commitmentId":"c11","region":"limburg","amounts":{"2026":"0.01"}}""", HttpStatusCode.UnprocessableEntity);
        var chain = await Send(_clients[2], HttpMethod.Get, $"api/ledger/journals/source.{id}.2026/verify", null, HttpStatusCode.OK);
        Assert.True(chain["intact"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_silo_killed_mid_load_loses_and_doubles_nothing_and_retries_with_the_same_ids_converge()
    {
        foreach (var client in _clients)
        {
            await WaitFor(async () => await ActiveSilos(client) == "3 active silos", "three active silos");
        }
        var id = "crash-" + Guid.NewGuid().ToString("N")[..8];
        await Send(_clients[0], HttpMethod.Post, "api/funding-sources", $$"""{"id":"{{id}}","name":"Regeling {{id}}","kind":"national-scheme","funder":"JenV"}""", HttpStatusCode.Created);
        await Send(_clients[0], HttpMethod.Put, $"api/funding-sources/{id}/years/2026", """{"ceiling":"100.00"}""", HttpStatusCode.OK);

        // 60 commitments of 2.00 against a ceiling of 100.00, sent through all three silos while silo 1 is killed:
        // at most 50 fit. Each id is retried (through another silo) until it gets a definite answer.
        var outcomes = new System.Collections.Concurrent.ConcurrentDictionary<int, HttpStatusCode>();
        var load = Enumerable.Range(0, 60).Select(async i =>
        {
            await Task.Delay(i * 15);
            for (var attempt = 0; attempt < 40; attempt++)
            {
                var client = _clients[(i + attempt) % 3];
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"api/funding-sources/{id}/commitments")
                    {
                        Content = new StringContent($$$"""{"commitmentId":"c{{{i}}}","region":"limburg","amounts":{"2026":"2.00"}}""", System.Text.Encoding.UTF8, "application/json"),
                    };
                    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                    using var response = await client.SendAsync(request, cts.Token);
                    if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity)
                    {
                        outcomes[i] = response.StatusCode;
                        return;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // The silo died under the request, or the grain is moving: try again with the same id.
                }
                await Task.Delay(500);
            }
        }).ToList();
        await Task.Delay(300);
        await Silos[0].CrashAsync();
        await Task.WhenAll(load);

        Assert.Equal(60, outcomes.Count);
        var accepted = outcomes.Count(o => o.Value == HttpStatusCode.OK);
        Assert.Equal(50, accepted);
        // Reads go through grains that lived on the dead silo: until the cluster has declared it dead they are answered
        // 503 (retry); once two silos are left they are placed again.
        await WaitFor(async () => await ActiveSilos(_clients[1]) == "2 active silos" && await ActiveSilos(_clients[2]) == "2 active silos", "the cluster to settle on two silos");
        var source = await Send(_clients[1], HttpMethod.Get, $"api/funding-sources/{id}", null, HttpStatusCode.OK);
        var year = source["years"]![0]!;
        Assert.Equal("100.00", year["committed"]!.GetValue<string>());
        Assert.Equal("0.00", year["available"]!.GetValue<string>());
        Assert.Equal(accepted, source["commitmentCount"]!.GetValue<long>());
        var balances = await Send(_clients[2], HttpMethod.Get, $"api/ledger/journals/source.{id}.2026/balances", null, HttpStatusCode.OK);
        Assert.All(balances.AsArray(), b => Assert.Equal("0.00", b!["debitsPending"]!.GetValue<string>()));
        Assert.True((await Send(_clients[2], HttpMethod.Get, $"api/ledger/journals/source.{id}.2026/verify", null, HttpStatusCode.OK))["intact"]!.GetValue<bool>());
    }
}
