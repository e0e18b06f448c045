using PvoFinance.Ledger;
using static PvoFinance.Core.Tests.Accounts;
using static PvoFinance.Core.Tests.Book;

namespace PvoFinance.Core.Tests;

public class IdempotencyTests
{
    private readonly LedgerHarness _ledger = new();

    private static readonly PostEntry Payment = new("pay-invoice-17", Day(3, 5), [Dr(Expense, "250.00"), Cr(Cash, "250.00")], "invoice 17");

    private void AssertDuplicateOf(LedgerCommand retry, long originalSequence)
    {
        var before = _ledger.StateJson;
        var version = _ledger.Journal.Version;
        var head = _ledger.Journal.HeadHash;
        var outcome = _ledger.Execute(retry);
        Assert.Equal(new Duplicate(originalSequence), outcome);
        Assert.Equal(version, _ledger.Journal.Version);
        Assert.Equal(head, _ledger.Journal.HeadHash);
        Assert.Equal(before, _ledger.StateJson);
    }

    [Fact]
    public void Retrying_the_same_payment_does_not_pay_twice()
    {
        _ledger.FundCash("1000.00");
        var original = _ledger.Commit(Payment);
        _ledger.Commit(new PostEntry("later", Today, [Dr(Expense2, "1"), Cr(Cash, "1")]));

        AssertDuplicateOf(Payment, original.Sequence);
        // A retry built anew (another instance, equal content) is recognised just the same.
        AssertDuplicateOf(new PostEntry("pay-invoice-17", Day(3, 5), [Dr(Expense, "250.00"), Cr(Cash, "250.00")], "invoice 17"), original.Sequence);
        Assert.Equal(M("749.00"), _ledger.Balance(Cash).Posted);
    }

    [Fact]
    public void Every_kind_of_command_is_answered_with_its_original_sequence_when_retried()
    {
        _ledger.FundBudget("1000.00");
        _ledger.FundCash("1000.00");
        var reserve = new ReserveEntry("decision-1", Today, [Dr(Budget, "600"), Cr(Commitment, "600")]);
        var post = new PostReservation("tranche-1", Today, "decision-1", M("100"));
        var voidIt = new VoidReservation("close-1", Today, "decision-1");
        var pay = new PostEntry("pay-1", Today, [Dr(Commitment, "100"), Cr(Cash, "100")]);
        var reverse = new ReverseEntry("undo-pay-1", Today, "pay-1");
        var sequences = new[] { reserve, post, voidIt, pay, (LedgerCommand)reverse }
            .Select(c => (Command: c, _ledger.Commit(c).Sequence))
            .ToList();

        // Even though the reservation is closed and the payment reversed by now, each retry is a duplicate,
        // not a ReservationClosed or NotReversible refusal.
        foreach (var (command, sequence) in sequences)
        {
            AssertDuplicateOf(command, sequence);
        }
    }

    public static TheoryData<string, PostEntry> ChangedRetries => new()
    {
        { "other amount", Payment with { Postings = [Dr(Expense, "250.01"), Cr(Cash, "250.01")] } },
        { "other account", Payment with { Postings = [Dr(Expense2, "250.00"), Cr(Cash, "250.00")] } },
        { "legs in another order", Payment with { Postings = [Cr(Cash, "250.00"), Dr(Expense, "250.00")] } },
        { "other memo", Payment with { Memo = "invoice 18" } },
        { "no memo", Payment with { Memo = null } },
        { "empty memo", Payment with { Memo = "" } },
        { "other date", Payment with { ValueDate = Day(3, 6) } },
    };

    [Theory]
    [MemberData(nameof(ChangedRetries))]
    public void Reusing_a_key_for_different_content_is_refused(string change, PostEntry changed)
    {
        _ledger.FundCash("1000.00");
        var original = _ledger.Commit(Payment);
        var rejection = _ledger.Reject(changed, RejectionCode.IdempotencyConflict, "key");
        Assert.Contains(original.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), rejection.Message);
        Assert.False(string.IsNullOrEmpty(change));
        Assert.Equal(M("750.00"), _ledger.Balance(Cash).Posted);
    }

    [Fact]
    public void Reusing_a_key_for_another_kind_of_command_is_refused()
    {
        _ledger.FundBudget("1000.00");
        _ledger.Commit(new ReserveEntry("decision-1", Today, [Dr(Budget, "600"), Cr(Commitment, "600")]));
        _ledger.Reject(new PostEntry("decision-1", Today, [Dr(Budget, "600"), Cr(Commitment, "600")]), RejectionCode.IdempotencyConflict, "key");
        _ledger.Commit(new PostReservation("tranche", Today, "decision-1", M("100")));
        _ledger.Reject(new PostReservation("tranche", Today, "decision-1", M("100.01")), RejectionCode.IdempotencyConflict, "key");
        _ledger.Reject(new PostReservation("tranche", Today, "decision-1"), RejectionCode.IdempotencyConflict, "key");
        _ledger.Reject(new VoidReservation("tranche", Today, "decision-1"), RejectionCode.IdempotencyConflict, "key");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("pay 17")]
    [InlineData("pay/17")]
    [InlineData("pay\\17")]
    [InlineData("pay#17")]
    [InlineData("pay?17")]
    [InlineData("pay\t17")]
    [InlineData("betaling-é")]
    [InlineData("paiement-１７")]
    public void Malformed_keys_are_refused(string key)
    {
        _ledger.FundCash("1000.00");
        _ledger.Reject(Payment with { Key = key }, RejectionCode.Invalid, "key");
    }

    [Fact]
    public void Keys_are_bounded_in_length()
    {
        _ledger.FundCash("1000.00");
        _ledger.Reject(Payment with { Key = new string('k', LedgerLimits.MaxKeyChars + 1) }, RejectionCode.Invalid, "key");
        var longest = Payment with { Key = new string('k', LedgerLimits.MaxKeyChars) };
        var entry = _ledger.Commit(longest);
        AssertDuplicateOf(longest, entry.Sequence);
    }

    [Fact]
    public void Keys_are_case_sensitive()
    {
        _ledger.FundCash("1000.00");
        _ledger.Commit(Payment with { Key = "PAY-1" });
        _ledger.Commit(Payment with { Key = "pay-1" });
        Assert.Equal(M("500.00"), _ledger.Balance(Cash).Posted);
    }

    [Fact]
    public void A_malformed_retry_is_refused_as_malformed_before_the_duplicate_check()
    {
        _ledger.FundCash("1000.00");
        _ledger.Commit(Payment);
        _ledger.Reject(Payment with { Memo = "tab\there" }, RejectionCode.Invalid, "memo");
    }
}
