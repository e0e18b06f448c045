using System.Net;
using System.Text.Json;

namespace PvoFinance.Http.Tests;

/// <summary>The restart test runs its own service processes; no class in <see cref="ServiceCollection"/> may share them.</summary>
[CollectionDefinition(Name)]
public sealed class RestartCollection
{
    public const string Name = "restart";
}

/// <summary>Stop the service gracefully, start a new process on the same tables: nothing is lost or doubled.</summary>
[Collection(RestartCollection.Name)]
public sealed class RestartTests
{
    private const string Journal = "source.dur.2026";
    private const string Budget = "budget:dur:2026";

    [Fact]
    public async Task Balances_chain_and_idempotency_survive_a_restart()
    {
        var prefix = TestEnvironment.NewTablePrefix();
        string balances, summary;
        JsonElement report, open, reserve;
        await using (var first = await ServiceProcess.StartAsync(prefix))
        {
            using var http = await first.ClientAsync();
            var api = new LedgerApi(http, first);
            open = (await api.PostEntryAsync(Journal, "post", "open", "2026-01-01", ("appropriation:dur:2026", "500.00"), (Budget, "-500.00")))
                .Expect(HttpStatusCode.Created).Json.GetProperty("entry");
            reserve = (await api.PostEntryAsync(Journal, "reserve", "grant-1", "2026-02-01", (Budget, "123.45"), ("commitment:dur:grant-1", "-123.45")))
                .Expect(HttpStatusCode.Created).Json.GetProperty("entry");
            (await api.PostEntryAsync(Journal, "post", "pay-1", "2026-02-02", ("payable:dur:x", "0.01"), ("cash:dur:bank", "-0.01")))
                .ExpectProblem(HttpStatusCode.UnprocessableEntity, "LimitExceeded", "postings[1]");
            balances = await api.BalancesTextAsync(Journal);
            summary = (await api.SummaryAsync(Journal)).GetRawText();
            report = await api.VerifyAsync(Journal);
            Assert.True(report.GetProperty("intact").GetBoolean());
            Assert.Equal(2, report.GetProperty("entriesChecked").GetInt64());

            var exit = await first.StopGracefullyAsync(TimeSpan.FromSeconds(30));
            Assert.True(exit == 0, $"The service exited with code {exit} after SIGTERM.\n{first.Output}");
        }

        await using var second = await ServiceProcess.StartAsync(prefix);
        using var http2 = await second.ClientAsync();
        var api2 = new LedgerApi(http2, second);

        Assert.Equal(balances, await api2.BalancesTextAsync(Journal));
        Assert.Equal(summary, (await api2.SummaryAsync(Journal)).GetRawText());
        Assert.Equal(report.GetRawText(), (await api2.VerifyAsync(Journal)).GetRawText());
        var balance = await api2.BalancesAsync(Journal);
        Assert.Equal("376.55", LedgerApi.Field(balance, Budget, "available"));
        Assert.Equal("123.45", LedgerApi.Field(balance, Budget, "debitsPending"));

        var replayed = (await api2.PostEntryAsync(Journal, "post", "open", "2026-01-01", ("appropriation:dur:2026", "500.00"), (Budget, "-500.00")))
            .Expect(HttpStatusCode.OK).Json;
        Assert.Equal("replayed", replayed.GetProperty("status").GetString());
        Assert.Equal(open.GetRawText(), replayed.GetProperty("entry").GetRawText());
        var replayedReserve = (await api2.PostEntryAsync(Journal, "reserve", "grant-1", "2026-02-01", (Budget, "123.45"), ("commitment:dur:grant-1", "-123.45")))
            .Expect(HttpStatusCode.OK).Json;
        Assert.Equal(reserve.GetProperty("hash").GetString(), replayedReserve.GetProperty("entry").GetProperty("hash").GetString());
        (await api2.PostEntryAsync(Journal, "post", "open", "2026-01-01", ("appropriation:dur:2026", "500.01"), (Budget, "-500.01")))
            .ExpectProblem(HttpStatusCode.Conflict, "IdempotencyConflict", "key");

        // The journal goes on from where it was: the open reservation can still be posted, as entry 3.
        var post = System.Text.Json.Nodes.JsonNode.Parse("""{"kind":"post-reservation","key":"grant-1:pay","valueDate":"2026-03-01","reservationKey":"grant-1","amount":"23.45"}""")!;
        var posted = (await api2.PostJsonAsync($"api/ledger/journals/{Journal}/entries", post)).Expect(HttpStatusCode.Created).Json.GetProperty("entry");
        Assert.Equal(3, posted.GetProperty("sequence").GetInt64());
        Assert.Equal(reserve.GetProperty("hash").GetString(), posted.GetProperty("previousHash").GetString());
        Assert.Equal("100.00", LedgerApi.Field(await api2.BalancesAsync(Journal), Budget, "debitsPending"));
        Assert.Equal(3, (await api2.VerifyAsync(Journal)).GetProperty("entriesChecked").GetInt64());
    }
}
