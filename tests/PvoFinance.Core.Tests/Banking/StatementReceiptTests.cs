using PvoFinance.Banking;
using static PvoFinance.Core.Tests.Banking.StatementScenarioTests;

namespace PvoFinance.Core.Tests.Banking;

/// <summary>Certain credit matches become receipts whose ids make a second import book nothing new.</summary>
public sealed class StatementReceiptTests
{
    private static IReadOnlyList<MatchLevyReceivable> Invoices() =>
    [
        new("levy-limburg", 2026, "GM0983", Money.FromCents(48_123_45), TestIbans.Parse(Venlo)),
        new("levy-limburg", 2026, "GM0957", Money.FromCents(31_000_00), TestIbans.Parse(Roermond)),
        new("levy-limburg", 2026, "GM0988", Money.FromCents(22_500_00), TestIbans.Parse(Weert)),
    ];

    private static IReadOnlyList<StatementReceipt> Plan(byte[] file)
    {
        var statement = StatementReader.Read(file);
        var matches = StatementMatcher.Match(statement, Invoices().Select(i => i.ToOpen()), Debits());
        return StatementReceipts.Plan(statement, matches, Invoices());
    }

    [Fact]
    public void The_scenario_books_the_referenced_receipts_only_and_leaves_the_partial_rest_open()
    {
        var receipts = Plan(Bank().Camt());
        Assert.Equal(
            [(3, "GM0983", 48_123_45L, 0L), (6, "GM0988", 10_000_00L, 0L)],
            receipts.Select(r => (r.Line, r.Debtor, r.Amount.Cents, r.Excess.Cents)).ToList());
        Assert.All(receipts, r => Assert.DoesNotContain(':', r.ReceiptId));
        Assert.All(receipts, r => Assert.DoesNotContain('/', r.ReceiptId));
    }

    [Fact]
    public void Importing_the_same_statement_again_in_any_format_gives_the_same_receipt_ids()
    {
        var first = Plan(Bank().Camt("02")).Select(r => r.ReceiptId).ToList();
        Assert.Equal(first, Plan(Bank().Camt("08")).Select(r => r.ReceiptId));
        Assert.Equal(first, Plan(Bank().Mt940()).Select(r => r.ReceiptId));
        Assert.Equal(first.Count, first.Distinct().Count());
    }

    [Fact]
    public void The_invoice_reference_the_matcher_uses_is_the_printed_levy_reference()
    {
        Assert.Equal(VenloRef, Invoices()[0].Reference);
    }
}
