using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using PvoFinance.Silo.Storage;
using PvoFinance.Telemetry;

namespace PvoFinance.Storage.Tests;

/// <summary>
/// Grain state storage reports what it does: a span per table request, its latency by operation and outcome, and
/// every optimistic-concurrency conflict — measured against a real table endpoint.
/// </summary>
public sealed class GrainStorageTelemetryTests(AzuriteTableFixture table) : IClassFixture<AzuriteTableFixture>
{
    [Fact]
    public async Task Reads_writes_and_a_stale_write_are_measured_traced_and_the_conflict_counted()
    {
        // A provider name of its own: the meter is process-wide and other test classes write at the same time.
        var provider = "telemetry-" + Guid.NewGuid().ToString("N")[..8];
        var latencies = new ConcurrentQueue<(string Operation, string Outcome)>();
        var conflicts = new ConcurrentQueue<(string Operation, long Value)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == LedgerTelemetry.Name && instrument.Name.StartsWith("pvo.storage.grainstate.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<double>((instrument, _, tags, _) =>
        {
            var t = Tags(tags);
            if (Equals(t.GetValueOrDefault("provider"), provider) && instrument.Name == "pvo.storage.grainstate.duration")
            {
                latencies.Enqueue(((string)t["operation"]!, (string)t["outcome"]!));
            }
        });
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var t = Tags(tags);
            if (Equals(t.GetValueOrDefault("provider"), provider) && instrument.Name == "pvo.storage.grainstate.conflicts")
            {
                conflicts.Enqueue(((string)t["operation"]!, value));
            }
        });
        meters.Start();
        var spans = new ConcurrentQueue<Activity>();
        using var tracer = new ActivityListener
        {
            ShouldListenTo = s => s.Name == LedgerTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (Equals(a.GetTagItem("pvo.storage.provider"), provider))
                {
                    spans.Enqueue(a);
                }
            },
        };
        ActivitySource.AddActivityListener(tracer);

        var storage = await PackageGrainStorage.StartAsync(table.ConnectionString, table.TableName, provider);
        var id = GrainId.Create("testgrain", "telemetry-" + Guid.NewGuid().ToString("N"));
        var state = new GrainState<TestState>(new TestState { Name = "v1" });
        await storage.WriteStateAsync("state", id, state);
        var stale = new GrainState<TestState>();
        await storage.ReadStateAsync("state", id, stale);
        state.State!.Name = "v2";
        await storage.WriteStateAsync("state", id, state);
        stale.State!.Name = "stale";
        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => storage.WriteStateAsync("state", id, stale));

        Assert.Equal([("write", "ok"), ("read", "ok"), ("write", "ok"), ("write", "conflict")], latencies.ToArray());
        Assert.Equal([("write", 1L)], conflicts.ToArray());
        var names = spans.Select(s => (s.OperationName, s.Status)).ToArray();
        Assert.Equal(
            [("grainstate.write", ActivityStatusCode.Unset), ("grainstate.read", ActivityStatusCode.Unset), ("grainstate.write", ActivityStatusCode.Unset), ("grainstate.write", ActivityStatusCode.Error)],
            names);
        Assert.All(spans, s => Assert.Equal(id.ToString(), s.GetTagItem("pvo.grain")));
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }
        return result;
    }
}
