using System.Diagnostics.Metrics;
using PvoFinance.Telemetry;

namespace PvoFinance.Cluster.Tests;

/// <summary>Counts journal appends and the entries in them from the service's own metrics while alive.</summary>
internal sealed class AppendCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _appends;
    private long _entries;

    public AppendCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LedgerTelemetry.Name && instrument.Name == "pvo.storage.append.entries")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
        {
            Interlocked.Increment(ref _appends);
            Interlocked.Add(ref _entries, value);
        });
        _listener.Start();
    }

    public long Appends => Interlocked.Read(ref _appends);

    public long Entries => Interlocked.Read(ref _entries);

    public void Dispose() => _listener.Dispose();
}
