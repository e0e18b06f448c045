using NodaTime;
using PvoFinance.Ledger;
using static PvoFinance.Core.Tests.Accounts;
using static PvoFinance.Core.Tests.Book;

namespace PvoFinance.Core.Tests;

public class AsOfBalanceTests
{
    private static AccountBalance Of(IReadOnlyList<AccountBalance> balances, AccountId account) =>
        balances.SingleOrDefault(b => b.Account == account) ?? AccountBalance.Empty(account);

    [Fact]
    public void Balances_as_of_a_value_date_leave_out_later_entries()
    {
        var ledger = new LedgerHarness();
        ledger.FundCash("100.00", key: "march", date: Day(3, 1));
        ledger.FundCash("50.00", key: "june", date: Day(6, 1));

        Assert.Equal(M("100.00"), Of(LedgerQueries.BalancesAsOf(ledger.Entries, Day(5, 31)), Cash).Posted);
        Assert.Equal(M("150.00"), Of(LedgerQueries.BalancesAsOf(ledger.Entries, Day(6, 1)), Cash).Posted); // the day itself counts
        Assert.Empty(LedgerQueries.BalancesAsOf(ledger.Entries, Day(2, 28)));
    }

    [Fact]
    public void A_backdated_entry_counts_for_its_value_date()
    {
        var ledger = new LedgerHarness();
        ledger.FundCash("100.00", key: "june", date: Day(6, 1));
        ledger.FundCash("7.00", key: "forgotten-january", date: Day(1, 20));
        Assert.Equal(M("7.00"), Of(LedgerQueries.BalancesAsOf(ledger.Entries, Day(1, 31)), Cash).Posted);
    }

    [Fact]
    public void Reservations_show_as_pending_until_the_date_they_are_posted()
    {
        var year = LedgerHarness.TypicalYear();
        // decision-42 (3000, Feb 1) and decision-43 (1500, Feb 3) are both pending in February.
        var february = Of(LedgerQueries.BalancesAsOf(year.Entries, Day(2, 28)), Budget);
        Assert.Equal(new AccountBalance(Budget, 0, 1_000_000, 450_000, 0), february);
        Assert.Equal(M("5500.00"), february.Available);
        // The first tranche (Mar 1) moved 1000 from pending to posted; the void (Apr 1) released 1500.
        Assert.Equal(new AccountBalance(Budget, 100_000, 1_000_000, 350_000, 0), Of(LedgerQueries.BalancesAsOf(year.Entries, Day(3, 1)), Budget));
        Assert.Equal(new AccountBalance(Budget, 100_000, 1_000_000, 200_000, 0), Of(LedgerQueries.BalancesAsOf(year.Entries, Day(4, 1)), Budget));
    }

    [Fact]
    public void A_reversal_shows_from_its_own_date()
    {
        var year = LedgerHarness.TypicalYear();
        Assert.Equal(M("-450.00"), Of(LedgerQueries.BalancesAsOf(year.Entries, Day(4, 5)), Cash).Posted - Of(LedgerQueries.BalancesAsOf(year.Entries, Day(4, 4)), Cash).Posted);
        Assert.Equal(Money.Zero, Of(LedgerQueries.BalancesAsOf(year.Entries, Day(4, 6)), Expense3).Posted);
        Assert.Equal(M("450.00"), Of(LedgerQueries.BalancesAsOf(year.Entries, Day(4, 5)), Expense3).Posted);
    }

    [Fact]
    public void Known_at_leaves_out_entries_recorded_later_even_with_an_earlier_value_date()
    {
        var ledger = new LedgerHarness();
        ledger.FundCash("100.00", key: "march", date: Day(3, 1));
        var closing = ledger.Clock.GetCurrentInstant();          // the moment the Q1 report was printed
        ledger.Clock.Advance(Duration.FromDays(20));
        ledger.FundCash("5.00", key: "late-correction", date: Day(3, 15));

        var asReported = LedgerQueries.BalancesAsOf(ledger.Entries, Day(3, 31), knownAt: closing);
        var asNowKnown = LedgerQueries.BalancesAsOf(ledger.Entries, Day(3, 31));
        Assert.Equal(M("100.00"), Of(asReported, Cash).Posted);
        Assert.Equal(M("105.00"), Of(asNowKnown, Cash).Posted);

        // An entry recorded exactly at the known-at instant is included.
        var recordedAt = ledger.Entries[1].RecordedAt;
        Assert.Equal(M("105.00"), Of(LedgerQueries.BalancesAsOf(ledger.Entries, Day(3, 31), recordedAt), Cash).Posted);
        Assert.Equal(M("100.00"), Of(LedgerQueries.BalancesAsOf(ledger.Entries, Day(3, 31), recordedAt - Duration.FromTicks(1)), Cash).Posted);
    }

    [Fact]
    public void As_of_the_last_date_equals_the_journal_balances()
    {
        var year = LedgerHarness.TypicalYear();
        var asOf = LedgerQueries.BalancesAsOf(year.Entries, Day(12, 31));
        Assert.Equal(year.Journal.Balances.OrderBy(b => b.Account.Value, StringComparer.Ordinal), asOf);
        Assert.Equal(0, asOf.Sum(b => b.Posted.Cents));
    }

    [Fact]
    public void Every_as_of_date_balances_to_zero_and_keeps_pending_sides_equal()
    {
        var year = LedgerHarness.TypicalYear();
        for (var date = Day(1, 1); date <= Day(7, 1); date = date.PlusDays(1))
        {
            var balances = LedgerQueries.BalancesAsOf(year.Entries, date);
            Assert.Equal(0, balances.Sum(b => b.Posted.Cents));
            Assert.Equal(balances.Sum(b => b.DebitsPending), balances.Sum(b => b.CreditsPending));
            Assert.All(balances, b => Assert.True(b.WithinLimit, $"{b.Account} over its limit as of {date}"));
        }
    }
}
