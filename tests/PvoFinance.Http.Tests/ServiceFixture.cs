namespace PvoFinance.Http.Tests;

/// <summary>
/// One service process shared by every class in the <see cref="ServiceCollection"/>, with its own table prefix.
/// Tests keep out of each other's way by using their own journal and transfer ids.
/// </summary>
public class ServiceFixture : IAsyncLifetime
{
    private ServiceProcess? _service;
    private HttpClient? _http;

    /// <summary>The running service.</summary>
    public ServiceProcess Service => _service ?? throw new InvalidOperationException("The service is not started.");

    /// <summary>A client for the running service.</summary>
    public LedgerApi Api => new(_http ?? throw new InvalidOperationException("The service is not started."), Service);

    /// <summary>More settings for the service process (a derived fixture's, e.g. the test clock).</summary>
    protected virtual IReadOnlyDictionary<string, string>? Environment => null;

    public async Task InitializeAsync()
    {
        _service = await ServiceProcess.StartAsync(TestEnvironment.NewTablePrefix(), Environment);
        _http = await _service.ClientAsync();
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }
}

/// <summary>The HTTP tests that share one service process.</summary>
[CollectionDefinition(Name)]
public sealed class ServiceCollection : ICollectionFixture<ServiceFixture>
{
    public const string Name = "service";
}
