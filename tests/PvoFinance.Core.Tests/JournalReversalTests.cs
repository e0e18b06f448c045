using PvoFinance.Ledger;
using static PvoFinance.Core.Tests.Accounts;
using static PvoFinance.Core.Tests.Book;

namespace PvoFinance.Core.Tests;

public class JournalReversalTests
{
    private readonly LedgerHarness _ledger = new();

    [Fact]
    public void Reversing_a_posted_entry_restores_every_balance_and_keeps_the_trail()
    {
        _ledger.FundCash("500.00");
        var before = _ledger.Journal.Balances.ToDictionary(b => b.Account, b => b.Posted);
        var original = _ledger.Commit(new PostEntry("invoice-9", Day(3, 2), [Dr(Expense, "120.00"), Dr(Expense2, "30.00"), Cr(Cash, "150.00")]));

        var reversal = _ledger.Commit(new ReverseEntry("undo-invoice-9", Day(3, 3), "invoice-9", "booked on the wrong cost line"));

        Assert.Equal(EntryKind.Reversal, reversal.Kind);
        Assert.Equal("invoice-9", reversal.Reference);
        Assert.Equal(original.Postings.Select(p => (p.Account, -p.Amount.Cents)), reversal.Postings.Select(p => (p.Account, p.Amount.Cents)));
        Assert.Contains("invoice-9", _ledger.Journal.ReversedKeys);
        Assert.Equal(M("500.00"), _ledger.Balance(Cash).Posted);
        Assert.Equal(Money.Zero, _ledger.Balance(Expense).Posted);
        Assert.Equal(Money.Zero, _ledger.Balance(Expense2).Posted);
        foreach (var (account, posted) in before)
        {
            Assert.Equal(posted, _ledger.Balance(account).Posted);
        }
        // Entries are never edited: both sides of the expense line show the movement and its undoing.
        Assert.Equal(new AccountBalance(Expense, 12_000, 12_000, 0, 0), _ledger.Balance(Expense));
    }

    [Fact]
    public void An_entry_can_be_reversed_only_once()
    {
        _ledger.FundCash("500.00");
        _ledger.Commit(new PostEntry("invoice-9", Today, [Dr(Expense, "120.00"), Cr(Cash, "120.00")]));
        _ledger.Commit(new ReverseEntry("undo-1", Today, "invoice-9"));
        _ledger.Reject(new ReverseEntry("undo-2", Today, "invoice-9"), RejectionCode.NotReversible, "entryKey");
        Assert.Equal(M("500.00"), _ledger.Balance(Cash).Posted);
    }

    [Fact]
    public void Reservations_voids_and_reversals_are_not_reversible()
    {
        _ledger.FundBudget("1000.00", key: "fund");
        _ledger.ReserveGrant("decision-1", "100.00");
        _ledger.ReserveGrant("decision-2", "100.00");
        _ledger.Commit(new VoidReservation("void-2", Today, "decision-2"));
        _ledger.FundCash("50.00", key: "receipt");
        _ledger.Commit(new ReverseEntry("undo-receipt", Today, "receipt"));
        _ledger.Reject(new ReverseEntry("r1", Today, "decision-1"), RejectionCode.NotReversible, "entryKey");
        _ledger.Reject(new ReverseEntry("r2", Today, "void-2"), RejectionCode.NotReversible, "entryKey");
        _ledger.Reject(new ReverseEntry("r3", Today, "undo-receipt"), RejectionCode.NotReversible, "entryKey");
    }

    [Fact]
    public void A_posting_of_a_reservation_can_be_reversed_without_reopening_the_reservation()
    {
        _ledger.FundBudget("1000.00");
        _ledger.ReserveGrant("decision-1", "600.00");
        _ledger.Commit(new PostReservation("tranche-1", Today, "decision-1", M("200.00")));
        _ledger.Commit(new ReverseEntry("undo-tranche-1", Today, "tranche-1"));
        Assert.Equal(M("400.00"), _ledger.Journal.ReservationOf("decision-1")!.Total);
        Assert.Equal(Money.Zero, _ledger.Balance(Commitment).Posted);
        // 600 reserved, 200 posted and reversed: 400 still pending, so 600 available.
        Assert.Equal(M("600.00"), _ledger.Balance(Budget).Available);
    }

    [Fact]
    public void Reversing_an_unknown_entry_is_not_found()
    {
        _ledger.Reject(new ReverseEntry("r", Today, "nothing-here"), RejectionCode.NotFound, "entryKey");
        _ledger.Reject(new ReverseEntry("r", Today, ""), RejectionCode.NotFound, "entryKey");
    }

    [Fact]
    public void A_reversal_may_not_predate_the_entry_it_reverses()
    {
        _ledger.FundCash("500.00", date: Day(3, 10));
        _ledger.Reject(new ReverseEntry("undo", Day(3, 9), "fund-cash"), RejectionCode.Invalid, "valueDate");
        _ledger.Commit(new ReverseEntry("undo", Day(3, 10), "fund-cash"));
    }

    [Fact]
    public void Reversing_a_budget_credit_that_is_already_reserved_is_refused()
    {
        _ledger.FundBudget("1000.00", key: "fund");
        _ledger.ReserveGrant("decision-1", "600.00");
        var rejection = _ledger.Reject(new ReverseEntry("undo-fund", Today, "fund"), RejectionCode.LimitExceeded, "entryKey");
        Assert.Contains(Budget.Value, rejection.Message);
        _ledger.Commit(new VoidReservation("void", Today, "decision-1"));
        _ledger.Commit(new ReverseEntry("undo-fund", Today, "fund"));
        Assert.Equal(Money.Zero, _ledger.Balance(Budget).Available);
    }

    [Fact]
    public void Money_already_paid_out_cannot_be_reversed_out_of_the_bank()
    {
        _ledger.FundCash("100.00", key: "receipt");
        _ledger.Commit(new PostEntry("pay", Today, [Dr(Expense, "70.00"), Cr(Cash, "70.00")]));
        _ledger.Reject(new ReverseEntry("undo-receipt", Today, "receipt"), RejectionCode.LimitExceeded, "entryKey");
    }

    [Fact]
    public void The_caller_must_hand_over_the_entry_being_reversed()
    {
        _ledger.FundCash("100.00", key: "receipt");
        var command = new ReverseEntry("undo", Today, "receipt");
        Assert.Throws<InvalidOperationException>(() => _ledger.Journal.Execute(command, LedgerHarness.Start, referenced: null));
        Assert.Equal(1, _ledger.Journal.Version);
    }
}
