using PvoFinance.Ledger;
using static PvoFinance.Core.Tests.Accounts;
using static PvoFinance.Core.Tests.Book;

namespace PvoFinance.Core.Tests;

public class JournalPostingTests
{
    private readonly LedgerHarness _ledger = new();

    [Fact]
    public void A_balanced_entry_is_recorded_with_its_debits_and_credits()
    {
        var entry = _ledger.Commit(new PostEntry("levy-2026-q1", Day(3, 15), [Dr(Cash, "1234.56"), Cr(Income, "1234.56")], "levy Q1"));

        Assert.Equal(1, entry.Sequence);
        Assert.Equal(EntryKind.Posted, entry.Kind);
        Assert.Equal(EntryHasher.GenesisHash, entry.PreviousHash);
        Assert.Equal(LedgerHarness.Start, entry.RecordedAt);
        Assert.Equal(Day(3, 15), entry.ValueDate);
        Assert.Equal("levy Q1", entry.Memo);
        Assert.Empty(entry.Pending);
        Assert.Equal(1, _ledger.Journal.Version);
        Assert.Equal(entry.Hash, _ledger.Journal.HeadHash);
        Assert.Equal(new AccountBalance(Cash, 123_456, 0, 0, 0), _ledger.Balance(Cash));
        Assert.Equal(new AccountBalance(Income, 0, 123_456, 0, 0), _ledger.Balance(Income));
        Assert.Equal(M("1234.56"), _ledger.Balance(Cash).Posted);
        Assert.Equal(M("-1234.56"), _ledger.Balance(Income).Posted);
        Assert.Equal(1, _ledger.Journal.SequenceOf("levy-2026-q1"));
    }

    [Fact]
    public void Entries_chain_to_each_other_and_versions_count_up()
    {
        var first = _ledger.FundCash("100");
        var second = _ledger.Commit(new PostEntry("pay-1", Today, [Dr(Expense, "40"), Cr(Cash, "40")]));
        Assert.Equal(2, second.Sequence);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.NotEqual(first.Hash, second.Hash);
        Assert.Equal(M("60"), _ledger.Balance(Cash).Posted);
        Assert.Equal(0, _ledger.PostedTotal);
    }

    [Fact]
    public void An_unbalanced_entry_is_refused_and_changes_nothing()
    {
        _ledger.FundCash("100");
        var rejection = _ledger.Reject(new PostEntry("typo", Today, [Dr(Expense, "40.00"), Cr(Cash, "4.00")]), RejectionCode.Unbalanced, "postings");
        Assert.Contains("36.00", rejection.Message);
        Assert.Equal(M("100"), _ledger.Balance(Cash).Posted);
        Assert.Equal(0, _ledger.Balance(Expense).DebitsPosted);
        Assert.Null(_ledger.Journal.SequenceOf("typo"));
    }

    [Fact]
    public void A_single_leg_or_no_legs_are_refused()
    {
        _ledger.Reject(new PostEntry("one", Today, [Dr(Expense, "1")]), RejectionCode.Unbalanced);
        _ledger.Reject(new PostEntry("none", Today, []), RejectionCode.Invalid, "postings");
    }

    [Fact]
    public void More_than_the_maximum_number_of_legs_is_refused()
    {
        var legs = Enumerable.Range(0, LedgerLimits.MaxPostingsPerEntry)
            .Select(i => Posting.Debit(AccountId.Parse($"expense:line-{i}"), M("1")))
            .Append(Posting.Credit(Payable, new Money(LedgerLimits.MaxPostingsPerEntry * 100)))
            .ToList();
        _ledger.Reject(new PostEntry("too-many", Today, legs), RejectionCode.Invalid, "postings");
        var fits = _ledger.Commit(new PostEntry("just-fits", Today, BuildMaxLegs()));
        Assert.Equal(LedgerLimits.MaxPostingsPerEntry, fits.Postings.Length);
    }

    private static List<Posting> BuildMaxLegs()
    {
        var legs = Enumerable.Range(0, LedgerLimits.MaxPostingsPerEntry - 1)
            .Select(i => Posting.Debit(AccountId.Parse($"expense:line-{i}"), M("1")))
            .ToList();
        legs.Add(Posting.Credit(Payable, new Money((LedgerLimits.MaxPostingsPerEntry - 1) * 100)));
        return legs;
    }

    [Fact]
    public void Memo_and_cash_accounts_may_not_share_an_entry()
    {
        _ledger.Reject(new PostEntry("mixed", Today, [Dr(InKind, "250"), Cr(Income, "250")]), RejectionCode.MixedMemoAndCash, "postings");
        _ledger.Reject(new ReserveEntry("mixed-reserve", Today, [Dr(Expense, "250"), Cr(InKindSource, "250")]), RejectionCode.MixedMemoAndCash, "postings");
        // Hours in kind valued in their own entry are fine.
        _ledger.Commit(new PostEntry("hours", Today, [Dr(InKind, "250"), Cr(InKindSource, "250")], "10 h × 25.00"));
        Assert.Equal(M("250"), _ledger.Balance(InKind).Posted);
    }

    [Fact]
    public void The_same_account_twice_in_one_entry_is_refused()
    {
        _ledger.Reject(new PostEntry("dup", Today, [Dr(Expense, "10"), Cr(Payable, "5"), Cr(Expense, "5")]), RejectionCode.Invalid, "postings[2].account");
    }

