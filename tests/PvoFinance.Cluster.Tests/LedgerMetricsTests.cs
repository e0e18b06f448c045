using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using PvoFinance.Grains.Contracts;
using PvoFinance.Telemetry;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// The ledger's metrics move with what the ledger does, on silos whose journals are in Table storage: postings and
/// entries made durable, the latency and size of each journal append, and a ceiling refusal counted by its code.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LedgerMetricsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Postings_append_latency_and_a_ceiling_refusal_are_measured()
    {
        var longs = new ConcurrentQueue<(string Instrument, long Value, string? Code)>();
        var doubles = new ConcurrentQueue<(string Instrument, double Value)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == LedgerTelemetry.Name
                && (instrument.Name.StartsWith("pvo.ledger.", StringComparison.Ordinal) || instrument.Name.StartsWith("pvo.storage.append.", StringComparison.Ordinal)))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? code = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "code")
                {
                    code = tag.Value as string;
                }
            }
            longs.Enqueue((instrument.Name, value, code));
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => doubles.Enqueue((instrument.Name, value)));
        listener.Start();

        var source = Ledger.Unique("source.metrics");
        var region = Ledger.Unique("region.metrics");
        // One balanced entry of two postings, made durable in one append.
        await Ledger.OpenBudget(fixture.Client, source, "budget:m:2026", 1_000_00);
        Assert.Contains(longs, m => m.Instrument == "pvo.ledger.postings" && m.Value == 2);
        Assert.Contains(longs, m => m.Instrument == "pvo.ledger.entries" && m.Value == 1);
        Assert.Contains(longs, m => m.Instrument == "pvo.storage.append.entries" && m.Value >= 1);
        Assert.Contains(doubles, m => m.Instrument == "pvo.storage.append.duration" && m.Value > 0);
        Assert.DoesNotContain(longs, m => m.Instrument == "pvo.ledger.rejections");

        // Twice the budget: the reservation is refused against the ceiling and counted as LimitExceeded; nothing is posted.
        var postingsBefore = longs.Where(m => m.Instrument == "pvo.ledger.postings").Sum(m => m.Value);
        var reply = await fixture.Client.GetGrain<ITransferGrain>(Ledger.Unique("t")).Execute(Ledger.Transfer(source, "budget:m:2026", region, "region:metrics:funds", 2_000_00));
        Assert.Equal(TransferStatus.Rejected, reply.Status);
        Assert.Contains(longs, m => m.Instrument == "pvo.ledger.rejections" && m.Code == "LimitExceeded");
        Assert.Equal(postingsBefore, longs.Where(m => m.Instrument == "pvo.ledger.postings").Sum(m => m.Value));
    }
}
