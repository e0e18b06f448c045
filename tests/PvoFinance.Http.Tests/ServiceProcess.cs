using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace PvoFinance.Http.Tests;

/// <summary>
/// One run of the real service: <c>dotnet PvoFinance.Silo.dll</c> as a child process on free HTTP, silo and
/// gateway ports, with its own table prefix. Its stdout and stderr are kept so failures can show them.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private const int MaxLogLines = 2_000;

    private readonly Process _process;
    private readonly Queue<string> _log = new();

    private ServiceProcess(Process process, Uri baseAddress, string tablePrefix)
    {
        _process = process;
        BaseAddress = baseAddress;
        TablePrefix = tablePrefix;
    }

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri BaseAddress { get; }

    /// <summary>A client that sends a development token for <paramref name="role"/> (ministry by default), as <paramref name="user"/> when given.</summary>
    public async Task<HttpClient> ClientAsync(string role = "ministry", string? region = null, string? province = null, string? scope = null, string? user = null)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var response = await http.PostAsync("/dev/token", System.Net.Http.Json.JsonContent.Create(new { role, region, province, scope, user }));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            http.Dispose();
            throw new InvalidOperationException($"POST /dev/token for {role} answered {(int)response.StatusCode}: {body}");
        }
        var token = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>The prefix of the service's table names.</summary>
    public string TablePrefix { get; }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote to stdout and stderr.</summary>
    public string Output
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    /// <summary>Starts the service and waits until <c>GET /health</c> answers 200; fails with the service's output otherwise.</summary>
    /// <param name="tablePrefix">The storage table prefix (services sharing one see the same data).</param>
    /// <param name="environment">More settings, e.g. the cluster mode.</param>
    public static async Task<ServiceProcess> StartAsync(string tablePrefix, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = TestEnvironment.SiloDll;
        var connection = TestEnvironment.ConnectionString;
        var (httpPort, siloPort, gatewayPort) = (FreePort(), FreePort(), FreePort());
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{httpPort}");
        // Development: the service issues test tokens at POST /dev/token, as it does for ./run.sh.
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["PvoFinance__Storage__Mode"] = "AzureTable";
        info.Environment["PvoFinance__Storage__ConnectionString"] = connection;
        info.Environment["PvoFinance__Storage__TablePrefix"] = tablePrefix;
        info.Environment["PvoFinance__Silo__SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["PvoFinance__Silo__GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var service = new ServiceProcess(process, new Uri($"http://127.0.0.1:{httpPort}/"), tablePrefix);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("Could not start dotnet " + dll);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await service.WaitHealthyAsync();
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
        return service;
    }

    /// <summary>Sends SIGTERM (a graceful shutdown, as a container runtime would) and waits for the process to exit.</summary>
    public async Task<int> StopGracefullyAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            if (OperatingSystem.IsWindows())
            {
                _process.Kill(entireProcessTree: true);
            }
            else if (Kill(_process.Id, SigTerm) != 0)
            {
                throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}.");
            }
        }
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The service (pid {_process.Id}) did not exit within {timeout} of SIGTERM. Output:\n{Output}");
        }
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: the process dies at once, as in a crash; nothing is flushed or handed over.</summary>
    public async Task CrashAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Stops the service: SIGTERM first, then the whole process tree is killed if it lingers.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                try
                {
                    await StopGracefullyAsync(TimeSpan.FromSeconds(15));
                }
                catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
                {
                    // Fall through to the hard kill below.
                }
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        var last = "no answer yet";
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with code {_process.ExitCode} before it was healthy. Output:\n{Output}");
            }
            try
            {
                using var response = await http.GetAsync("health");
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
                last = $"{(int)response.StatusCode} {body}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.GetType().Name + ": " + ex.Message;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"GET /health was not 200 within {StartTimeout.TotalSeconds} s (last: {last}). Output:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.Enqueue(line);
            while (_log.Count > MaxLogLines)
            {
                _log.Dequeue();
            }
        }
    }

    /// <summary>A TCP port on 127.0.0.1 that nothing listens on right now.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private const int SigTerm = 15;

    // Process.Kill sends SIGKILL on Unix, which would skip the host's graceful shutdown; libc's kill sends SIGTERM.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
