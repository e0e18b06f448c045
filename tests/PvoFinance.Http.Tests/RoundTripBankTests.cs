using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using PvoFinance.Core.Tests.Banking;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.ApplicationTestKit;
using static PvoFinance.Http.Tests.BankStatementTestKit;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// The treasurer's bank loop end to end (issue 17, "Done when"): an advance due → a payment batch and its pain.001 → a
/// camt.053 the test bank makes of the account (the debit of that payment, levy receipts with and without a reference,
/// an unknown credit, a partial payment) → import → matched, proposed and unmatched as expected → the ledger, the
/// region's funding, the export and the reconciliation agree to the cent. The province's fund and the region's levy keep
/// their money on one account here, so one statement carries both directions.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class RoundTripBankTests(ServiceFixture fixture)
{
    private const string Region = "zeeland-west-brabant";
    private const string Province = "Zeeland";

    [Fact]
    public async Task Advance_batch_statement_import_and_reconciliation_agree_to_the_cent()
    {
        var officer = await fixture.As(Who.Officer(Province));
        var manager = await fixture.As(Who.Manager(Region));
        var treasurer = await fixture.As(Who.Treasurer("national"));
        var ministry = await fixture.As(Who.Ministry);
        var iban = NewIban();

        // An advance due today from the province's fund to the region; the fund's money and the levy's on one account.
        var fund = await fixture.FundAsync("rtb", "100000.00", Province);
        var app = $"rtb-{Suffix}";
        await fixture.DraftAsync(app, Region, fund, "40000.00");
        await manager.Act(app, "submit");
        await officer.Act(app, "start-review");
        await officer.Act(app, "grant", GrantWith("40000.00", (0, "10000.00"), (30, "30000.00")));
        (await manager.PutJsonAsync($"api/bank-accounts/regions/{Region}", new JsonObject { ["iban"] = "NL20INGB0001234567", ["holder"] = "Stichting PVO Zeeland-West-Brabant" })).Expect(HttpStatusCode.OK);
        (await officer.PutJsonAsync($"api/bank-accounts/funding-sources/{fund}", new JsonObject { ["iban"] = iban, ["holder"] = "Provincie Zeeland" })).Expect(HttpStatusCode.OK);
        var levy = $"rtb-levy-{Suffix}";
        var invoices = await LevyWithInvoicesAsync(manager, levy, Region, iban);
        string Code(int i) => invoices[i].GetProperty("municipalityCode").GetString()!;
        string Ref(int i) => invoices[i].GetProperty("creditorReference").GetString()!;
        long Owed(int i) => Cents(invoices[i], "amount");
        var payer2 = NewIban();
        (await manager.PutJsonAsync($"api/bank-accounts/municipalities/{Code(2)}", new JsonObject { ["iban"] = payer2, ["holder"] = "Gemeente" })).Expect(HttpStatusCode.OK);

        // The batch and its file.
        var batch = (await treasurer.PostJsonAsync("api/bank/payment-batches", new JsonObject { ["executionDate"] = Day(0), ["items"] = new JsonArray($"advance:{app}:0") }))
            .Expect(HttpStatusCode.Created).Json;
        var number = batch.GetProperty("number").GetInt64();
        var endToEnd = batch.GetProperty("lines")[0].GetProperty("endToEndId").GetString()!;
        var (status, pain, _, _, _) = await treasurer.GetBytesAsync($"api/bank/payment-batches/{number}/pain001");
        Assert.Equal(HttpStatusCode.OK, status);
        Pain001Rules.Check(pain, expectedTxs: 1, expectedSum: 10000.00m);
        var fundingBefore = Row(await manager.RegionFundingAsync(Region, int.Parse(ThisYear, CultureInfo.InvariantCulture)), fund);

        // The bank's statement: €50,000 brought forward, the advance debited, two levies by reference (one partial), one
        // without reference from the municipality's known account, one from nobody known.
        const long opening = 5_000_000;
        const long unknown = 4_321;
        var today = LocalDate.FromDateTime(DateTime.ParseExact(Day(0), "yyyy-MM-dd", CultureInfo.InvariantCulture));
        var file = new StatementTestBank(iban, opening, today)
            .Debit(1_000_000, endToEnd, "NL20INGB0001234567", "Stichting PVO Zeeland-West-Brabant", bankRef: $"rtb-{Suffix}-1")
            .Credit(Owed(0), NewIban(), "Gemeente 0", Ref(0), bankRef: $"rtb-{Suffix}-2")
            .Credit(Owed(1) - 100, NewIban(), "Gemeente 1", Ref(1), bankRef: $"rtb-{Suffix}-3")
            .Credit(Owed(2), payer2, "Gemeente 2", null, "inwonersbijdrage", bankRef: $"rtb-{Suffix}-4")
            .Credit(unknown, NewIban(), "Onbekend", null, "?", bankRef: $"rtb-{Suffix}-5")
            .Camt();
        var imported = (await treasurer.ImportAsync(file)).Expect(HttpStatusCode.Created).Json;
        var statementId = imported.GetProperty("statement").GetProperty("statementId").GetString()!;
        Assert.Equal(["matched", "matched", "matched", "proposed", "unmatched"], imported.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("state").GetString()));
        Assert.Equal(endToEnd, imported.GetProperty("lines")[0].GetProperty("target").GetString());
        (await treasurer.ImportAsync(file)).Expect(HttpStatusCode.OK);

        // The payment is paid: the batch confirmed, the region's funding moved by exactly the advance.
        var confirmed = (await treasurer.GetAsync($"api/bank/payment-batches/{number}")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("confirmed", confirmed.GetProperty("state").GetString());
        var fundingAfter = Row(await manager.RegionFundingAsync(Region, int.Parse(ThisYear, CultureInfo.InvariantCulture)), fund);
        Assert.Equal(Cents(fundingBefore!.Value, "paid") + 1_000_000, Cents(fundingAfter!.Value, "paid"));

        // Reconciled before the treasurer decides: the difference is the proposal and the unknown credit.
        var before = (await treasurer.GetAsync($"api/bank/accounts/{iban}/reconciliation")).Expect(HttpStatusCode.OK).Json;
        var closing = opening - 1_000_000 + Owed(0) + Owed(1) - 100 + Owed(2) + unknown;
        Assert.Equal(closing, Cents(before, "statement"));
        Assert.Equal(Owed(2) + unknown, Cents(before, "difference"));
        Assert.True(before.GetProperty("reconciles").GetBoolean());

        (await treasurer.PostJsonAsync($"api/bank/statements/{statementId}/lines/4/confirm", new JsonObject())).Expect(HttpStatusCode.OK);
        (await treasurer.PostJsonAsync($"api/bank/statements/{statementId}/lines/5/assign", new JsonObject { ["receivable"] = $"{levy}/2026/{Code(1)}" })).Expect(HttpStatusCode.OK);
        var after = (await treasurer.GetAsync($"api/bank/accounts/{iban}/reconciliation")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(closing, Cents(after, "ledger"));
        Assert.Equal("0.00", after.GetProperty("difference").GetString());
        Assert.Equal(0, after.GetProperty("unmatchedLines").GetInt32());

        // The ledger and the export: the levy's cash is every cent received, the last €1.00 of the partial invoice paid by
        // the assigned credit and the rest of that credit owed back.
        var received = Owed(0) + Owed(1) - 100 + Owed(2) + unknown;
        var balances = await ministry.BalancesAsync($"source.{levy}.2026");
        Assert.Equal(received, Cents(LedgerApi.Field(balances, $"cash:{levy}:2026", "balance")));
        Assert.Equal(-(unknown - 100), Cents(LedgerApi.Field(balances, $"refund:{levy}:2026:{Code(1).ToLowerInvariant()}", "balance")));
        var csv = (await treasurer.GetAsync($"api/exports/transactions.csv?scope={Uri.EscapeDataString("region:" + Region)}")).Expect(HttpStatusCode.OK).Text;
        var exported = Csv.Rows(csv).Where(r => r["debit_account"] == $"cash:{levy}:2026").Sum(r => Cents(r["amount"]));
        Assert.Equal(received, exported);

        // Every booked line names the bank's reference of its statement line, and the levy's rows the invoice's RF reference.
        var rows = Csv.Rows(csv);
        var receipts = rows.Where(r => r["debit_account"] == $"cash:{levy}:2026").Select(r => r["bank_reference"]).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { 2, 3, 4, 5, 5 }.Select(i => $"rtb-{Suffix}-{i}"), receipts);
        var advance = rows.Where(r => r["awb_phase"] == "voorschot" && r["activity_id"].EndsWith(app, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(advance);
        Assert.All(advance, r => Assert.Equal($"rtb-{Suffix}-1", r["bank_reference"]));
        for (var i = 0; i < 2; i++)
        {
            var receivable = $"receivable:{levy}:2026:{Code(i).ToLowerInvariant()}";
            var settled = rows.Where(r => r["debit_account"] == receivable || r["credit_account"] == receivable).ToList();
            Assert.True(settled.Count >= 2, $"invoice and receipt rows of {Code(i)}");
            Assert.All(settled, r => Assert.Equal(Ref(i).Replace(" ", "", StringComparison.Ordinal), r["creditor_reference"]));
        }
        Assert.All(rows.Where(r => r["awb_phase"] == "verlening"), r => Assert.Equal("", r["bank_reference"]));

        // ./check.sh prints the account's reconciliation line.
        using var checkerHttp = await fixture.Service.ClientAsync("treasurer", scope: "national");
        var lines = await PvoFinance.Checker.BankReconciliation.LinesAsync(checkerHttp);
        var line = Assert.Single(lines, l => l.StartsWith($"reconciliation {iban} ", StringComparison.Ordinal));
        Assert.EndsWith("difference=0.00 unbooked=0.00 (0 lines) reconciles", line);
    }
    [Fact]
    public async Task An_advance_held_in_a_batch_is_not_recorded_by_hand_and_the_banks_confirmation_pays_that_advance_once()
    {
        var officer = await fixture.As(Who.Officer(Province));
        var manager = await fixture.As(Who.Manager(Region));
        var treasurer = await fixture.As(Who.Treasurer("national"));
        var iban = NewIban();
        var fund = await fixture.FundAsync("rtbh", "100000.00", Province);
        var app = $"rtbh-{Suffix}";
        await fixture.DraftAsync(app, Region, fund, "40000.00");
        await manager.Act(app, "submit");
        await officer.Act(app, "start-review");
        // Two equal advances due today: by its amount alone the bank's debit could pass for either.
        await officer.Act(app, "grant", GrantWith("40000.00", (0, "10000.00"), (0, "10000.00")));
        (await manager.PutJsonAsync($"api/bank-accounts/regions/{Region}", new JsonObject { ["iban"] = "NL20INGB0001234567", ["holder"] = "Stichting PVO Zeeland-West-Brabant" })).Expect(HttpStatusCode.OK);
        (await officer.PutJsonAsync($"api/bank-accounts/funding-sources/{fund}", new JsonObject { ["iban"] = iban, ["holder"] = "Provincie Zeeland" })).Expect(HttpStatusCode.OK);
        var batch = (await treasurer.PostJsonAsync("api/bank/payment-batches", new JsonObject { ["executionDate"] = Day(0), ["items"] = new JsonArray($"advance:{app}:0") }))
            .Expect(HttpStatusCode.Created).Json;
        var number = batch.GetProperty("number").GetInt64();
        var endToEnd = batch.GetProperty("lines")[0].GetProperty("endToEndId").GetString()!;

        // Recording the held advance by hand would pay it twice (the bank executes the batch too): refused, nothing changed.
        var before = await officer.ViewTextAsync(app);
        var held = (await treasurer.TryAct(app, "pay-advance", Amount("10000.00", "handmatig"))).ExpectProblem(HttpStatusCode.Conflict, "Conflict", "advance");
        Assert.Contains($"Advance 1 is held in payment batch {number}", held.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await officer.ViewTextAsync(app));

        // The bank's statement confirms the batch: advance 1 is paid, once; the second advance is then recorded by hand.
        var today = LocalDate.FromDateTime(DateTime.ParseExact(Day(0), "yyyy-MM-dd", CultureInfo.InvariantCulture));
        var file = new StatementTestBank(iban, 5_000_000, today).Debit(1_000_000, endToEnd, "NL20INGB0001234567", "Stichting PVO Zeeland-West-Brabant", bankRef: $"rtbh-{Suffix}").Camt();
        var imported = (await treasurer.ImportAsync(file)).Expect(HttpStatusCode.Created).Json;
        Assert.Equal("matched", imported.GetProperty("lines")[0].GetProperty("state").GetString());
        Assert.Equal("confirmed", (await treasurer.GetAsync($"api/bank/payment-batches/{number}")).Expect(HttpStatusCode.OK).Json.GetProperty("state").GetString());
        var view = await treasurer.Act(app, "pay-advance", Amount("10000.00", "handmatig"));
        Assert.Equal(2, view.GetProperty("advancesPaid").GetInt32());
        Assert.Equal("20000.00", view.GetProperty("figures").GetProperty("paid").GetString());
    }

    [Fact]
    public async Task A_pass_through_payment_confirmed_by_the_intermediarys_statement_names_the_banks_reference_on_the_leg_it_paid()
    {
        var ministry = await fixture.As(Who.Ministry);
        var treasurer = await fixture.As(Who.Treasurer("national"));
        var year = int.Parse(ThisYear, CultureInfo.InvariantCulture);
        var scheme = $"rtb-ccv-{Suffix}";
        await ministry.CreateAsync(Source(scheme, $"Regeling {scheme}", "national-scheme", "Ministerie van Justitie en Veiligheid", intermediary: "ccv"));
        await ministry.CeilingAsync(scheme, year, "50000.00");
        (await ministry.PostJsonAsync($"api/funding-sources/{scheme}/commitments", Commitment($"c-{Suffix}", Region, (year, "12345.67")))).Expect(HttpStatusCode.OK);
        var ccvIban = NewIban();
        (await ministry.PutJsonAsync($"api/bank-accounts/funding-sources/{scheme}/intermediary", new JsonObject { ["iban"] = ccvIban, ["holder"] = "Stichting CCV" })).Expect(HttpStatusCode.OK);
        (await (await fixture.As(Who.Manager(Region))).PutJsonAsync($"api/bank-accounts/regions/{Region}", new JsonObject { ["iban"] = "NL20INGB0001234567", ["holder"] = "Stichting PVO Zeeland-West-Brabant" })).Expect(HttpStatusCode.OK);

        var batch = (await treasurer.PostJsonAsync("api/bank/payment-batches", new JsonObject { ["executionDate"] = Day(0), ["items"] = new JsonArray($"commitment:{scheme}:{Region}:{year}:0") }))
            .Expect(HttpStatusCode.Created).Json;
        var endToEnd = batch.GetProperty("lines")[0].GetProperty("endToEndId").GetString()!;
        Assert.Equal(ccvIban, batch.GetProperty("lines")[0].GetProperty("debtor").GetProperty("iban").GetString());
        var today = LocalDate.FromDateTime(DateTime.ParseExact(Day(0), "yyyy-MM-dd", CultureInfo.InvariantCulture));
        var file = new StatementTestBank(ccvIban, 2_000_000, today).Debit(1_234_567, endToEnd, "NL20INGB0001234567", "Stichting PVO Zeeland-West-Brabant", bankRef: $"ccv-{Suffix}").Camt();
        var imported = (await treasurer.ImportAsync(file)).Expect(HttpStatusCode.Created).Json;
        Assert.Equal("matched", imported.GetProperty("lines")[0].GetProperty("state").GetString());

        // The CCV's account paid the region: the region's incoming line and the CCV's outgoing one carry the bank's
        // reference; the scheme's payment to the CCV (another transfer, from the ministry's account) its EndToEndId.
        var csv = (await treasurer.GetAsync($"api/exports/transactions.csv?scope={Uri.EscapeDataString("region:" + Region)}")).Expect(HttpStatusCode.OK).Text;
        var rows = Csv.Rows(csv).Where(r => r["grant_id"].Contains(scheme, StringComparison.Ordinal) || r["debit_account"].Contains(scheme, StringComparison.Ordinal)
            || r["credit_account"].Contains(scheme, StringComparison.Ordinal)).Where(r => r["awb_phase"] == "betaling").ToList();
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal("12345.67", r["amount"]));
        var toRegion = rows.Where(r => r["debit_account"].StartsWith("clearing:intermediary.", StringComparison.Ordinal) || r["credit_account"].StartsWith("clearing:region.", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, toRegion.Count);
        Assert.All(toRegion, r => Assert.Equal($"ccv-{Suffix}", r["bank_reference"]));
        Assert.All(rows.Except(toRegion), r => Assert.Equal(endToEnd, r["bank_reference"]));
    }
}
