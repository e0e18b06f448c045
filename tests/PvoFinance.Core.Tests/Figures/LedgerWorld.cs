using System.Globalization;
using NodaTime;
using PvoFinance.Applications;
using PvoFinance.Exports;
using PvoFinance.Funding;
using PvoFinance.Grains.Applications;
using PvoFinance.Ledger;
using PvoFinance.LedgerFigures;

namespace PvoFinance.Core.Tests.Figures;

/// <summary>
/// Real journals (the ledger core, with its limits) driven the way the grains drive them: an application's effects
/// booked by <see cref="ApplicationBookings.Plan"/> (commitments reserved then posted, money moved by two-phase
/// transfers as the transfer grain does), direct commitments and payments, through an intermediary when the source
/// has one. Every committed entry is kept as a <see cref="LedgerLine"/> for the figures module.
/// </summary>
internal sealed class LedgerWorld
{
    private readonly Dictionary<string, LedgerHarness> _journals = new(StringComparer.Ordinal);
    private int _next;

    public LocalDate Date { get; set; } = new(2026, 3, 1);

    public IEnumerable<string> Journals => _journals.Keys;

    public LedgerHarness Journal(string id) => _journals.TryGetValue(id, out var j) ? j : _journals[id] = new LedgerHarness();

    /// <summary>Every committed entry of every journal as a line.</summary>
    public IEnumerable<LedgerLine> Lines => _journals.SelectMany(j => j.Value.Entries.Select(e => new LedgerLine(j.Key, e.Sequence, e.Key, e.Kind.ToString(), e.ValueDate,
        e.RecordedAt, e.Reference, [.. e.Postings.Select(p => new LedgerLeg(p.Account.Value, p.Amount.Cents))], e.Memo, e.Hash, e.PreviousHash,
        Pending: [.. e.Pending.Select(p => new LedgerPendingLeg(p.Account.Value, p.Amount.Cents, p.Release))])));

    public FigureBook Book() => new FigureBook().AddRange(Lines);

    /// <summary>A posted balance (debits minus credits) of an account in a journal, zero when never used.</summary>
    public long Balance(string journal, string account) =>
        _journals.TryGetValue(journal, out var j) ? j.Journal.Balances.Where(b => b.Account.Value == account).Sum(b => b.DebitsPosted - b.CreditsPosted) : 0;

    /// <summary>Sum of posted balances over the accounts of <paramref name="journal"/> that <paramref name="pick"/> keeps.</summary>
    public long Balances(string journal, Func<AccountBalance, bool> pick) =>
        _journals.TryGetValue(journal, out var j) ? j.Journal.Balances.Where(pick).Sum(b => b.DebitsPosted - b.CreditsPosted) : 0;

    public AccountBalance? BalanceOf(string journal, AccountId account) =>
        _journals.TryGetValue(journal, out var j) ? j.Journal.BalanceOf(account) : null;

    public void SetCeiling(string source, int year, long cents) => Post(FundingAccounts.Journal(source, year), $"ceiling:{Next()}",
        FundingAccounts.Appropriation(source, year).Value, FundingAccounts.Budget(source, year).Value, cents);

