using System.Diagnostics;
using System.Globalization;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PvoFinance.Silo.Storage;
using PvoFinance.Telemetry;

namespace PvoFinance.Silo.Hosting;

/// <summary>OpenTelemetry traces and metrics: HTTP → grains → storage in one trace.</summary>
public static class TelemetryExtensions
{
    /// <summary>
    /// Registers tracing and metrics for ASP.NET Core, Orleans and the ledger. Exporter: OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; otherwise the console when <c>PvoFinance:Telemetry:Console</c> is true.
    /// </summary>
    public static WebApplicationBuilder AddPvoTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var console = builder.Configuration.GetValue("PvoFinance:Telemetry:Console", false);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("pvofinance"))
            .WithTracing(t =>
            {
                t.AddSource(LedgerTelemetry.Name, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                 .AddAspNetCoreInstrumentation(o => o.Filter = ctx => ctx.Request.Path != "/health");
                if (otlp)
                {
                    t.AddOtlpExporter();
                }
                if (console)
                {
                    t.AddConsoleExporter();
                }
            })
            .WithMetrics(m =>
            {
                m.AddMeter(LedgerTelemetry.Name, "Microsoft.Orleans").AddAspNetCoreInstrumentation();
                if (otlp)
                {
                    m.AddOtlpExporter();
                }
                if (console)
                {
                    m.AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 60_000);
                }
            });
        return builder;
    }

    /// <summary>Response header: sequential storage round trips of the request (overlapping requests count once).</summary>
    public const string RoundTripsHeader = "PVO-Storage-Round-Trips";

    /// <summary>Response header: every storage request of the request, in parallel or not.</summary>
    public const string StorageRequestsHeader = "PVO-Storage-Requests";

    /// <summary>Response header: the storage requests by operation, e.g. <c>grainstate.write=1,journal.table.get=2</c>.</summary>
    public const string StorageDetailHeader = "PVO-Storage-Detail";

    /// <summary>Development only: the totals of <see cref="StorageRequestCounter"/> as a JSON object of name → count.</summary>
    public const string StorageRequestsPath = "/dev/storage-requests";

    /// <summary>
    /// In Development only: answers every request with its storage round trips, counted from the storage spans of
    /// the request's trace (<see cref="StorageRoundTrips"/>), so <c>./bench.sh http</c> can print them per step.
    /// Elsewhere nothing is added: the header would tell a caller about the service's internals.
    /// </summary>
    public static WebApplication UsePvoStorageRoundTrips(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return app;
        }
        // Every request to Table storage, on the request's path or off it (the list's group commit, activations), by
        // table and kind; ./bench.sh http reads the totals before and after its measured window.
        StorageRequestCounter.TablePrefix = app.Services.GetRequiredService<StorageSettings>().TablePrefix;
        StorageRequestCounter.Enabled = true;
        app.MapGet(StorageRequestsPath, () => Results.Ok(StorageRequestCounter.Snapshot())).AllowAnonymous().ExcludeFromDescription();
        app.Use(async (context, next) =>
        {
            var traceId = Activity.Current?.TraceId;
            var tally = traceId is { } id ? StorageRoundTrips.Track(id) : null;
            if (tally is null)
            {
                await next(context);
                return;
            }
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers[RoundTripsHeader] = tally.Sequential.ToString(CultureInfo.InvariantCulture);
                headers[StorageRequestsHeader] = tally.Total.ToString(CultureInfo.InvariantCulture);
                headers[StorageDetailHeader] = tally.Detail;
                return Task.CompletedTask;
            });
            try
            {
                await next(context);
            }
            finally
            {
                StorageRoundTrips.Untrack(traceId!.Value, tally);
            }
        });
        return app;
    }
}
