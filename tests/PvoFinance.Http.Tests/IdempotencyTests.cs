using System.Net;

namespace PvoFinance.Http.Tests;

[Collection(ServiceCollection.Name)]
public sealed class IdempotencyTests(ServiceFixture fixture)
{
    private const string Journal = "source.idem.2026";

    [Fact]
    public async Task Same_key_replays_and_same_key_with_other_content_is_a_conflict()
    {
        var api = fixture.Api;
        (string, string)[] open = [("appropriation:idem:2026", "1000.00"), ("budget:idem:2026", "-1000.00")];

        var first = (await api.PostEntryAsync(Journal, "post", "open-2026", "2026-01-01", open)).Expect(HttpStatusCode.Created).Json;
        Assert.Equal("committed", first.GetProperty("status").GetString());
        var entry = first.GetProperty("entry");
        Assert.Equal(1, entry.GetProperty("sequence").GetInt64());
        Assert.Equal("open-2026", entry.GetProperty("key").GetString());
        Assert.Equal("1000.00", entry.GetProperty("postings")[0].GetProperty("amount").GetString());
        Assert.Equal("-1000.00", entry.GetProperty("postings")[1].GetProperty("amount").GetString());
        var hash = entry.GetProperty("hash").GetString();
        Assert.Matches("^[0-9a-f]{64}$", hash);
        var before = await api.StateAsync(Journal);

        var again = (await api.PostEntryAsync(Journal, "post", "open-2026", "2026-01-01", open)).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("replayed", again.GetProperty("status").GetString());
        Assert.Equal(1, again.GetProperty("entry").GetProperty("sequence").GetInt64());
        Assert.Equal(hash, again.GetProperty("entry").GetProperty("hash").GetString());
        Assert.Equal(entry.GetProperty("recordedAt").GetString(), again.GetProperty("entry").GetProperty("recordedAt").GetString());

        var conflict = await api.PostEntryAsync(Journal, "post", "open-2026", "2026-01-01", ("appropriation:idem:2026", "999.99"), ("budget:idem:2026", "-999.99"));
        conflict.ExpectProblem(HttpStatusCode.Conflict, "IdempotencyConflict", "key");

        Assert.Equal(before, await api.StateAsync(Journal));
        var balances = await api.BalancesAsync(Journal);
        Assert.Equal("1000.00", LedgerApi.Field(balances, "budget:idem:2026", "creditsPosted"));
        Assert.Equal("1000.00", LedgerApi.Field(balances, "budget:idem:2026", "available"));
        Assert.Equal("1000.00", LedgerApi.Field(balances, "appropriation:idem:2026", "balance"));
        Assert.Single(await api.EntriesAsync(Journal));
    }
}
