using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using PvoFinance.Access;
using PvoFinance.Applications;
using PvoFinance.Funding;
using PvoFinance.Grains;
using PvoFinance.Grains.Applications;
using PvoFinance.Grains.Contracts;
using PvoFinance.Grains.Funding;
using PvoFinance.Ledger;
using PvoFinance.Regions;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// The one saga (docs/ledger.md, "Sagas") on real silos: a journal batch is all or none; a transfer whose ledger step
/// failed after its intent was stored finishes exactly once; state written by the version before the saga (a transition
/// left pending, half booked) is finished by the next call with the keys it already used.
/// </summary>
[Collection(ApplicationClusterCollection.Name)]
public sealed class SagaTests(ApplicationClusterFixture fixture)
{
    private static readonly ActorDto Manager = new("saga-manager", Role.PvoManager, "region:limburg");
    private static readonly ActorDto Officer = new("saga-officer", Role.ProvincialOfficer, "province:Limburg");

    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task A_batch_with_one_refused_entry_applies_none_and_a_good_batch_lands_whole()
    {
        var journal = Ledger.Unique("batch");
        await Ledger.OpenBudget(Grains, journal, "budget:b:2026", 1_000_00);
        var ledger = Grains.GetGrain<ILedgerGrain>(journal);
        var before = await ledger.GetSummary();
        LedgerRequest Hold(string key, long cents) => new()
        {
            Kind = LedgerRequestKind.Reserve,
            Key = key,
            ValueDate = Ledger.Day,
            Postings = [Ledger.Leg("budget:b:2026", cents), Ledger.Leg("commitment:b:2026:limburg", -cents)],
        };
        LedgerRequest PostOf(string key) => new() { Kind = LedgerRequestKind.PostReservation, Key = $"{key}:post", ValueDate = Ledger.Day, ReservationKey = key };

        var refused = await ledger.ExecuteBatch([Hold("a", 600_00), PostOf("a"), Hold("b", 400_01)]);
        Assert.False(refused.Succeeded);
        Assert.Equal(2, refused.RefusedIndex);
        Assert.Equal(nameof(RejectionCode.LimitExceeded), refused.Rejection!.Code);
        Assert.Equal(before.Version, (await ledger.GetSummary()).Version);
        Assert.Empty(await ledger.GetEntries(before.Version, 10));
        Assert.Equal(1_000_00, (await Ledger.Balances(Grains, journal))["budget:b:2026"].Available);

        var good = await ledger.ExecuteBatch([Hold("a", 600_00), PostOf("a"), Hold("b", 400_00), PostOf("b")]);
        Assert.True(good.Succeeded);
        Assert.Equal([before.Version + 1, before.Version + 2, before.Version + 3, before.Version + 4], good.Replies.Select(r => r.Sequence));
        Assert.All(good.Replies, r => Assert.Equal(LedgerReplyStatus.Committed, r.Status));
        var again = await ledger.ExecuteBatch([Hold("a", 600_00), PostOf("a"), Hold("b", 400_00), PostOf("b")]);
        Assert.All(again.Replies, r => Assert.Equal(LedgerReplyStatus.Replayed, r.Status));
        Assert.Equal(good.Replies.Select(r => r.Sequence), again.Replies.Select(r => r.Sequence));
        Assert.Equal(0, (await Ledger.Balances(Grains, journal))["budget:b:2026"].Available);

        var tooMany = await ledger.ExecuteBatch([.. Enumerable.Range(0, LedgerGrain.MaxBatchRequests + 1).Select(i => Hold($"x{i}", 1))]);
        Assert.Equal((nameof(RejectionCode.Invalid), "requests"), (tooMany.Rejection!.Code, tooMany.Rejection.Field));
    }

    [Fact]
    public async Task A_transfer_whose_ledger_step_failed_after_its_intent_was_stored_finishes_exactly_once()
    {
        var (from, to) = (Ledger.Unique("tsrc"), Ledger.Unique("tdst"));
        await Ledger.OpenBudget(Grains, from, "budget:t:2026", 1_000_00);
        var id = Ledger.Unique("tr");
        var request = Ledger.Transfer(from, "budget:t:2026", to, "project:p:t", 250_00);
        var tripped = fixture.Faults.Tripped;

        // The intent is stored, the sending journal's batch lands, and the call fails as if the silo went down.
        fixture.Faults.FailNextAppendAfterItLands($"{id}:");
        await Assert.ThrowsAnyAsync<Exception>(() => Grains.GetGrain<ITransferGrain>(id).Execute(request));
        Assert.Equal(tripped + 1, fixture.Faults.Tripped);

        // The next call finishes it from the stored intent: the status asks nothing new of the caller.
        var status = await Grains.GetGrain<ITransferGrain>(id).GetStatus();
        Assert.Equal(TransferStatus.Completed, status.Status);
        var retried = await Grains.GetGrain<ITransferGrain>(id).Execute(request);
        Assert.Equal(status, retried);
        Assert.Equal([$"{id}:reserve", $"{id}:post"], (await Grains.GetGrain<ILedgerGrain>(from).GetEntries(1, 10)).Select(e => e.Key));
        Assert.Equal([$"{id}:credit"], (await Grains.GetGrain<ILedgerGrain>(to).GetEntries(0, 10)).Select(e => e.Key));
        Assert.Equal(750_00, (await Ledger.Balances(Grains, from))["budget:t:2026"].Available);
        Assert.Equal(0, await Ledger.NetPosted(Grains, [from, to]));
    }