    [Fact]
    public void A_zero_amount_leg_is_refused()
    {
        _ledger.Reject(new PostEntry("zero", Today, [Dr(Expense, "10"), Cr(Payable, "10"), Dr(Expense2, "0")]), RejectionCode.Invalid, "postings[2].amount");
    }

    [Fact]
    public void A_leg_beyond_the_accepted_range_is_refused()
    {
        var huge = new Money(Money.MaxCents + 1);
        _ledger.Reject(new PostEntry("huge", Today, [Posting.Debit(Expense, huge), Posting.Credit(Payable, huge)]), RejectionCode.Invalid, "postings[0].amount");
    }

    [Fact]
    public void A_leg_without_an_account_is_refused()
    {
        _ledger.Reject(new PostEntry("no-account", Today, [Dr(Expense, "10"), new Posting(default, M("-10"))]), RejectionCode.Invalid, "postings[1].account");
    }

    [Fact]
    public void A_bank_account_cannot_pay_out_money_it_does_not_hold()
    {
        _ledger.Reject(new PostEntry("pay-early", Today, [Dr(Expense, "0.01"), Cr(Cash, "0.01")]), RejectionCode.LimitExceeded, "postings[1]");
        _ledger.FundCash("100");
        _ledger.Commit(new PostEntry("pay-all", Today, [Dr(Expense, "100"), Cr(Cash, "100")]));
        Assert.Equal(Money.Zero, _ledger.Balance(Cash).Posted);
        var rejection = _ledger.Reject(new PostEntry("pay-more", Today, [Cr(Cash, "0.01"), Dr(Expense, "0.01")]), RejectionCode.LimitExceeded, "postings[0]");
        Assert.Contains(Cash.Value, rejection.Message);
        Assert.True(_ledger.Balance(Cash).WithinLimit);
    }

    [Fact]
    public void Spending_directly_from_a_budget_is_bounded_by_its_ceiling()
    {
        _ledger.FundBudget("1000.00");
        Assert.Equal(M("1000.00"), _ledger.Balance(Budget).Available);
        _ledger.Commit(new PostEntry("grant-1", Today, [Dr(Budget, "999.99"), Cr(Payable, "999.99")]));
        _ledger.Reject(new PostEntry("grant-2", Today, [Cr(Payable2, "0.02"), Dr(Budget, "0.02")]), RejectionCode.LimitExceeded, "postings[1]");
        _ledger.Commit(new PostEntry("grant-3", Today, [Cr(Payable2, "0.01"), Dr(Budget, "0.01")]));
        Assert.Equal(Money.Zero, _ledger.Balance(Budget).Available);
        Assert.True(_ledger.Balance(Budget).WithinLimit);
    }

    [Fact]
    public void Commitments_cannot_pay_more_than_was_committed()
    {
        _ledger.FundBudget("500");
        _ledger.FundCash("10000");
        _ledger.Commit(new PostEntry("commit", Today, [Dr(Budget, "300"), Cr(Commitment, "300")]));
        _ledger.Commit(new PostEntry("pay-1", Today, [Dr(Commitment, "200"), Cr(Cash, "200")]));
        _ledger.Reject(new PostEntry("pay-2", Today, [Dr(Commitment, "100.01"), Cr(Cash, "100.01")]), RejectionCode.LimitExceeded, "postings[0]");
        Assert.Equal(M("100"), _ledger.Balance(Commitment).Available);
    }

    [Fact]
    public void Memos_are_bounded_and_free_of_control_characters()
    {
        _ledger.Reject(new PostEntry("long-memo", Today, [Dr(Expense, "1"), Cr(Payable, "1")], new string('x', LedgerLimits.MaxMemoChars + 1)), RejectionCode.Invalid, "memo");
        _ledger.Reject(new PostEntry("ctl-memo", Today, [Dr(Expense, "1"), Cr(Payable, "1")], "line1\nline2"), RejectionCode.Invalid, "memo");
        _ledger.Commit(new PostEntry("max-memo", Today, [Dr(Expense, "1"), Cr(Payable, "1")], new string('é', LedgerLimits.MaxMemoChars)));
    }

    [Fact]
    public void A_refused_key_is_not_used_up_and_can_carry_the_corrected_command()
    {
        _ledger.Reject(new PostEntry("invoice-7", Today, [Dr(Expense, "40"), Cr(Payable, "4")]), RejectionCode.Unbalanced);
        var entry = _ledger.Commit(new PostEntry("invoice-7", Today, [Dr(Expense, "40"), Cr(Payable, "40")]));
        Assert.Equal(1, entry.Sequence);
    }

    [Fact]
    public void The_recording_instant_comes_from_the_clock_not_from_the_value_date()
    {
        _ledger.Clock.AdvanceDays(30);
        var entry = _ledger.Commit(new PostEntry("backdated", Day(1, 2), [Dr(Expense, "1"), Cr(Payable, "1")]));
        Assert.Equal(LedgerHarness.Start.Plus(NodaTime.Duration.FromDays(30)), entry.RecordedAt);
        Assert.Equal(Day(1, 2), entry.ValueDate);
    }
}
