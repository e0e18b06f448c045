using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace PvoFinance.Http.Tests;

/// <summary>
/// The service on its own Azurite, which stops answering in the middle of a load of commitments (the process is
/// frozen with SIGSTOP, as a hung or partitioned storage service would be) and answers again twelve seconds later
/// (SIGCONT). While storage is gone requests fail cleanly — a 503 problem that says to retry, or no answer within the
/// caller's timeout, never a 500 — and the callers' retries with the same ids converge: every commitment is in the
/// ledger exactly once, the ceiling holds, nothing stays reserved, and the chain verifies.
/// </summary>
/// <remarks>
/// Killing Azurite instead would test the emulator's own durability: its table store saves to disk every few seconds,
/// so a kill loses what it had acknowledged since — which a real storage account does not do.
/// </remarks>
public sealed class StorageFaultTests : IAsyncLifetime
{
    // The storage emulators' well-known development account (public, not a secret).
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly int _port = ServiceProcess.FreePort();
    private readonly string _data = Path.Combine(Path.GetTempPath(), "pvo-azurite-" + Guid.NewGuid().ToString("N")[..8]);
    private Process? _azurite;
    private ServiceProcess? _service;
    private HttpClient? _client;

    private string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};TableEndpoint=http://127.0.0.1:{_port}/devstoreaccount1;";

    public async Task InitializeAsync()
    {
        await StartAzuriteAsync();
        _service = await ServiceProcess.StartAsync(TestEnvironment.NewTablePrefix(), new Dictionary<string, string> { ["PvoFinance__Storage__ConnectionString"] = ConnectionString });
        _client = await _service.ClientAsync();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
        await StopAzuriteAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task StartAzuriteAsync()
    {
        var bin = Path.Combine(TestEnvironment.RepoRoot, "tools", "azurite", "node_modules", ".bin", "azurite-table");
        Assert.True(File.Exists(bin), $"{bin} is missing: run the tests with ./test.sh, which installs Azurite.");
        Directory.CreateDirectory(_data);
        var info = new ProcessStartInfo(bin) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--tableHost", "127.0.0.1", "--tablePort", _port.ToString(CultureInfo.InvariantCulture), "--location", _data })
        {
            info.ArgumentList.Add(arg);
        }
        _azurite = Process.Start(info)!;
        _azurite.BeginOutputReadLine();
        _azurite.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, _port);
                return;
            }
            catch (SocketException) when (clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100);
            }
        }
    }

    // SIGTERM: Azurite saves its data on the way out (a SIGKILL would lose what its store had not saved yet — the
    // emulator's own durability, not what is tested here: storage going away and coming back).
    private async Task StopAzuriteAsync()
    {
        if (_azurite is { HasExited: false })
        {
            using (var kill = Process.Start("kill", ["-TERM", _azurite.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _azurite.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                _azurite.Kill(entireProcessTree: true);
                await _azurite.WaitForExitAsync();
            }
        }
        _azurite?.Dispose();
        _azurite = null;
    }

    private async Task Signal(string signal)
    {
        using var kill = Process.Start("kill", [signal, _azurite!.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    private async Task<(HttpStatusCode Status, string? Type, string Text)> Send(HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var response = await _client!.SendAsync(request, cts.Token);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(cts.Token));
    }

    [Fact]
    public async Task Storage_that_stops_answering_mid_load_gives_retryable_problems_and_retries_with_the_same_ids_count_once()
    {
        var id = "storage-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await Send(HttpMethod.Post, "api/funding-sources", $$"""{"id":"{{id}}","name":"Regeling {{id}}","kind":"national-scheme","funder":"JenV"}""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Put, $"api/funding-sources/{id}/years/2026", """{"ceiling":"100.00"}""")).Status);

        var failures = new ConcurrentBag<string>();
        var accepted = new ConcurrentDictionary<int, bool>();
        var load = Enumerable.Range(0, 40).Select(async i =>
        {
            await Task.Delay(i * 40);
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                try
                {
                    var (status, type, text) = await Send(HttpMethod.Post, $"api/funding-sources/{id}/commitments", $$$"""{"commitmentId":"c{{{i}}}","region":"limburg","amounts":{"2026":"2.00"}}""");
                    if (status == HttpStatusCode.OK)
                    {
                        accepted[i] = true;
                        return;
                    }
                    failures.Add($"{(int)status} {type} {text[..Math.Min(160, text.Length)]}");
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    failures.Add("no answer: " + ex.GetType().Name);
                }
                await Task.Delay(300);
            }
        }).ToList();

        await Task.Delay(300);
        // Longer than the callers wait (10 s): they see no answer and retry while the first tries are still inside.
        await Signal("-STOP");
        await Task.Delay(12_000);
        await Signal("-CONT");
        await Task.WhenAll(load);

        Assert.True(accepted.Count == 40, $"{accepted.Count} of 40 accepted; answers seen: " + string.Join("\n", failures.GroupBy(f => f[..Math.Min(120, f.Length)]).Select(g => $"{g.Count()} x {g.Key}")));
        // While storage was gone the service said so and asked for a retry; it never failed with a 500.
        Assert.NotEmpty(failures);
        Assert.All(failures, f => Assert.True(f.StartsWith("503 application/problem+json", StringComparison.Ordinal) || f.StartsWith("no answer", StringComparison.Ordinal), f));

        var source = JsonNode.Parse((await Send(HttpMethod.Get, $"api/funding-sources/{id}", null)).Text)!;
        var year = source["years"]![0]!;
        Assert.Equal("80.00", year["committed"]!.GetValue<string>());
        Assert.Equal("20.00", year["available"]!.GetValue<string>());
        Assert.Equal(40, source["commitmentCount"]!.GetValue<long>());
        var balances = JsonNode.Parse((await Send(HttpMethod.Get, $"api/ledger/journals/source.{id}.2026/balances", null)).Text)!;
        Assert.All(balances.AsArray(), b => Assert.Equal("0.00", b!["debitsPending"]!.GetValue<string>()));
        Assert.True(JsonNode.Parse((await Send(HttpMethod.Get, $"api/ledger/journals/source.{id}.2026/verify", null)).Text)!["intact"]!.GetValue<bool>());
    }
}
