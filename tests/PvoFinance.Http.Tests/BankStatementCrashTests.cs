using System.Net;
using System.Text.Json;
using NodaTime;
using PvoFinance.Core.Tests.Banking;
using static PvoFinance.Http.Tests.BankStatementTestKit;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// An import that dies half-way: the service process stops dead (a test fault, <c>Environment.FailFast</c>) after booking
/// two of a statement's lines; a new process on the same tables imports the file again and ends exactly as one import
/// would — every line booked once, nothing twice, the statement complete.
/// </summary>
[Collection(RestartCollection.Name)]
public sealed class BankStatementCrashTests
{
    private const string Region = "rotterdam";

    [Fact]
    public async Task A_crash_between_two_lines_then_a_second_import_ends_as_one_import()
    {
        var prefix = TestEnvironment.NewTablePrefix();
        var id = "bc-" + Suffix;
        var iban = NewIban();
        JsonElement[] invoices;
        byte[] file;
        long Owed(int i) => Cents(invoices[i], "amount");
        await using (var first = await ServiceProcess.StartAsync(prefix, new Dictionary<string, string> { ["PvoFinance__Faults__StatementCrashAfterBookings"] = "2" }))
        {
            using var http = await first.ClientAsync("pvo-manager", region: Region);
            var manager = new LedgerApi(http, first);
            invoices = await LevyWithInvoicesAsync(manager, id, Region, iban);
            string Ref(int i) => invoices[i].GetProperty("creditorReference").GetString()!;
            file = new StatementTestBank(iban, 0, new LocalDate(2026, 4, 30))
                .Credit(Owed(0), NewIban(), "Gemeente 0", Ref(0), bankRef: "C1")
                .Credit(Owed(1), NewIban(), "Gemeente 1", Ref(1), bankRef: "C2")
                .Credit(Owed(2) + 500, NewIban(), "Gemeente 2", Ref(2), bankRef: "C3")
                .Credit(777, NewIban(), "Onbekend", null, "?", bankRef: "C4")
                .Camt();
            await Assert.ThrowsAnyAsync<Exception>(async () => (await manager.ImportAsync(file)).Expect(HttpStatusCode.Created));
            for (var i = 0; i < 100 && !first.HasExited; i++)
            {
                await Task.Delay(100);
            }
            Assert.True(first.HasExited, "the test fault stops the process after two bookings");
        }

        await using var second = await ServiceProcess.StartAsync(prefix);
        using var http2 = await second.ClientAsync("pvo-manager", region: Region);
        var api = new LedgerApi(http2, second);
        using var ministryHttp = await second.ClientAsync();
        var ministry = new LedgerApi(ministryHttp, second);
        var journal = $"source.{id}.2026";
        var half = await ministry.BalancesAsync(journal);
        Assert.Equal(Owed(0) + Owed(1), Cents(LedgerApi.Field(half, $"cash:{id}:2026", "balance")));

        var reply = (await api.ImportAsync(file)).Expect(HttpStatusCode.Created).Json;
        Assert.True(reply.GetProperty("statement").GetProperty("complete").GetBoolean());
        Assert.Equal(3, reply.GetProperty("statement").GetProperty("booked").GetInt32());
        Assert.Equal(["matched", "matched", "matched", "unmatched"], reply.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("state").GetString()));
        Assert.Equal(["0.00", "0.00", "5.00", "0.00"], reply.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("overpaid").GetString()));
        (await api.ImportAsync(file)).Expect(HttpStatusCode.OK);

        var balances = await ministry.BalancesAsync(journal);
        Assert.Equal(Owed(0) + Owed(1) + Owed(2) + 500, Cents(LedgerApi.Field(balances, $"cash:{id}:2026", "balance")));
        Assert.Equal(-500, Cents(LedgerApi.Field(balances, $"refund:{id}:2026:{invoices[2].GetProperty("municipalityCode").GetString()!.ToLowerInvariant()}", "balance")));
        // One receipt entry per booked line and one refund entry: three receipts, one refund, after the invoices.
        var entries = await ministry.EntriesAsync(journal, "?limit=500");
        Assert.Equal(3, entries.Count(e => e.GetProperty("key").GetString()!.StartsWith("receipt:bank-", StringComparison.Ordinal)));
        Assert.Equal(1, entries.Count(e => e.GetProperty("key").GetString()!.StartsWith("refund:bank-", StringComparison.Ordinal)));
        Assert.True((await ministry.VerifyAsync(journal)).GetProperty("intact").GetBoolean());
    }
}
