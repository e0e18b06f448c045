using System.Net;
using System.Text.Json.Nodes;

namespace PvoFinance.Http.Tests;

/// <summary>A budget year's ceiling holds at reservation time, including every pending reservation.</summary>
[Collection(ServiceCollection.Name)]
public sealed class CeilingTests(ServiceFixture fixture)
{
    private const string Journal = "source.x.2026";
    private const string Budget = "budget:x:2026";
    private const string Commitment = "commitment:x:grant-1";

    [Fact]
    public async Task Reservations_respect_the_ceiling_and_posting_part_then_voiding_the_rest_leaves_exact_balances()
    {
        var api = fixture.Api;
        (await api.PostEntryAsync(Journal, "post", "open", "2026-01-01", ("appropriation:x:2026", "1000.00"), (Budget, "-1000.00")))
            .Expect(HttpStatusCode.Created);

        var reserved = (await api.PostEntryAsync(Journal, "reserve", "grant-1", "2026-02-01", (Budget, "600.00"), (Commitment, "-600.00")))
            .Expect(HttpStatusCode.Created).Json;
        Assert.Equal("committed", reserved.GetProperty("status").GetString());
        Assert.Equal("Reserve", reserved.GetProperty("entry").GetProperty("kind").GetString());
        var balances = await api.BalancesAsync(Journal);
        Assert.Equal("600.00", LedgerApi.Field(balances, Budget, "debitsPending"));
        Assert.Equal("0.00", LedgerApi.Field(balances, Budget, "debitsPosted"));
        Assert.Equal("400.00", LedgerApi.Field(balances, Budget, "available"));

        var before = await api.StateAsync(Journal);
        var refused = await api.PostEntryAsync(Journal, "reserve", "grant-2", "2026-02-02", (Budget, "500.00"), ("commitment:x:grant-2", "-500.00"));
        var problem = refused.ExpectProblem(HttpStatusCode.UnprocessableEntity, "LimitExceeded", "postings[0]");
        Assert.Contains("400.00", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await api.StateAsync(Journal));

        var part = new JsonObject { ["kind"] = "post-reservation", ["key"] = "grant-1:pay-1", ["valueDate"] = "2026-03-01", ["reservationKey"] = "grant-1", ["amount"] = "250.00" };
        var posted = (await api.PostJsonAsync($"api/ledger/journals/{Journal}/entries", part)).Expect(HttpStatusCode.Created).Json.GetProperty("entry");
        Assert.Equal("PostReservation", posted.GetProperty("kind").GetString());
        var postedLegs = posted.GetProperty("postings").EnumerateArray().ToDictionary(p => p.GetProperty("account").GetString()!, p => p.GetProperty("amount").GetString());
        Assert.Equal("250.00", postedLegs[Budget]);
        Assert.Equal("-250.00", postedLegs[Commitment]);

        var rest = new JsonObject { ["kind"] = "void-reservation", ["key"] = "grant-1:void", ["valueDate"] = "2026-03-02", ["reservationKey"] = "grant-1" };
        (await api.PostJsonAsync($"api/ledger/journals/{Journal}/entries", rest)).Expect(HttpStatusCode.Created);

        // Nothing is left to post or void.
        var again = new JsonObject { ["kind"] = "post-reservation", ["key"] = "grant-1:pay-2", ["valueDate"] = "2026-03-03", ["reservationKey"] = "grant-1", ["amount"] = "0.01" };
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await api.PostJsonAsync($"api/ledger/journals/{Journal}/entries", again)).Status);

        balances = await api.BalancesAsync(Journal);
        Assert.Equal("250.00", LedgerApi.Field(balances, Budget, "debitsPosted"));
        Assert.Equal("1000.00", LedgerApi.Field(balances, Budget, "creditsPosted"));
        Assert.Equal("0.00", LedgerApi.Field(balances, Budget, "debitsPending"));
        Assert.Equal("-750.00", LedgerApi.Field(balances, Budget, "balance"));
        Assert.Equal("750.00", LedgerApi.Field(balances, Budget, "available"));
        Assert.Equal("-250.00", LedgerApi.Field(balances, Commitment, "balance"));
        Assert.Equal("0.00", LedgerApi.Field(balances, Commitment, "creditsPending"));
        Assert.Equal("1000.00", LedgerApi.Field(balances, "appropriation:x:2026", "balance"));
        Assert.Equal(0, (await api.SummaryAsync(Journal)).GetProperty("openReservations").GetInt32());

        // The freed 350.00 can be reserved again, up to exactly 750.00.
        (await api.PostEntryAsync(Journal, "reserve", "grant-3", "2026-04-01", (Budget, "750.01"), ("commitment:x:grant-3", "-750.01")))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "LimitExceeded", "postings[0]");
        (await api.PostEntryAsync(Journal, "reserve", "grant-3", "2026-04-01", (Budget, "750.00"), ("commitment:x:grant-3", "-750.00")))
            .Expect(HttpStatusCode.Created);
        Assert.Equal("0.00", LedgerApi.Field(await api.BalancesAsync(Journal), Budget, "available"));
    }
}
