using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Orleans.Storage;
using PvoFinance.Access;
using PvoFinance.Applications;
using PvoFinance.Funding;
using PvoFinance.Grains;
using PvoFinance.Grains.Applications;
using PvoFinance.Grains.Funding;
using PvoFinance.Storage;
using Xunit.Abstractions;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// One application driven through the most advances a grant may schedule, every reason and reference at its longest,
/// each action keyed and replayed: every action keeps working (before, remembered answers with their whole history
/// made the state pass the entity cap after 24 such advances), and every replay — of the last key and of older ones,
/// after the file moved on — gives exactly the first answer, now rebuilt from the history instead of a stored copy.
/// </summary>
[Collection(ApplicationClusterCollection.Name)]
public sealed class ApplicationBoundedStateTests(ApplicationClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly ActorDto Manager = new("bound-manager", Role.PvoManager, "region:limburg");
    private static readonly ActorDto Ministry = new("bound-ministry", Role.Ministry, "national");
    private static readonly ActorDto Treasurer = new("bound-treasurer", Role.Treasurer, "national");

    private static string Long(string tag) => (tag + " ").PadRight(ApplicationLimits.MaxTextLength, 'x');

    [Fact]
    public async Task The_most_advances_with_the_longest_references_all_succeed_and_every_key_replays_its_first_answer()
    {
        var today = fixture.Clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/Amsterdam"]).Date;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var source = $"bound-{suffix}";
        var appId = $"bound-{suffix}";
        var grains = fixture.Client;
        var fund = grains.GetGrain<IFundingSourceGrain>(source);
        Assert.True((await fund.Create(new FundingSourceDto { Id = source, Name = $"Regeling {source}", Kind = nameof(FundingSourceKind.NationalScheme), Owner = "national", Funder = "JenV" })).Ok);
        Assert.True((await fund.SetCeiling(today.Year, 100_000_00)).Ok);
        var app = grains.GetGrain<IApplicationGrain>(appId);
        Assert.Equal(201, (await app.Create(Manager, Drafts.Of("limburg", source, Long("titel"), "30000.00"))).Status);
        Assert.True((await app.FireJson(Manager, ApplicationTrigger.Submit, new JsonObject { ["reason"] = Long("indiening") }.ToJsonString(), "k-submit", "s")).Ok);
        Assert.True((await app.FireJson(Ministry, ApplicationTrigger.StartReview, new JsonObject { ["reason"] = Long("beoordeling") }.ToJsonString(), "k-review", "r")).Ok);
        string Iso(LocalDate d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var advances = new JsonArray();
        for (var i = 0; i < ApplicationLimits.MaxAdvances; i++)
        {
            advances.Add(new JsonObject { ["due"] = Iso(today), ["amount"] = "100.00" });
        }
        var grant = new JsonObject
        {
            ["amount"] = "30000.00",
            ["endDate"] = Iso(today.PlusDays(200)),
            ["accountabilityDue"] = Iso(today.PlusDays(230)),
            ["advances"] = advances,
            ["reason"] = Long("commissie"),
        }.ToJsonString();
        var granted = await app.FireJson(Ministry, ApplicationTrigger.Grant, grant, "k-grant", "g");
        Assert.True(granted.Ok, granted.Reason);

        var first = new Dictionary<string, string> { ["k-grant"] = granted.Json! };
        var fingerprints = new Dictionary<string, string> { ["k-grant"] = "g" };
        var triggers = new Dictionary<string, ApplicationTrigger> { ["k-grant"] = ApplicationTrigger.Grant };
        var bodies = new Dictionary<string, string> { ["k-grant"] = grant };
        for (var i = 1; i <= ApplicationLimits.MaxAdvances; i++)
        {
            var key = $"k-adv-{i}";
            var body = new JsonObject { ["amount"] = "100.00", ["reference"] = Long($"bank-{i}") }.ToJsonString();
            var paid = await app.FireJson(Treasurer, ApplicationTrigger.PayAdvance, body, key, key);
            Assert.True(paid.Ok, $"advance {i}: {paid.Code} {paid.Reason}");
            (first[key], fingerprints[key], triggers[key], bodies[key]) = (paid.Json!, key, ApplicationTrigger.PayAdvance, body);

            // The same key at once, and an older key after the file moved on: the first answer, to the character.
            var again = await app.FireJson(Treasurer, ApplicationTrigger.PayAdvance, body, key, key);
            Assert.Equal(paid.Json, again.Json);
            var older = first.Keys.ElementAt(i / 2);
            var replay = await app.FireJson(older == "k-grant" ? Ministry : Treasurer, triggers[older], bodies[older], older, fingerprints[older]);
            Assert.Equal(first[older], replay.Json);
        }

        var view = JsonDocument.Parse((await app.Get(Ministry)).Json!).RootElement;
        Assert.Equal(ApplicationLimits.MaxAdvances, view.GetProperty("advancesPaid").GetInt32());
        // The view shows the newest entries and the count; the rest is paged (issue 14).
        Assert.Equal(4 + ApplicationLimits.MaxAdvances, view.GetProperty("historyCount").GetInt32());
        Assert.Equal(Math.Min(4 + ApplicationLimits.MaxAdvances, ApplicationGrain.ShownHistoryEntries), view.GetProperty("history").GetArrayLength());
        Assert.Equal($"{ApplicationLimits.MaxAdvances * 100}.00", view.GetProperty("figures").GetProperty("paid").GetString());
        // Every key still replays its first answer, whose history ends where it ended then.
        foreach (var (key, json) in first)
        {
            var replay = await app.FireJson(key == "k-grant" ? Ministry : Treasurer, triggers[key], bodies[key], key, fingerprints[key]);
            Assert.Equal(json, replay.Json);
        }
        // The stored state, as the provider writes it (its value compact: the whole history is in rows), is under its bound.
        var services = fixture.Cluster.Silos[0].ServiceProvider;
        var read = new GrainState<ApplicationGrainState>(new ApplicationGrainState());
        await services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Funding).ReadStateAsync("application", GrainId.Create("application", appId), read);
        var bytes = services.GetRequiredKeyedService<IGrainStorageSerializer>(StateWrites.MeasuringSerializerKey).Serialize(read.State).ToMemory().Length;
        output.WriteLine($"application state: {bytes:N0} bytes; state bound {GrainStateLimits.MaxApplicationBytes:N0} bytes");
        Assert.True(bytes <= GrainStateLimits.MaxApplicationBytes, $"{bytes:N0} bytes");
    }
}
