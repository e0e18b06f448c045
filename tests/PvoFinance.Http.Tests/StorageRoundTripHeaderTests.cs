using System.Globalization;
using System.Net;

namespace PvoFinance.Http.Tests;

/// <summary>
/// The Development-only round-trip headers that <c>./bench.sh http</c> reads: counted from the storage spans of the
/// request's own trace, so a request that stores something reports at least one round trip and one that touches no
/// storage reports none.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class StorageRoundTripHeaderTests(ServiceFixture fixture)
{
    [Fact]
    public async Task A_journal_append_reports_its_storage_round_trips_and_ping_reports_none()
    {
        var journal = $"source.roundtrips{FundingApi.Suffix}.2026";
        var created = (await fixture.Api.PostEntryAsync(journal, "post", "open-2026", "2026-01-01",
            ($"appropriation:rt{FundingApi.Suffix}:2026", "10.00"), ($"budget:rt{FundingApi.Suffix}:2026", "-10.00"))).Expect(HttpStatusCode.Created);
        var sequential = Header(created, "PVO-Storage-Round-Trips");
        var total = Header(created, "PVO-Storage-Requests");
        var detail = created.Headers!.GetValues("PVO-Storage-Detail").Single();
        // The append is one table transaction at least (activating the journal reads its head first).
        Assert.True(sequential >= 1, $"an append reported {sequential} sequential round trips ({detail})");
        Assert.True(total >= sequential, $"total {total} < sequential {sequential} ({detail})");
        Assert.Contains("journal.table.transaction=1", detail, StringComparison.Ordinal);

        var manager = await fixture.As(Who.Manager("limburg"));
        var ping = (await manager.GetAsync("api/ping")).Expect(HttpStatusCode.OK);
        Assert.Equal(0, Header(ping, "PVO-Storage-Round-Trips"));
        Assert.Equal(0, Header(ping, "PVO-Storage-Requests"));
    }

    private static int Header(Reply reply, string name)
    {
        Assert.True(reply.Headers!.TryGetValues(name, out var values), $"{reply.Request} answered without a {name} header");
        return int.Parse(values.Single(), CultureInfo.InvariantCulture);
    }
}
