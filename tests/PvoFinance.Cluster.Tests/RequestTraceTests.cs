using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;
using PvoFinance.Api.Extensions;
using PvoFinance.Silo.Hosting;
using PvoFinance.Telemetry;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// One HTTP request is one trace: the ASP.NET Core server span, Orleans' grain call spans and the storage spans
/// (grain state in Azure Table storage, journal appends) hang from each other. The real service — built as
/// <c>Program</c> builds it, listening on a free port, on Azurite — exports its spans to OpenTelemetry's in-memory
/// exporter next to its own exporters.
/// </summary>
public sealed class RequestTraceTests
{
    [Fact]
    public async Task A_request_is_one_trace_from_http_through_grains_to_storage()
    {
        var spans = new SpanBag();
        var port = FreePort();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PvoFinance:Storage:ConnectionString"] = ClusterFixture.ConnectionString(),
            ["PvoFinance:Storage:TablePrefix"] = "trace" + Guid.NewGuid().ToString("N")[..8],
            ["PvoFinance:Silo:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["PvoFinance:Silo:GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
        });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.AddPvoSilo();
        builder.AddPvoTelemetry();
        builder.Services.AddPvoApi(builder.Configuration, builder.Environment);
        builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans));
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
            var source = "trace-" + Guid.NewGuid().ToString("N")[..8];

            // Grain state: creating a funding source writes the source grain's state.
            using (var created = await http.PostAsJsonAsync("/api/funding-sources", new { id = source, name = "Trace", kind = "national-scheme", funder = "Ministerie van Justitie en Veiligheid" }))
            {
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            }
            AssertChain(await ServerSpanAsync(spans, "POST", "/api/funding-sources"), spans, "grainstate.write");

            // Journal: a ceiling opens the budget year with an entry in the year's journal.
            using (var ceiling = await http.PutAsJsonAsync($"/api/funding-sources/{source}/years/2026", new { ceiling = "1000.00" }))
            {
                Assert.Equal(HttpStatusCode.OK, ceiling.StatusCode);
            }
            AssertChain(await ServerSpanAsync(spans, "PUT", $"/api/funding-sources/{source}/years/2026"), spans, "journal.append");
        }
        finally
        {
            await app.StopAsync();
        }
    }

    // The server span of one request; ASP.NET Core ends it just after the response, so it may arrive a little later.
    private static async Task<Activity> ServerSpanAsync(SpanBag spans, string method, string path)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var found = spans.Snapshot().FirstOrDefault(s => s.Kind == ActivityKind.Server
                && Equals(s.GetTagItem("http.request.method"), method) && Equals(s.GetTagItem("url.path"), path));
            if (found is not null)
            {
                return found;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"No server span for {method} {path}; spans seen: {string.Join(", ", spans.Snapshot().Select(s => s.DisplayName))}");
        return null!;
    }

    // Every storage span of the request's trace climbs, parent by parent, through at least one Orleans grain call
    // span to the HTTP server span: one trace, not a span that merely shares a time window.
    private static void AssertChain(Activity server, SpanBag spans, string storageSpan)
    {
        var trace = spans.Snapshot().Where(s => s.TraceId == server.TraceId).ToList();
        var byId = trace.ToDictionary(s => s.SpanId);
        var storage = trace.Where(s => s.Source.Name == LedgerTelemetry.Name && s.OperationName == storageSpan).ToList();
        Assert.True(storage.Count > 0, $"No {storageSpan} span in the trace of {server.DisplayName}; the trace has: {string.Join(", ", trace.Select(s => $"{s.Source.Name}:{s.DisplayName}"))}");
        foreach (var span in storage)
        {
            var chain = new List<Activity>();
            var current = span;
            while (current.ParentSpanId != default && byId.TryGetValue(current.ParentSpanId, out var parent))
            {
                chain.Add(parent);
                current = parent;
            }
            var path = string.Join(" ← ", chain.Select(c => $"{c.Source.Name}:{c.DisplayName}"));
            Assert.True(current.SpanId == server.SpanId, $"{storageSpan} does not reach the server span; its parents: {path}");
            Assert.True(chain.Any(c => c.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)), $"No Orleans grain call span between HTTP and {storageSpan}: {path}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // The in-memory exporter adds from whichever thread ends a span; the test reads while the service runs.
    private sealed class SpanBag : ICollection<Activity>
    {
        private readonly List<Activity> _items = [];

        public int Count { get { lock (_items) { return _items.Count; } } }

        public bool IsReadOnly => false;

        public Activity[] Snapshot() { lock (_items) { return [.. _items]; } }

        public void Add(Activity item) { lock (_items) { _items.Add(item); } }

        public void Clear() { lock (_items) { _items.Clear(); } }

        public bool Contains(Activity item) { lock (_items) { return _items.Contains(item); } }

        public void CopyTo(Activity[] array, int arrayIndex) { lock (_items) { _items.CopyTo(array, arrayIndex); } }

        public bool Remove(Activity item) { lock (_items) { return _items.Remove(item); } }

        public IEnumerator<Activity> GetEnumerator() => ((IEnumerable<Activity>)Snapshot()).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
