using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using PvoFinance.Core.Tests.Banking;
using static PvoFinance.Http.Tests.BankStatementTestKit;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// Bank statements in (issue 17, item 3): a camt.053 of a levy account with a full payment, a partial one and an
/// overpayment by reference, a payment without reference from the municipality's known account and one from nobody
/// known. Certain matches are booked at once; the second import books nothing; the proposal is confirmed and the unknown
/// credit assigned by a treasurer; the excess is owed back (never income); and the account reconciles to the cent.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class BankStatementImportTests(ServiceFixture fixture)
{
    private const string Region = "noord-holland";
    private static readonly string S = "bs-" + Suffix;

    [Fact]
    public async Task A_statement_books_its_certain_matches_once_and_a_treasurer_decides_the_rest_to_the_cent()
    {
        var manager = await fixture.As(Who.Manager(Region));
        var treasurer = await fixture.As(Who.Treasurer("national"));
        var other = await fixture.As(Who.Manager("limburg"));
        var iban = NewIban();
        var id = $"{S}-levy";
        var invoices = await LevyWithInvoicesAsync(manager, id, Region, iban);
        Assert.True(invoices.Length >= 5, "the region has at least five municipalities");
        string Code(int i) => invoices[i].GetProperty("municipalityCode").GetString()!;
        string Ref(int i) => invoices[i].GetProperty("creditorReference").GetString()!;
        long Owed(int i) => Cents(invoices[i], "amount");
        var payer3 = NewIban();
        (await manager.PutJsonAsync($"api/bank-accounts/municipalities/{Code(3)}", new JsonObject { ["iban"] = payer3, ["holder"] = "Gemeente 3" })).Expect(HttpStatusCode.OK);

        var bank = new StatementTestBank(iban, 0, new LocalDate(2026, 3, 31))
            .Credit(Owed(0), NewIban(), "Gemeente 0", Ref(0), bankRef: $"{S}-1")
            .Credit(Owed(1) / 2, NewIban(), "Gemeente 1", Ref(1), bankRef: $"{S}-2")
            .Credit(Owed(2) + 1000, NewIban(), "Gemeente 2", Ref(2), bankRef: $"{S}-3")
            .Credit(Owed(3), payer3, "Gemeente 3", null, "bijdrage 2026", bankRef: $"{S}-4")
            .Credit(12345, NewIban(), "Onbekende betaler", null, "gift", bankRef: $"{S}-5");
        var file = bank.Camt();

        // Someone outside the account's region imports nothing; a bad file is refused naming entry and field, nothing booked.
        (await other.ImportAsync(file)).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "scope");
        var wrongCurrency = new StatementTestBank(iban, 0, new LocalDate(2026, 3, 31)).Credit(Owed(0), null, "X", Ref(0), currency: "USD").Camt();
        var problem = (await treasurer.ImportAsync(wrongCurrency)).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "Ntry/Amt/@Ccy");
        Assert.Equal("entry 1", problem.GetProperty("location").GetString());
        var wrongBalance = new StatementTestBank(iban, 0, new LocalDate(2026, 3, 31)) { ClosingOverride = 1 }.Credit(Owed(0), null, "X", Ref(0)).Camt();
        (await treasurer.ImportAsync(wrongBalance)).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "closing balance");
        (await treasurer.ImportAsync(file, "mt940")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "format");
        Assert.Equal(Owed(0), Cents(await InvoiceAsync(manager, id, Code(0)), "outstanding"));

        var first = (await treasurer.ImportAsync(file)).Expect(HttpStatusCode.Created).Json;
        var statement = first.GetProperty("statement");
        var statementId = statement.GetProperty("statementId").GetString()!;
        Assert.Equal(3, statement.GetProperty("counts").GetProperty("matched").GetInt32());
        Assert.Equal(1, statement.GetProperty("counts").GetProperty("proposed").GetInt32());
        Assert.Equal(1, statement.GetProperty("counts").GetProperty("unmatched").GetInt32());
        Assert.Equal(3, statement.GetProperty("booked").GetInt32());
        Assert.Equal("10.00", statement.GetProperty("overpaid").GetString());
        var lines = first.GetProperty("lines").EnumerateArray().ToArray();
        Assert.Equal(["matched", "matched", "matched", "proposed", "unmatched"], lines.Select(l => l.GetProperty("state").GetString()));
        Assert.Equal($"{id}/2026/{Code(3)}", lines[3].GetProperty("target").GetString());
        Assert.Equal("12345", Cents(lines[4], "amount").ToString(System.Globalization.CultureInfo.InvariantCulture));

        // The same statement again: the same id, 200, nothing booked twice.
        var again = (await treasurer.ImportAsync(file)).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(statementId, again.GetProperty("statement").GetProperty("statementId").GetString());
        Assert.Equal(0, Cents(await InvoiceAsync(manager, id, Code(0)), "outstanding"));
        Assert.Equal(Owed(1) - Owed(1) / 2, Cents(await InvoiceAsync(manager, id, Code(1)), "outstanding"));
        Assert.Equal(0, Cents(await InvoiceAsync(manager, id, Code(2)), "outstanding"));
        Assert.Equal(Owed(3), Cents(await InvoiceAsync(manager, id, Code(3)), "outstanding"));

        // Before the treasurer decides, the difference is exactly the two lines not booked.
        var before = (await treasurer.GetAsync($"api/bank/accounts/{iban}/reconciliation")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(Owed(3) + 12345, Cents(before, "difference"));
        Assert.Equal(Owed(3) + 12345, Cents(before, "unmatched"));
        Assert.True(before.GetProperty("reconciles").GetBoolean());

        // The proposal confirmed (twice: idempotent); the unknown credit assigned to an open invoice.
        var read = (await manager.GetAsync($"api/bank/statements/{statementId}")).Expect(HttpStatusCode.OK).Json;
        Assert.Contains(read.GetProperty("receivables").EnumerateArray(), r => r.GetProperty("id").GetString() == $"{id}/2026/{Code(4)}");
        (await other.GetAsync($"api/bank/statements/{statementId}")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "id");
        (await treasurer.PostJsonAsync($"api/bank/statements/{statementId}/lines/5/confirm", new JsonObject())).ExpectProblem(HttpStatusCode.Conflict, "Conflict", "line");
        (await treasurer.PostJsonAsync($"api/bank/statements/{statementId}/lines/4/confirm", new JsonObject())).Expect(HttpStatusCode.OK);
        var confirmed = (await treasurer.PostJsonAsync($"api/bank/statements/{statementId}/lines/4/confirm", new JsonObject())).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("confirmed", confirmed.GetProperty("lines")[3].GetProperty("decidedBy").GetString());
        (await treasurer.PostJsonAsync($"api/bank/statements/{statementId}/lines/5/assign", new JsonObject { ["receivable"] = $"{id}/2026/GM9999" }))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "Refused", "receivable");
        var assigned = (await treasurer.PostJsonAsync($"api/bank/statements/{statementId}/lines/5/assign", new JsonObject { ["receivable"] = $"{id}/2026/{Code(4)}" })).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(5, assigned.GetProperty("statement").GetProperty("booked").GetInt32());
        (await treasurer.PostJsonAsync($"api/bank/statements/{statementId}/lines/5/assign", new JsonObject { ["receivable"] = $"{id}/2026/{Code(4)}" })).Expect(HttpStatusCode.OK);
        (await treasurer.PostJsonAsync($"api/bank/statements/{statementId}/lines/5/assign", new JsonObject { ["receivable"] = $"{id}/2026/{Code(0)}" })).ExpectProblem(HttpStatusCode.Conflict, "Conflict", "line");
        Assert.Equal(0, Cents(await InvoiceAsync(manager, id, Code(3)), "outstanding"));
        Assert.Equal(Math.Max(0, Owed(4) - 12345), Cents(await InvoiceAsync(manager, id, Code(4)), "outstanding"));

        // The ledger: the excess is owed back on the refund liability; the cash is every cent the bank received.
        var balances = await (await fixture.As(Who.Ministry)).BalancesAsync($"source.{id}.2026");
        var received = Owed(0) + Owed(1) / 2 + Owed(2) + 1000 + Owed(3) + 12345;
        Assert.Equal(received, Cents(LedgerApi.Field(balances, $"cash:{id}:2026", "balance")));
        Assert.Equal(-1000, Cents(LedgerApi.Field(balances, $"refund:{id}:2026:{Code(2).ToLowerInvariant()}", "balance")));
        var after = (await treasurer.GetAsync($"api/bank/accounts/{iban}/reconciliation?date=2026-03-31")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(received, Cents(after, "statement"));
        Assert.Equal(received, Cents(after, "ledger"));
        Assert.Equal("0.00", after.GetProperty("difference").GetString());
        Assert.Equal(statementId, after.GetProperty("statementId").GetString());

        var list = (await treasurer.GetAsync($"api/bank/statements?account={iban}")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(statementId, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("statementId").GetString());
        Assert.Empty((await other.GetAsync($"api/bank/statements?account={iban}")).Expect(HttpStatusCode.OK).Json.GetProperty("items").EnumerateArray());
    }

    private static async Task<JsonElement> InvoiceAsync(LedgerApi api, string id, string code) =>
        (await api.GetAsync($"api/funding-sources/{id}/years/2026/invoices")).Expect(HttpStatusCode.OK).Json
            .GetProperty("invoices").EnumerateArray().Single(i => i.GetProperty("municipalityCode").GetString() == code);
}
