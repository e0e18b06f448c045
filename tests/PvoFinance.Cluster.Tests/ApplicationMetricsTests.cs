using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using PvoFinance.Access;
using PvoFinance.Applications;
using PvoFinance.Funding;
using PvoFinance.Grains.Applications;
using PvoFinance.Grains.Funding;
using PvoFinance.Telemetry;

namespace PvoFinance.Cluster.Tests;

/// <summary>The application metrics count what was stored (by trigger and state reached) and what was refused (by code).</summary>
[Collection(ApplicationClusterCollection.Name)]
public sealed class ApplicationMetricsTests(ApplicationClusterFixture fixture)
{
    private static readonly ActorDto Manager = new("metrics-manager", Role.PvoManager, "region:limburg");

    [Fact]
    public async Task Transitions_and_refusals_are_counted_with_their_trigger_state_and_code()
    {
        var seen = new ConcurrentQueue<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == LedgerTelemetry.Name && instrument.Name.StartsWith("pvo.applications.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            seen.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();

        var source = Ledger.Unique("metrics").Replace(".", "-", StringComparison.Ordinal);
        var fund = fixture.Client.GetGrain<IFundingSourceGrain>(source);
        Assert.True((await fund.Create(new FundingSourceDto { Id = source, Name = $"Fonds {source}", Kind = nameof(FundingSourceKind.ProvincialFund), Owner = "province:Limburg", Funder = "Provincie Limburg" })).Ok);
        var appId = Ledger.Unique("metrics-app");
        var app = fixture.Client.GetGrain<IApplicationGrain>(appId);
        Assert.Equal(201, (await app.Create(Manager, Drafts.Of("limburg", source, "Keurmerk", "1000.00"))).Status);
        Assert.True((await app.FireJson(Manager, ApplicationTrigger.Submit, null, null, "s")).Ok);
        Assert.Equal(403, (await app.FireJson(Manager, ApplicationTrigger.StartReview, null, null, "r")).Status);

        var transitions = seen.Where(s => s.Instrument == "pvo.applications.transitions" && Equals(s.Tags["trigger"], "Submit")).ToList();
        Assert.Single(transitions);
        Assert.Equal("Submitted", transitions[0].Tags["state"]);
        var refusals = seen.Where(s => s.Instrument == "pvo.applications.refusals" && Equals(s.Tags["trigger"], "StartReview")).ToList();
        Assert.Single(refusals);
        Assert.Equal("Forbidden", refusals[0].Tags["code"]);
        Assert.DoesNotContain(seen, s => s.Instrument == "pvo.applications.transitions" && Equals(s.Tags["trigger"], "StartReview"));
    }
}
