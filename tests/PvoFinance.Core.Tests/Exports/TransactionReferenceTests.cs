using NodaTime;
using PvoFinance.Access;
using PvoFinance.Applications;
using PvoFinance.Banking;
using PvoFinance.Exports;
using PvoFinance.Funding;
using PvoFinance.Regions;

namespace PvoFinance.Core.Tests.Exports;

/// <summary>The two references a treasurer reconciles transactions.csv with: the invoice's RF reference and the bank's.</summary>
public sealed class TransactionReferenceTests
{
    private static readonly FundingSourceDefinition Levy = new("li-levy", "Inwonersbijdrage", FundingSourceKind.MunicipalLevy, Scope.Region("limburg"),
        "Gemeenten Limburg", [], null, null, new Rate(100), [], null, null);
    private static readonly FundingSourceDefinition Overhead = new("li-oh", "Overhead", FundingSourceKind.ProjectOverhead, Scope.Region("limburg"),
        "PVO Limburg", [], null, null, null, [], null, null);
    private static readonly FundingSourceDefinition Fund = new("li-fund", "Veiligheidsfonds", FundingSourceKind.ProvincialFund, Scope.Province("Limburg"),
        "Provincie Limburg", [], null, null, null, [], null, null);

    private static readonly ExportLookups Lookups = new(RegionCatalog.Shipped,
        new Dictionary<string, FundingSourceDefinition> { [Levy.Id] = Levy, [Overhead.Id] = Overhead, [Fund.Id] = Fund }, new Dictionary<string, Application>());

    private static TransactionRow RowOf(string journal, string key, string debit, string credit, string? memo = null) =>
        Assert.Single(TransactionRows.Of(new LedgerLine(journal, 3, key, "Posted", new LocalDate(2026, 12, 3), Instant.FromUtc(2026, 12, 3, 9, 0), null,
            [new LedgerLeg(debit, 1_000_00), new LedgerLeg(credit, -1_000_00)], memo, new string('a', 64), new string('b', 64)), Lookups));

    [Fact]
    public void A_levy_invoice_and_the_receipt_that_settles_it_carry_the_invoices_creditor_reference()
    {
        var expected = LevyReference.For("li-levy", 2026, "GM0983").Value;
        var invoice = RowOf("source.li-levy.2026", "invoice:GM0983", "receivable:li-levy:2026:gm0983", "budget:li-levy:2026");
        var receipt = RowOf("source.li-levy.2026", "receipt:r-7", "cash:li-levy:2026", "receivable:li-levy:2026:gm0983");
        Assert.Equal(expected, invoice.CreditorReference);
        Assert.Equal(expected, receipt.CreditorReference);
        Assert.NotEqual(expected, RowOf("source.li-levy.2026", "invoice:GM0935", "receivable:li-levy:2026:gm0935", "budget:li-levy:2026").CreditorReference);
    }

    [Fact]
    public void Only_a_levy_on_a_municipality_has_a_creditor_reference()
    {
        Assert.Equal("", RowOf("source.li-oh.2026", "overhead:c1", "receivable:li-oh:2026:p-12", "budget:li-oh:2026").CreditorReference);
        Assert.Equal("", RowOf("source.li-fund.2026", "commit:c1:0:post", "budget:li-fund:2026", "commitment:li-fund:2026:limburg").CreditorReference);
    }

    [Fact]
    public void A_receipt_from_a_statement_names_the_banks_reference_and_one_by_hand_its_own_id()
    {
        var hashed = StatementReceipts.IdPrefix + new string('c', 40);
        var fromStatement = RowOf("source.li-levy.2026", $"receipt:{hashed}", "cash:li-levy:2026", "receivable:li-levy:2026:gm0983",
            BankMemo.With("Received from GM0983", "ING-20261203-17"));
        Assert.Equal("ING-20261203-17", fromStatement.BankReference);
        Assert.Equal("", RowOf("source.li-levy.2026", $"receipt:{hashed}", "cash:li-levy:2026", "receivable:li-levy:2026:gm0983", "Received from GM0983").BankReference);
        Assert.Equal("bank-stmt-0412", RowOf("source.li-levy.2026", "receipt:bank-stmt-0412", "cash:li-levy:2026", "receivable:li-levy:2026:gm0983").BankReference);
        Assert.Equal("kas-2026-118", RowOf("source.li-levy.2026", "receipt:kas-2026-118", "cash:li-levy:2026", "receivable:li-levy:2026:gm0983").BankReference);
    }

    [Fact]
    public void A_direct_payment_names_its_payment_id_or_the_banks_reference_and_a_commitment_names_none()
    {
        Assert.Equal("p-2026-04", RowOf("source.li-fund.2026", "pay:li-fund:p-2026-04:post", "commitment:li-fund:2026:limburg", "clearing:region.limburg", "p-2026-04").BankReference);
        Assert.Equal("RABO-991", RowOf("region.limburg", "pay:li-fund:PVO0000042-1:credit", "clearing:source.li-fund.2026", "region:limburg:li-fund",
            BankMemo.With("PVO0000042-1", "RABO-991")).BankReference);
        Assert.Equal("", RowOf("source.li-fund.2026", "commit:c1:0:post", "budget:li-fund:2026", "commitment:li-fund:2026:limburg").BankReference);
    }
}