    [Fact]
    public async Task A_transition_left_pending_and_half_booked_by_the_previous_version_is_finished_once_with_its_keys()
    {
        var year = fixture.Clock.Today.Year;
        var source = Ledger.Unique("saga").Replace(".", "-", StringComparison.Ordinal);
        var fund = Grains.GetGrain<IFundingSourceGrain>(source);
        Assert.True((await fund.Create(new FundingSourceDto { Id = source, Name = $"Fonds {source}", Kind = nameof(FundingSourceKind.ProvincialFund), Owner = "province:Limburg", Funder = "Provincie Limburg" })).Ok);
        Assert.True((await fund.SetCeiling(year, 100_000_00)).Ok);
        var appId = Ledger.Unique("saga-app");
        var app = Grains.GetGrain<IApplicationGrain>(appId);
        Assert.Equal(201, (await app.Create(Manager, Drafts.Of("limburg", source, "Keurmerk", "60000.00"))).Status);
        Assert.True((await app.FireJson(Manager, ApplicationTrigger.Submit, null, null, "s")).Ok);
        Assert.True((await app.FireJson(Officer, ApplicationTrigger.StartReview, null, null, "r")).Ok);
        var today = fixture.Clock.Today;
        var body = $$"""{"amount":"60000.00","endDate":"{{today.PlusDays(200):yyyy-MM-dd}}","accountabilityDue":"{{today.PlusDays(230):yyyy-MM-dd}}","advances":[],"reason":"commissie"}""";
        // A failed write drops the activation (and books nothing), so the state below is what the next activation reads.
        fixture.Faults.FailNextApplicationWrite(appId);
        await Assert.ThrowsAnyAsync<Exception>(() => app.FireJson(Officer, ApplicationTrigger.Grant, body, null, "first"));
        await Task.Delay(500);

        // What the previous version stored after deciding a grant and reserving its commitment, before posting it.
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Funding);
        var grainId = GrainId.Create("application", appId);
        var stored = new GrainState<ApplicationGrainState>(new ApplicationGrainState());
        await storage.ReadStateAsync("application", grainId, stored);
        var underReview = ApplicationJson.Deserialize(stored.State!.Json!);
        var who = new Actor(Officer.UserId, Caller.Create(Officer.Role, Scope.TryParse(Officer.Reach, out var reach) ? reach : throw new InvalidOperationException()));
        var decided = await new ApplicationWorkflow(underReview, new AccessRules(RegionCatalog.Shipped), fixture.Clock)
            .FireAsync(ApplicationTrigger.Grant, who, JsonSerializer.Deserialize(body, ApplicationWorkflow.PayloadTypeOf(ApplicationTrigger.Grant), ApplicationJson.Options));
        Assert.True(decided.IsOk);
        var entry = decided.Application.History[^1];
        var fingerprint = $"{Officer.UserId}\n{ApplicationTrigger.Grant}\n{body}";
        stored.State!.Pending = new PendingTransition(ApplicationJson.Serialize(decided.Application), Officer, "grant-legacy", fingerprint);
        await storage.WriteStateAsync("application", grainId, stored);
        var reserve = ApplicationBookings.PlanOf(appId, decided.Application, entry, 0).Forward.Single().Steps[0].Command;
        Assert.Equal($"app:{appId}:{entry.Sequence}:0", reserve.Key);
        var journal = $"source.{source}.{year}";
        Assert.Equal(LedgerReplyStatus.Committed, (await Grains.GetGrain<ILedgerGrain>(journal).Execute(LedgerRequestMapper.ToRequest(reserve))).Status);

        // The next reader finishes it: the reservation it finds is posted, once; the application is granted.
        var view = await app.Get(Manager);
        Assert.Contains("\"state\":\"Granted\"", view.Json);
        Assert.Contains("\"matchesDecisions\":true", view.Json);
        var prefix = $"app:{appId}:";
        async Task<string[]> Keys() => [.. (await Grains.GetGrain<ILedgerGrain>(journal).GetEntries(0, 1000)).Select(e => e.Key).Where(k => k.StartsWith(prefix, StringComparison.Ordinal))];
        Assert.Equal([reserve.Key, $"{reserve.Key}:post"], await Keys());
        Assert.Equal(40_000_00, (await Ledger.Balances(Grains, journal))[$"budget:{source}:{year}"].Available);
        // The caller's retry with its key gets the grant's answer and books nothing more.
        var retried = await app.FireJson(Officer, ApplicationTrigger.Grant, body, "grant-legacy", fingerprint);
        Assert.True(retried.Ok, retried.Reason);
        Assert.Contains("\"state\":\"Granted\"", retried.Json);
        Assert.Equal([reserve.Key, $"{reserve.Key}:post"], await Keys());
    }
}
