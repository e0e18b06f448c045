using System.Net;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.ApplicationTestKit;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// Idempotency keys on application actions: the same key with the same body (user and action) replays the first
/// answer without booking again; the same key with another body, another action or another user is a 409; a
/// refused request is not remembered, so its key can be used again; keys belong to one application.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class ApplicationIdempotencyTests(ServiceFixture fixture)
{
    private const string Region = "limburg";

    [Fact]
    public async Task A_keyed_action_replays_and_the_same_key_for_anything_else_is_a_conflict()
    {
        var source = await fixture.FundAsync("idm", "100000.00");
        var appId = $"idm-{Suffix}";
        var otherApp = $"idm-{Suffix}-b";
        await fixture.DraftAsync(appId, Region, source, "30000.00");
        await fixture.DraftAsync(otherApp, Region, source, "30000.00");
        var manager = await fixture.As(Who.Manager(Region));
        var officer = await fixture.As(Who.Officer("Limburg"));
        var treasurer = await fixture.As(Who.Treasurer("province:Limburg"));
        foreach (var id in new[] { appId, otherApp })
        {
            await manager.Act(id, "submit");
            await officer.Act(id, "start-review");
            await officer.Act(id, "grant", GrantWith("30000.00", (0, "10000.00"), (0, "5000.00")));
        }
        var journal = $"source.{source}.{ThisYear}";
        var region = $"region.{Region}";

        // A refused request is not remembered: the same key with a corrected body is judged afresh.
        var key = $"adv-{Suffix}";
        (await treasurer.TryActKeyed(appId, "pay-advance", Amount("9999.99"), key)).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "amount");
        var first = (await treasurer.TryActKeyed(appId, "pay-advance", Amount("10000.00", "bank-1"), key)).Expect(HttpStatusCode.OK);
        Assert.Equal("10000.00", Figure(first.Json, "paid"));
        var sourceState = await fixture.Api.StateAsync(journal);
        var regionVersion = (await fixture.Api.SummaryAsync(region)).GetProperty("version").GetInt64();
        var view = await officer.ViewTextAsync(appId);

        // The same key and body replays the first answer exactly, and books nothing again.
        var again = (await treasurer.TryActKeyed(appId, "pay-advance", Amount("10000.00", "bank-1"), key)).Expect(HttpStatusCode.OK);
        Assert.Equal(first.Text, again.Text);
        Assert.Equal(sourceState, await fixture.Api.StateAsync(journal));
        Assert.Equal(regionVersion, (await fixture.Api.SummaryAsync(region)).GetProperty("version").GetInt64());
        Assert.Equal(view, await officer.ViewTextAsync(appId));

        // The same key for anything else is a conflict: another body, another action, another user.
        (await treasurer.TryActKeyed(appId, "pay-advance", Amount("5000.00", "bank-1"), key))
            .ExpectProblem(HttpStatusCode.Conflict, "IdempotencyConflict", "Idempotency-Key");
        (await treasurer.TryActKeyed(appId, "pay-advance", Amount("10000.00", "bank-2"), key))
            .ExpectProblem(HttpStatusCode.Conflict, "IdempotencyConflict", "Idempotency-Key");
        (await officer.TryActKeyed(appId, "revoke", Reason("onjuist"), key))
            .ExpectProblem(HttpStatusCode.Conflict, "IdempotencyConflict", "Idempotency-Key");
        (await (await fixture.As(Who.Treasurer("national"))).TryActKeyed(appId, "pay-advance", Amount("10000.00", "bank-1"), key))
            .ExpectProblem(HttpStatusCode.Conflict, "IdempotencyConflict", "Idempotency-Key");
        Assert.Equal(sourceState, await fixture.Api.StateAsync(journal));
        Assert.Equal(view, await officer.ViewTextAsync(appId));

        // The next advance with a new key is paid; the old key still replays the old answer.
        var next = (await treasurer.TryActKeyed(appId, "pay-advance", Amount("5000.00", "bank-2"), $"adv2-{Suffix}")).Expect(HttpStatusCode.OK);
        Assert.Equal("15000.00", Figure(next.Json, "paid"));
        Assert.Equal(first.Text, (await treasurer.TryActKeyed(appId, "pay-advance", Amount("10000.00", "bank-1"), key)).Expect(HttpStatusCode.OK).Text);
        Assert.Equal("15000.00", Figure(await officer.ViewAsync(appId), "paid"));

        // Keys belong to one application: the same key on another application is a new request.
        var other = (await treasurer.TryActKeyed(otherApp, "pay-advance", Amount("10000.00", "bank-1"), key)).Expect(HttpStatusCode.OK);
        Assert.Equal("10000.00", Figure(other.Json, "paid"));
        Assert.Equal(otherApp, other.Json.GetProperty("id").GetString());

        // Across both applications the ledger holds each advance once.
        var balances = await fixture.Api.BalancesAsync(journal);
        Assert.Equal("25000.00", LedgerApi.Field(balances, $"commitment:{source}:{ThisYear}:{Region}", "debitsPosted"));
        var regionBalances = await fixture.Api.BalancesAsync(region);
        Assert.Equal("-25000.00", LedgerApi.Field(regionBalances, $"region:{Region}:{source}", "balance"));
        Assert.True((await officer.ViewAsync(appId)).GetProperty("figures").GetProperty("matchesDecisions").GetBoolean());
    }

    [Fact]
    public async Task A_keyed_grant_replayed_after_the_file_moved_on_answers_the_first_result_and_commits_once()
    {
        var source = await fixture.FundAsync("idm-g", "50000.00");
        var appId = $"idm-g-{Suffix}";
        await fixture.DraftAsync(appId, Region, source, "30000.00");
        var manager = await fixture.As(Who.Manager(Region));
        var officer = await fixture.As(Who.Officer("Limburg"));
        await manager.Act(appId, "submit");
        await officer.Act(appId, "start-review");
        var key = $"grant-{Suffix}";
        var body = GrantWith("30000.00");
        var first = (await officer.TryActKeyed(appId, "grant", body, key)).Expect(HttpStatusCode.OK);
        await manager.AccountAsync(appId, new JsonObject { ["results"] = "verslag" });

        var replay = (await officer.TryActKeyed(appId, "grant", body, key)).Expect(HttpStatusCode.OK);
        Assert.Equal(first.Text, replay.Text);
        Assert.Equal("Granted", State(replay.Json));
        var now = await officer.ViewAsync(appId);
        Assert.Equal("AccountabilitySubmitted", State(now));
        Assert.Equal("30000.00", Figure(now, "open"));
        Assert.Equal("20000.00", await AvailableAsync(fixture, source));
        // Without the key the same grant is judged again, and refused: the file has moved on.
        (await officer.TryAct(appId, "grant", body)).ExpectProblem(HttpStatusCode.Conflict, "Conflict", "state");
    }
}