    /// <summary>Books an application's effects as the application grain does; false when a commitment was refused (nothing booked).</summary>
    public bool BookEffects(string appId, int year, string region, IReadOnlyList<LedgerEffect> effects)
    {
        var seq = Next();
        var held = new List<(string Journal, string Key)>();
        for (var i = 0; i < effects.Count; i++)
        {
            if (effects[i].Kind != LedgerEffectKind.Commit)
            {
                continue;
            }
            var a = ApplicationBookings.Accounts.For(effects[i].Source, year, region);
            var p = (ApplicationBookings.Posting)ApplicationBookings.Plan(effects[i], a);
            var key = $"app:{appId}:{seq}:{i}";
            if (Journal(a.SourceJournal).Execute(new ReserveEntry(key, Date, Legs(p.Debit, p.Credit, effects[i].Amount.Cents))) is not Committed)
            {
                foreach (var h in held)
                {
                    Journal(h.Journal).Commit(new VoidReservation($"{h.Key}:void", Date, h.Key));
                }
                return false;
            }
            held.Add((a.SourceJournal, key));
        }
        foreach (var h in held)
        {
            Journal(h.Journal).Commit(new PostReservation($"{h.Key}:post", Date, h.Key));
        }
        for (var i = 0; i < effects.Count; i++)
        {
            if (effects[i].Kind == LedgerEffectKind.Commit)
            {
                continue;
            }
            var a = ApplicationBookings.Accounts.For(effects[i].Source, year, region);
            var key = $"app:{appId}:{seq}:{i}";
            switch (ApplicationBookings.Plan(effects[i], a))
            {
                case ApplicationBookings.Posting p:
                    Post(a.SourceJournal, key, p.Debit, p.Credit, effects[i].Amount.Cents);
                    break;
                case ApplicationBookings.Transfer t:
                    Transfer(key, t.FromJournal, t.DebitAccount, t.ToJournal, t.CreditAccount, effects[i].Amount.Cents);
                    break;
            }
        }
        return true;
    }

    /// <summary>A direct commitment of a source to a region for a year, as the funding source grain books it.</summary>
    public bool CommitDirect(string source, int year, string region, long cents)
    {
        var key = $"commit:c{Next()}:0";
        var journal = FundingAccounts.Journal(source, year);
        if (Journal(journal).Execute(new ReserveEntry(key, new LocalDate(year, 1, 1),
            Legs(FundingAccounts.Budget(source, year).Value, FundingAccounts.Commitment(source, year, region).Value, cents))) is not Committed)
        {
            return false;
        }
        Journal(journal).Commit(new PostReservation($"{key}:post", new LocalDate(year, 1, 1), key));
        return true;
    }

    /// <summary>A direct payment out of the commitment, through the intermediary when there is one, as the funding source grain books it.</summary>
    public void PayDirect(string source, int year, string region, long cents, string? via)
    {
        var id = $"pay:{source}:p{Next()}";
        var commitment = FundingAccounts.Commitment(source, year, region).Value;
        var funds = FundingAccounts.RegionFunds(region, source).Value;
        if (via is null)
        {
            Transfer(id, FundingAccounts.Journal(source, year), commitment, FundingAccounts.RegionJournal(region), funds, cents);
            return;
        }
        var held = AccountId.Of(AccountKind.Commitment, via, source, region).Value;
        Transfer($"{id}:1", FundingAccounts.Journal(source, year), commitment, FundingAccounts.IntermediaryJournal(via), held, cents);
        Transfer($"{id}:2", FundingAccounts.IntermediaryJournal(via), held, FundingAccounts.RegionJournal(region), funds, cents);
    }

    /// <summary>A two-phase transfer as the transfer grain makes it: reserve in the source, credit the destination, post the reservation.</summary>
    public void Transfer(string id, string from, string debit, string to, string credit, long cents)
    {
        Journal(from).Commit(new ReserveEntry($"{id}:reserve", Date, Legs(debit, JournalIds.ClearingAccountFor(to).Value, cents)));
        Journal(to).Commit(new PostEntry($"{id}:credit", Date, Legs(JournalIds.ClearingAccountFor(from).Value, credit, cents)));
        Journal(from).Commit(new PostReservation($"{id}:post", Date, $"{id}:reserve"));
    }

    public void Post(string journal, string key, string debit, string credit, long cents) =>
        Journal(journal).Commit(new PostEntry(key, Date, Legs(debit, credit, cents)));

    private static Posting[] Legs(string debit, string credit, long cents) =>
        [new(AccountId.Parse(debit), new Money(cents)), new(AccountId.Parse(credit), new Money(-cents))];

    private string Next() => (++_next).ToString(CultureInfo.InvariantCulture);
}
