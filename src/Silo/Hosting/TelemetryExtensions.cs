using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
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
}
