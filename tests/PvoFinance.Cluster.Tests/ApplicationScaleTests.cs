using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
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
/// Issue 14's long application in the suite, at full length: 500 transitions, 200 of them advances paid with
/// references of the longest text, on Azurite through the silo's own storage provider. Every transition succeeds (before,
/// Azurite refused the row at transition 477: the bound was checked with another serializer and without counting the
/// table's base64), and the stored state, measured as the provider writes it, stays under its declared bound, with a
/// write request under the 1 MiB the table takes.
/// </summary>
[Collection(ApplicationClusterCollection.Name)]
public sealed class ApplicationScaleTests(ApplicationClusterFixture fixture, ITestOutputHelper output)
{
    private const int Transitions = 500;
    private const int Advances = 200;

    private static readonly ActorDto Manager = new("scale-manager", Role.PvoManager, "region:limburg");
    private static readonly ActorDto Ministry = new("scale-ministry", Role.Ministry, "national");
    private static readonly ActorDto Treasurer = new("scale-treasurer", Role.Treasurer, "national");

    private static string Long(string tag) => (tag + " ").PadRight(ApplicationLimits.MaxTextLength, 'x');

    private long largestAnswer;

    private async Task<long> StoredBytesAsync(string appId)
    {
        var services = fixture.Cluster.Silos[0].ServiceProvider;
        var read = new GrainState<ApplicationGrainState>(new ApplicationGrainState());
        await services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Funding).ReadStateAsync("application", GrainId.Create("application", appId), read);
        // Every remembered answer fits the room the bound keeps for one.
        Assert.All(read.State!.Replies.Values, r => Assert.InRange(r.Bytes, 1, GrainStateLimits.ApplicationAnswerHeadroomBytes));
        largestAnswer = Math.Max(largestAnswer, read.State.Replies.Values.Select(r => r.Bytes).DefaultIfEmpty().Max());
        return services.GetRequiredKeyedService<IGrainStorageSerializer>(StateWrites.MeasuringSerializerKey).Serialize(read.State).ToMemory().Length;
    }

    [Fact]
    public async Task One_application_takes_500_transitions_with_200_advances_of_the_longest_references_and_its_state_stays_under_its_bound()
    {
        Assert.True(Advances <= ApplicationLimits.MaxAdvances);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var source = $"scale-{suffix}";
        var fund = fixture.Client.GetGrain<IFundingSourceGrain>(source);
        Assert.True((await fund.Create(new FundingSourceDto { Id = source, Name = $"Regeling {source}", Kind = nameof(FundingSourceKind.NationalScheme), Owner = "national", Funder = "JenV" })).Ok);
        Assert.True((await fund.SetCeiling(fixture.Clock.Today.Year, 1_000_000_00)).Ok);
        var appId = $"scale-{suffix}";
        var app = fixture.Client.GetGrain<IApplicationGrain>(appId);
        var done = 1;
        long largest = 0;
        async Task Step(string key, ActorDto actor, ApplicationTrigger trigger, string body)
        {
            var reply = await app.FireJson(actor, trigger, body, key, key);
            Assert.True(reply.Ok, $"transition {done + 1} ({key}): {reply.Code} {reply.Field}: {reply.Reason}");
            done++;
            if (done % 25 == 0 || done > Transitions - 10)
            {
                largest = Math.Max(largest, await StoredBytesAsync(appId));
            }
        }

        Assert.Equal(201, (await app.Create(Manager, Drafts.Of("limburg", source, Long("titel"), "30000.00"))).Status);
        for (var i = 0; done < Transitions - Advances - 3; i++)
        {
            await Step($"k-edit-{i}", Manager, ApplicationTrigger.EditDraft, new JsonObject { ["title"] = Long($"titel {i}"), ["requested"] = "30000.00" }.ToJsonString());
        }
        await Step("k-submit", Manager, ApplicationTrigger.Submit, new JsonObject { ["reason"] = Long("indiening") }.ToJsonString());
        await Step("k-review", Ministry, ApplicationTrigger.StartReview, new JsonObject { ["reason"] = Long("beoordeling") }.ToJsonString());
        var today = fixture.Clock.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var schedule = new JsonArray();
        for (var i = 0; i < Advances; i++)
        {
            schedule.Add(new JsonObject { ["due"] = today, ["amount"] = "150.00" });
        }
        await Step("k-grant", Ministry, ApplicationTrigger.Grant, new JsonObject
        {
            ["amount"] = "30000.00",
            ["endDate"] = fixture.Clock.Today.PlusDays(200).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["accountabilityDue"] = fixture.Clock.Today.PlusDays(230).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["advances"] = schedule,
            ["reason"] = Long("commissie"),
        }.ToJsonString());
        for (var i = 1; i <= Advances; i++)
        {
            await Step($"k-pay-{i}", Treasurer, ApplicationTrigger.PayAdvance, new JsonObject { ["amount"] = "150.00", ["reference"] = Long($"bank {i}") }.ToJsonString());
        }

        largest = Math.Max(largest, await StoredBytesAsync(appId));
        output.WriteLine($"{done} transitions ({Advances} advances); largest stored state {largest:N0} B of {GrainStateLimits.MaxApplicationBytes:N0} B, " +
            $"write request {GrainStateLimits.RequestBytesOf(largest):N0} B of {GrainStateLimits.EntityRequestBytes:N0} B; largest remembered answer {largestAnswer:N0} B");
        Assert.Equal(Transitions, done);
        Assert.True(largest <= GrainStateLimits.MaxApplicationBytes, $"{largest:N0} bytes");
        var view = JsonDocument.Parse((await app.Get(Ministry)).Json!).RootElement;
        Assert.Equal(Transitions, view.GetProperty("historyCount").GetInt32());
        Assert.Equal(Advances, view.GetProperty("advancesPaid").GetInt32());
        Assert.Equal("30000.00", view.GetProperty("figures").GetProperty("paid").GetString());
        // The first keys still answer as first given, from their rows.
        Assert.True((await app.FireJson(Manager, ApplicationTrigger.EditDraft, new JsonObject { ["title"] = Long("titel 0"), ["requested"] = "30000.00" }.ToJsonString(), "k-edit-0", "k-edit-0")).Ok);
    }
}
