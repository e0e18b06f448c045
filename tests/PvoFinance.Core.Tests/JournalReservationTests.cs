using PvoFinance.Ledger;
using static PvoFinance.Core.Tests.Accounts;
using static PvoFinance.Core.Tests.Book;

namespace PvoFinance.Core.Tests;

public class JournalReservationTests
{
    private readonly LedgerHarness _ledger = new();

    [Fact]
    public void A_reservation_counts_against_the_budget_ceiling_at_once()
    {
        _ledger.FundBudget("1000.00");
        var entry = _ledger.ReserveGrant("decision-1", "600.00");

        Assert.Equal(EntryKind.Reserve, entry.Kind);
        Assert.Empty(entry.Postings);
        Assert.Equal(new AccountBalance(Budget, 0, 100_000, 60_000, 0), _ledger.Balance(Budget));
        Assert.Equal(new AccountBalance(Commitment, 0, 0, 0, 60_000), _ledger.Balance(Commitment));
        Assert.Equal(M("400.00"), _ledger.Balance(Budget).Available);
        var open = Assert.Single(_ledger.Journal.OpenReservations);
        Assert.Equal("decision-1", open.Key);
        Assert.Equal(M("600.00"), open.Total);
        Assert.Equal(entry.Sequence, open.Sequence);
    }

    [Fact]
    public void A_second_reservation_over_the_ceiling_is_refused_naming_the_budget_leg()
    {
        _ledger.FundBudget("1000.00");
        _ledger.ReserveGrant("decision-1", "600.00");
        // The budget is the second leg here, so the field must point at postings[1].
        var rejection = _ledger.Reject(
            new ReserveEntry("decision-2", Today, [Cr(Commitment2, "500.00"), Dr(Budget, "500.00")]),
            RejectionCode.LimitExceeded, "postings[1]");
        Assert.Contains("400.00", rejection.Message);
        Assert.Single(_ledger.Journal.OpenReservations);

        // Exactly up to the ceiling is allowed; one cent more is not.
        _ledger.Commit(new ReserveEntry("decision-3", Today, [Dr(Budget, "400.00"), Cr(Commitment2, "400.00")]));
        Assert.Equal(Money.Zero, _ledger.Balance(Budget).Available);
        _ledger.Reject(new ReserveEntry("decision-4", Today, [Dr(Budget, "0.01"), Cr(Commitment2, "0.01")]), RejectionCode.LimitExceeded, "postings[0]");
    }

    [Fact]
    public void A_reservation_is_posted_in_parts_and_the_rest_voided()
    {
        _ledger.FundBudget("1000.00");
        _ledger.ReserveGrant("decision-1", "600.00", Day(3, 1));

        var first = _ledger.Commit(new PostReservation("tranche-1", Day(4, 1), "decision-1", M("200.00")));
        Assert.Equal(EntryKind.PostReservation, first.Kind);
        Assert.Equal("decision-1", first.Reference);
        Assert.Equal(M("400.00"), _ledger.Journal.ReservationOf("decision-1")!.Total);

        _ledger.Commit(new PostReservation("tranche-2", Day(5, 1), "decision-1", M("150.00")));
        Assert.Equal(M("250.00"), _ledger.Journal.ReservationOf("decision-1")!.Total);
        Assert.Equal(new AccountBalance(Budget, 35_000, 100_000, 25_000, 0), _ledger.Balance(Budget));
        Assert.Equal(new AccountBalance(Commitment, 0, 35_000, 0, 25_000), _ledger.Balance(Commitment));

        var voided = _ledger.Commit(new VoidReservation("close-1", Day(6, 1), "decision-1", "project finished under budget"));
        Assert.Equal(EntryKind.VoidReservation, voided.Kind);
        Assert.Empty(voided.Postings);
        Assert.Null(_ledger.Journal.ReservationOf("decision-1"));
        Assert.Empty(_ledger.Journal.OpenReservations);
        Assert.Equal(new AccountBalance(Budget, 35_000, 100_000, 0, 0), _ledger.Balance(Budget));
        Assert.Equal(M("650.00"), _ledger.Balance(Budget).Available);
        Assert.Equal(M("-350.00"), _ledger.Balance(Commitment).Posted);
        Assert.Equal(0, _ledger.PostedTotal);
    }

    [Fact]
    public void Posting_without_an_amount_posts_everything_still_reserved()
    {
        _ledger.FundBudget("1000.00");
        _ledger.ReserveGrant("decision-1", "600.00");
        _ledger.Commit(new PostReservation("part", Today, "decision-1", M("100.00")));
        var rest = _ledger.Commit(new PostReservation("rest", Today, "decision-1"));
        Assert.Equal(M("500.00"), new Money(rest.Postings.Where(p => p.Amount.Cents > 0).Sum(p => p.Amount.Cents)));
        Assert.Null(_ledger.Journal.ReservationOf("decision-1"));
        Assert.Equal(new AccountBalance(Budget, 60_000, 100_000, 0, 0), _ledger.Balance(Budget));
    }

