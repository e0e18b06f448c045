using System.Diagnostics.Metrics;

namespace PvoFinance.Telemetry;

/// <summary>Metrics of the regions' application lists. Names are stable: dashboards and alerts depend on them.</summary>
public static class ApplicationListTelemetry
{
    private static readonly Meter Meter = new(LedgerTelemetry.Name);

    /// <summary>Rows created or replaced in the list store.</summary>
    public static readonly Counter<long> RowsWritten = Meter.CreateCounter<long>("pvo.applications.list.rows_written", description: "Application-list rows created or replaced");

    /// <summary>Rows per batch written to the list store (group commit size).</summary>
    public static readonly Histogram<long> BatchSize = Meter.CreateHistogram<long>("pvo.applications.list.batch", description: "Rows per application-list batch");

    /// <summary>Failed list writes: batches that storage refused (retried), and summaries refused because the queue was full.</summary>
    public static readonly Counter<long> WriteFailures = Meter.CreateCounter<long>("pvo.applications.list.write_failures", description: "Application-list writes that failed, by reason");

    /// <summary>Rows made right by a retry after a failed write, or moved from the old list state.</summary>
    public static readonly Counter<long> Repairs = Meter.CreateCounter<long>("pvo.applications.list.repairs", description: "Application-list rows repaired, by how");
}
