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

    [Fact]
    public async Task Every_storage_request_is_counted_by_table_and_kind_with_the_rows_of_each_transaction()
    {
        // GET /dev/storage-requests (Development): all table requests of the service, on a request's path or off it.
        var before = await Totals();
        var journal = $"source.totals{FundingApi.Suffix}.2026";
        (await fixture.Api.PostEntryAsync(journal, "post", "open-2026", "2026-01-01",
            ($"appropriation:tot{FundingApi.Suffix}:2026", "10.00"), ($"budget:tot{FundingApi.Suffix}:2026", "-10.00"))).Expect(HttpStatusCode.Created);
        var after = await Totals();
        long Grew(string name) => after.GetValueOrDefault(name) - before.GetValueOrDefault(name);
        // The append is one entity-group transaction in the journals table, holding the entry's rows (other tests may
        // append beside it, so at least).
        Assert.True(Grew("journals.batch") >= 1, $"journals.batch grew by {Grew("journals.batch")}");
        Assert.True(Grew("journals.batch.rows") >= Grew("journals.batch"), $"rows {Grew("journals.batch.rows")} < transactions {Grew("journals.batch")}");
        Assert.All(after, total => Assert.True(total.Value >= before.GetValueOrDefault(total.Key), $"{total.Key} went down"));
    }

    private async Task<Dictionary<string, long>> Totals()
    {
        using var http = new HttpClient { BaseAddress = fixture.Service.BaseAddress };
        var text = await http.GetStringAsync("dev/storage-requests");
        return System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, long>>(text)!;
    }

    private static int Header(Reply reply, string name)
    {
        Assert.True(reply.Headers!.TryGetValues(name, out var values), $"{reply.Request} answered without a {name} header");
        return int.Parse(values.Single(), CultureInfo.InvariantCulture);
    }
}
