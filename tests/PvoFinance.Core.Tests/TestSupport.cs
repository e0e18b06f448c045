using NodaTime;
using NodaTime.Testing;
using PvoFinance.Ledger;

namespace PvoFinance.Core.Tests;

/// <summary>The accounts the tests use: one of each kind a treasurer meets, limited ones included.</summary>
internal static class Accounts
{
    public static readonly AccountId Appropriation = AccountId.Parse("appropriation:jenv-pvo:2026");
    public static readonly AccountId Budget = AccountId.Parse("budget:jenv-pvo:2026");
    public static readonly AccountId Budget2 = AccountId.Parse("budget:jenv-pvo:2027");
    public static readonly AccountId Commitment = AccountId.Parse("commitment:jenv-pvo:2026:app-42");
    public static readonly AccountId Commitment2 = AccountId.Parse("commitment:jenv-pvo:2026:app-43");
    public static readonly AccountId Cash = AccountId.Parse("cash:bank-1");
    public static readonly AccountId Income = AccountId.Parse("income:levy");
    public static readonly AccountId Expense = AccountId.Parse("expense:subsidies");
    public static readonly AccountId Expense2 = AccountId.Parse("expense:travel");
    public static readonly AccountId Expense3 = AccountId.Parse("expense:rent");
    public static readonly AccountId Payable = AccountId.Parse("payable:app-42");
    public static readonly AccountId Payable2 = AccountId.Parse("payable:app-43");
    public static readonly AccountId InKind = AccountId.Parse("inkind:hours");
    public static readonly AccountId InKindSource = AccountId.Parse("inkind-source:volunteers");
}

/// <summary>Small builders so a test reads like a booking.</summary>
internal static class Book
{
    public static Money M(string amount) => Money.Parse(amount);

    public static Posting Dr(AccountId account, string amount) => Posting.Debit(account, M(amount));

    public static Posting Cr(AccountId account, string amount) => Posting.Credit(account, M(amount));

    public static LocalDate Day(int month, int day) => new(2026, month, day);

    public static readonly LocalDate Today = Day(3, 1);
}

