using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Azure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;
using PvoFinance.Api.Extensions;
using PvoFinance.Grains;
using PvoFinance.Silo.Hosting;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// A permanent refusal by storage is never dressed as a fault of the moment: when the storage service refuses a grain's
/// state as too large (Azure's and Azurite's <c>413 EntityTooLarge</c>), the real service answers 507 with the reason and
/// no <c>Retry-After</c>, and nothing was stored; the same request for another record still succeeds.
/// </summary>
public sealed class StorageRefusalTests
{
    [Fact]
    public async Task A_record_storage_refuses_as_too_large_is_a_507_without_retry_and_nothing_is_stored()
    {
        var port = FreePort();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PvoFinance:Storage:ConnectionString"] = ClusterFixture.ConnectionString(),
            ["PvoFinance:Storage:TablePrefix"] = "refuse" + Guid.NewGuid().ToString("N")[..8],
            ["PvoFinance:Silo:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["PvoFinance:Silo:GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
        });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.AddPvoSilo();
        builder.Services.AddPvoApi(builder.Configuration, builder.Environment);
        // The storage service itself refuses the state of sources whose id starts with "huge-", as Azure does for an
        // entity over 1 MiB; the service's own wrapper (ObservedGrainStorage) sits above and must tell it for what it is.
        var original = builder.Services.Single(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, StorageNames.Funding));
        var factory = original.KeyedImplementationFactory!;
        builder.Services.Remove(original);
        builder.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Funding, (sp, key) =>
            new Silo.Storage.ObservedGrainStorage(StorageNames.Funding, new TooLargeForHuge((IGrainStorage)factory(sp, key))));
        await using var app = builder.Build();
        app.MapPvoApi();
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            using (var issued = await http.PostAsJsonAsync("/dev/token", new { role = "ministry" }))
            {
                issued.EnsureSuccessStatusCode();
                var token = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString();
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            var huge = "huge-" + Guid.NewGuid().ToString("N")[..8];
            using (var refused = await http.PostAsJsonAsync("/api/funding-sources", new { id = huge, name = "Huge", kind = "national-scheme", funder = "Ministerie van Justitie en Veiligheid" }))
            {
                var text = await refused.Content.ReadAsStringAsync();
                Assert.True(refused.StatusCode == HttpStatusCode.InsufficientStorage, $"{(int)refused.StatusCode} {text}");
                Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
                Assert.Null(refused.Headers.RetryAfter);
                var problem = JsonDocument.Parse(text).RootElement;
                Assert.Equal("StorageRefused", problem.GetProperty("code").GetString());
                var detail = problem.GetProperty("detail").GetString()!;
                Assert.Contains("Retrying cannot help", detail, StringComparison.Ordinal);
                Assert.Contains("413 EntityTooLarge", detail, StringComparison.Ordinal);
                Assert.DoesNotContain("briefly", text, StringComparison.OrdinalIgnoreCase);
            }
            // Nothing was stored: the source does not exist.
            using (var read = await http.GetAsync($"/api/funding-sources/{huge}"))
            {
                Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
            }
            // Another record goes through the same storage untouched.
            using (var created = await http.PostAsJsonAsync("/api/funding-sources", new { id = "fine-" + Guid.NewGuid().ToString("N")[..8], name = "Fine", kind = "national-scheme", funder = "Ministerie van Justitie en Veiligheid" }))
            {
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            }
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private sealed class TooLargeForHuge(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            grainId.Key.ToString()!.StartsWith("huge-", StringComparison.Ordinal)
                ? throw new RequestFailedException(413, "The entity is larger than the maximum allowed size (1MB).", "EntityTooLarge", null)
                : inner.WriteStateAsync(stateName, grainId, grainState);

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

        public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