    [Fact]
    public void Posting_more_than_is_still_reserved_is_refused()
    {
        _ledger.FundBudget("1000.00");
        _ledger.ReserveGrant("decision-1", "600.00");
        _ledger.Reject(new PostReservation("too-much", Today, "decision-1", M("600.01")), RejectionCode.ExceedsReservation, "amount");
        _ledger.Commit(new PostReservation("part", Today, "decision-1", M("500.00")));
        _ledger.Reject(new PostReservation("too-much-2", Today, "decision-1", M("100.01")), RejectionCode.ExceedsReservation, "amount");
        _ledger.Commit(new PostReservation("exact", Today, "decision-1", M("100.00")));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-10")]
    public void Posting_a_non_positive_amount_is_refused(string amount)
    {
        _ledger.FundBudget("1000.00");
        _ledger.ReserveGrant("decision-1", "600.00");
        _ledger.Reject(new PostReservation("bad", Today, "decision-1", M(amount)), RejectionCode.Invalid, "amount");
    }

    [Fact]
    public void A_voided_reservation_can_no_longer_be_posted_or_voided()
    {
        _ledger.FundBudget("1000.00");
        _ledger.ReserveGrant("decision-1", "600.00");
        _ledger.Commit(new VoidReservation("void-1", Today, "decision-1"));
        _ledger.Reject(new PostReservation("late", Today, "decision-1", M("1.00")), RejectionCode.ReservationClosed, "reservationKey");
        _ledger.Reject(new VoidReservation("void-again", Today, "decision-1"), RejectionCode.ReservationClosed, "reservationKey");
        Assert.Equal(M("1000.00"), _ledger.Balance(Budget).Available);
    }

    [Fact]
    public void A_fully_posted_reservation_is_closed()
    {
        _ledger.FundBudget("1000.00");
        _ledger.ReserveGrant("decision-1", "600.00");
        _ledger.Commit(new PostReservation("all", Today, "decision-1"));
        _ledger.Reject(new PostReservation("more", Today, "decision-1", M("0.01")), RejectionCode.ReservationClosed);
        _ledger.Reject(new VoidReservation("void", Today, "decision-1"), RejectionCode.ReservationClosed);
    }

    [Fact]
    public void Unknown_reservations_are_not_found_and_plain_entries_are_not_reservations()
    {
        _ledger.FundBudget("1000.00", key: "fund");
        _ledger.Reject(new PostReservation("p", Today, "no-such-decision", M("1")), RejectionCode.NotFound, "reservationKey");
        _ledger.Reject(new VoidReservation("v", Today, "no-such-decision"), RejectionCode.NotFound, "reservationKey");
        _ledger.Reject(new VoidReservation("v2", Today, ""), RejectionCode.Invalid, "reservationKey");
        _ledger.Reject(new PostReservation("p2", Today, "fund", M("1")), RejectionCode.ReservationClosed, "reservationKey");
    }

    [Fact]
    public void A_later_step_may_not_predate_its_reservation()
    {
        _ledger.FundBudget("1000.00");
        _ledger.ReserveGrant("decision-1", "600.00", Day(3, 10));
        _ledger.Reject(new PostReservation("early", Day(3, 9), "decision-1", M("1")), RejectionCode.Invalid, "valueDate");
        _ledger.Reject(new VoidReservation("early-void", Day(3, 9), "decision-1"), RejectionCode.Invalid, "valueDate");
        _ledger.Commit(new PostReservation("same-day", Day(3, 10), "decision-1", M("1")));
    }

    [Fact]
    public void Posting_a_reservation_splits_proportionally_over_all_legs_and_sums_exactly()
    {
        // A three-line decision: 1.00 each on three cost lines, credited 2.00 and 1.00 to two payees.
        _ledger.Commit(new ReserveEntry("decision-3legs", Today,
            [Dr(Expense, "1.00"), Dr(Expense2, "1.00"), Dr(Expense3, "1.00"), Cr(Payable, "2.00"), Cr(Payable2, "1.00")]));

        var part = _ledger.Commit(new PostReservation("part-1", Today, "decision-3legs", M("1.00")));
        Assert.Equal(0, part.Postings.Sum(p => p.Amount.Cents));
        Assert.Equal(100, part.Postings.Where(p => p.Amount.Cents > 0).Sum(p => p.Amount.Cents));
        Assert.Equal([34L, 33L, 33L], new[] { Expense, Expense2, Expense3 }.Select(a => part.Postings.Single(p => p.Account == a).Amount.Cents));
        Assert.Equal(-67, part.Postings.Single(p => p.Account == Payable).Amount.Cents);
        Assert.Equal(-33, part.Postings.Single(p => p.Account == Payable2).Amount.Cents);
        // What is released from pending is exactly what was posted.
        Assert.Equal(part.Postings.Select(p => (p.Account, p.Amount)), part.Pending.Select(p => (p.Account, p.Amount)));
        Assert.All(part.Pending, p => Assert.True(p.Release));

        _ledger.Commit(new PostReservation("part-2", Today, "decision-3legs", M("0.01")));
        _ledger.Commit(new PostReservation("part-3", Today, "decision-3legs", M("1.99")));
        Assert.Null(_ledger.Journal.ReservationOf("decision-3legs"));

        // In the end every leg is posted exactly as reserved and nothing is left pending.
        Assert.Equal(M("1.00"), _ledger.Balance(Expense).Posted);
        Assert.Equal(M("1.00"), _ledger.Balance(Expense2).Posted);
        Assert.Equal(M("1.00"), _ledger.Balance(Expense3).Posted);
        Assert.Equal(M("-2.00"), _ledger.Balance(Payable).Posted);
        Assert.Equal(M("-1.00"), _ledger.Balance(Payable2).Posted);
        Assert.All(_ledger.Journal.Balances, b => Assert.Equal((0L, 0L), (b.DebitsPending, b.CreditsPending)));
    }

    [Fact]
    public void Many_small_posts_of_an_uneven_reservation_never_overdraw_a_leg()
    {
        _ledger.Commit(new ReserveEntry("uneven", Today,
            [Dr(Expense, "0.01"), Dr(Expense2, "9.99"), Dr(Expense3, "3.33"), Cr(Payable, "6.66"), Cr(Payable2, "6.67")]));
        var steps = 0;
        while (_ledger.Journal.ReservationOf("uneven") is { } open)
        {
            var amount = new Money(Math.Min(open.Total.Cents, 7));
            _ledger.Commit(new PostReservation($"step-{steps++}", Today, "uneven", amount));
            Assert.All(_ledger.Journal.Balances, b => Assert.True(b.DebitsPending >= 0 && b.CreditsPending >= 0));
            if (_ledger.Journal.ReservationOf("uneven") is { } after)
            {
                Assert.Equal(0, after.Remaining.Sum(r => r.Amount.Cents));
            }
        }
        Assert.Equal(M("0.01"), _ledger.Balance(Expense).Posted);
        Assert.Equal(M("9.99"), _ledger.Balance(Expense2).Posted);
        Assert.Equal(M("3.33"), _ledger.Balance(Expense3).Posted);
        Assert.Equal(M("-6.66"), _ledger.Balance(Payable).Posted);
        Assert.Equal(M("-6.67"), _ledger.Balance(Payable2).Posted);
    }

    [Fact]
    public void Posting_a_reservation_on_a_budget_at_its_ceiling_is_allowed()
    {
        _ledger.FundBudget("1000.00");
        _ledger.ReserveGrant("decision-1", "1000.00");
        Assert.Equal(Money.Zero, _ledger.Balance(Budget).Available);
        _ledger.Commit(new PostReservation("pay", Today, "decision-1", M("999.99")));
        Assert.Equal(Money.Zero, _ledger.Balance(Budget).Available);
        Assert.True(_ledger.Balance(Budget).WithinLimit);
    }

    [Fact]
    public void A_payment_reserved_on_the_bank_account_counts_against_its_balance()
    {
        _ledger.FundBudget("1000.00");
        _ledger.FundCash("100.00");
        _ledger.Commit(new PostEntry("commit", Today, [Dr(Budget, "200"), Cr(Commitment, "200")]));
        _ledger.Commit(new ReserveEntry("payment-1", Today, [Dr(Commitment, "80"), Cr(Cash, "80")]));
        Assert.Equal(M("20.00"), _ledger.Balance(Cash).Available);
        _ledger.Reject(new ReserveEntry("payment-2", Today, [Dr(Commitment, "30"), Cr(Cash, "30")]), RejectionCode.LimitExceeded, "postings[1]");
        _ledger.Commit(new VoidReservation("cancel-1", Today, "payment-1"));
        _ledger.Commit(new ReserveEntry("payment-2b", Today, [Dr(Commitment, "30"), Cr(Cash, "30")]));
        Assert.Equal(M("70.00"), _ledger.Balance(Cash).Available);
    }
}