/// <summary>
/// A journal as its single writer drives it: a fake clock for recording instants, and the list of committed
/// entries (the journal keeps none in memory, so reversals are given theirs from here, as the grain does).
/// </summary>
internal sealed class LedgerHarness
{
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 1, 9, 0);

    public FakeClock Clock { get; } = new(Start);

    public Journal Journal { get; }

    public List<JournalEntry> Entries { get; } = [];

    public LedgerHarness(Journal? journal = null) => Journal = journal ?? new Journal();

    public string StateJson => LedgerJson.Serialize(Journal.ToState());

    public AccountBalance Balance(AccountId account) => Journal.BalanceOf(account);

    /// <summary>Executes a command at the clock's instant, then moves the clock on by one second.</summary>
    public LedgerOutcome Execute(LedgerCommand command)
    {
        JournalEntry? referenced = null;
        if (command is ReverseEntry r && Journal.SequenceOf(r.EntryKey) is { } seq)
        {
            referenced = Entries[(int)seq - 1];
        }
        var outcome = Journal.Execute(command, Clock.GetCurrentInstant(), referenced);
        if (outcome is Committed c)
        {
            Entries.Add(c.Entry);
        }
        Clock.Advance(Duration.FromSeconds(1));
        return outcome;
    }

    /// <summary>Executes a command that must commit; fails the test with the refusal otherwise.</summary>
    public JournalEntry Commit(LedgerCommand command)
    {
        var outcome = Execute(command);
        if (outcome is not Committed c)
        {
            Assert.Fail($"Expected {command.Key} to commit, got {outcome}.");
            throw new InvalidOperationException("unreachable");
        }
        Assert.Equal(c.Entry.Sequence, Journal.Version);
        return c.Entry;
    }

    /// <summary>Executes a command that must be refused, and checks that the refusal changed nothing.</summary>
    public LedgerRejection Reject(LedgerCommand command, RejectionCode code, string? field = null)
    {
        var before = StateJson;
        var version = Journal.Version;
        var head = Journal.HeadHash;
        var keys = Journal.KeyCount;
        var outcome = Execute(command);
        var rejected = Assert.IsType<Rejected>(outcome);
        Assert.Equal(code, rejected.Rejection.Code);
        if (field is not null)
        {
            Assert.Equal(field, rejected.Rejection.Field);
        }
        Assert.False(string.IsNullOrWhiteSpace(rejected.Rejection.Message));
        Assert.Equal(version, Journal.Version);
        Assert.Equal(head, Journal.HeadHash);
        Assert.Equal(keys, Journal.KeyCount);
        Assert.Equal(before, StateJson);
        return rejected.Rejection;
    }

    /// <summary>Credits a budget year's ceiling: appropriation debit, budget credit.</summary>
    public JournalEntry FundBudget(string amount, string key = "fund-budget", AccountId? budget = null, LocalDate? date = null) =>
        Commit(new PostEntry(key, date ?? Book.Today, [Book.Dr(Accounts.Appropriation, amount), Book.Cr(budget ?? Accounts.Budget, amount)], "ceiling"));

    /// <summary>Puts money in the bank: cash debit, income credit.</summary>
    public JournalEntry FundCash(string amount, string key = "fund-cash", LocalDate? date = null) =>
        Commit(new PostEntry(key, date ?? Book.Today, [Book.Dr(Accounts.Cash, amount), Book.Cr(Accounts.Income, amount)], "levy received"));

    /// <summary>Reserves a grant under the budget: budget debit (pending), commitment credit (pending).</summary>
    public JournalEntry ReserveGrant(string key, string amount, LocalDate? date = null, AccountId? commitment = null) =>
        Commit(new ReserveEntry(key, date ?? Book.Today, [Book.Dr(Accounts.Budget, amount), Book.Cr(commitment ?? Accounts.Commitment, amount)], "grant decision"));

    /// <summary>
    /// A small but complete year: funding, two grant decisions, tranches, a void, a payment, a reversal and
    /// in-kind hours — every entry kind, spread over value dates from January to June, one recording second apart.
    /// </summary>
    public static LedgerHarness TypicalYear()
    {
        var h = new LedgerHarness();
        h.FundBudget("10000.00", key: "ceiling-2026", date: Book.Day(1, 2));                                   // 1
        h.FundCash("8000.00", key: "levy-q1", date: Book.Day(1, 15));                                           // 2
        h.ReserveGrant("decision-42", "3000.00", Book.Day(2, 1));                                               // 3
        h.ReserveGrant("decision-43", "1500.00", Book.Day(2, 3), Accounts.Commitment2);                         // 4
        h.Commit(new PostReservation("tranche-42-1", Book.Day(3, 1), "decision-42", Book.M("1000.00"), "first tranche")); // 5
        h.Commit(new PostEntry("pay-42-1", Book.Day(3, 2), [Book.Dr(Accounts.Commitment, "1000.00"), Book.Cr(Accounts.Cash, "1000.00")], "payment | tranche 1")); // 6
        h.Commit(new VoidReservation("withdraw-43", Book.Day(4, 1), "decision-43", "application withdrawn"));  // 7
        h.Commit(new PostEntry("rent-apr", Book.Day(4, 5), [Book.Dr(Accounts.Expense3, "450.00"), Book.Cr(Accounts.Cash, "450.00")], "rent")); // 8
        h.Commit(new ReverseEntry("undo-rent-apr", Book.Day(4, 6), "rent-apr", "paid twice by the bank, refunded")); // 9
        h.Commit(new PostEntry("hours-q2", Book.Day(5, 31), [Book.Dr(Accounts.InKind, "625.00"), Book.Cr(Accounts.InKindSource, "625.00")], "25 h × 25.00 — vrijwilligers")); // 10
        h.Commit(new PostReservation("tranche-42-2", Book.Day(6, 1), "decision-42", Book.M("500.00")));      // 11
        return h;
    }

    /// <summary>The sum of every account's posted balance; zero in any double-entry ledger.</summary>
    public long PostedTotal => Journal.Balances.Sum(b => b.Posted.Cents);
}
