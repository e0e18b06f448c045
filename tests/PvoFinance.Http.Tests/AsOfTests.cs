using System.Net;

namespace PvoFinance.Http.Tests;

/// <summary>Balances as of a value date, as the ledger knew them at an instant.</summary>
[Collection(ServiceCollection.Name)]
public sealed class AsOfTests(ServiceFixture fixture)
{
    private const string Journal = "region.asof";
    private const string Cash = "cash:asof:bank";
    private const string Income = "income:asof:levy";

    [Fact]
    public async Task Balances_as_of_a_date_and_known_at_an_instant()
    {
        var api = fixture.Api;
        var january = (await api.PostEntryAsync(Journal, "post", "levy-jan", "2026-01-10", (Cash, "100.25"), (Income, "-100.25"))).Expect(HttpStatusCode.Created).Json.GetProperty("entry");
        var march = (await api.PostEntryAsync(Journal, "post", "levy-mar", "2026-03-10", (Cash, "40.00"), (Income, "-40.00"))).Expect(HttpStatusCode.Created).Json.GetProperty("entry");
        var firstRecorded = january.GetProperty("recordedAt").GetString()!;
        var secondRecorded = march.GetProperty("recordedAt").GetString()!;
        Assert.True(DateTimeOffset.Parse(firstRecorded, System.Globalization.CultureInfo.InvariantCulture) < DateTimeOffset.Parse(secondRecorded, System.Globalization.CultureInfo.InvariantCulture),
            $"The second entry must be recorded after the first: {firstRecorded} vs {secondRecorded}.");

        var now = await api.BalancesAsync(Journal);
        Assert.Equal("140.25", LedgerApi.Field(now, Cash, "balance"));
        Assert.Equal("-140.25", LedgerApi.Field(now, Income, "balance"));

        var february = await api.BalancesAsync(Journal, "?asOf=2026-02-01");
        Assert.Equal("100.25", LedgerApi.Field(february, Cash, "balance"));
        Assert.Equal("-100.25", LedgerApi.Field(february, Income, "balance"));

        var beforeAll = await api.BalancesAsync(Journal, "?asOf=2026-01-09");
        Assert.Equal("0.00", LedgerApi.Field(beforeAll, Cash, "balance"));

        var onTheDay = await api.BalancesAsync(Journal, "?asOf=2026-03-10");
        Assert.Equal("140.25", LedgerApi.Field(onTheDay, Cash, "balance"));

        // As of the end of the year, but as known when the first entry was recorded: the March entry was not there yet.
        var knownThen = await api.BalancesAsync(Journal, "?asOf=2026-12-31&knownAt=" + Uri.EscapeDataString(firstRecorded));
        Assert.Equal("100.25", LedgerApi.Field(knownThen, Cash, "balance"));
        Assert.Equal("-100.25", LedgerApi.Field(knownThen, Income, "balance"));

        var knownLater = await api.BalancesAsync(Journal, "?asOf=2026-12-31&knownAt=" + Uri.EscapeDataString(secondRecorded));
        Assert.Equal("140.25", LedgerApi.Field(knownLater, Cash, "balance"));
    }
}
