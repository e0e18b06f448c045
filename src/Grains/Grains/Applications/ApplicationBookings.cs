using System.Globalization;
using PvoFinance.Applications;
using PvoFinance.Funding;
using PvoFinance.Grains.Contracts;
using PvoFinance.Ledger;

namespace PvoFinance.Grains.Applications;

/// <summary>
/// How an application's <see cref="LedgerEffect"/>s become ledger movements. Each effect names its funding
/// source; its bookings land in that source's journal for the grant year (<c>source.&lt;id&gt;.&lt;year&gt;</c>); money
/// that leaves or returns moves by a transfer to or from the region's journal (<c>region.&lt;id&gt;</c>). Every
/// movement is keyed <c>app:&lt;appId&gt;:&lt;sequence&gt;:&lt;index&gt;</c> (with <c>r&lt;attempt&gt;</c> after the sequence
/// once a refused attempt was undone), so a retry books nothing twice.
/// See the table in docs/application-lifecycle.md.
/// </summary>
public static class ApplicationBookings
{
    /// <summary>The key prefix of every movement of <paramref name="appId"/>.</summary>
    public static string KeyPrefix(string appId) => $"app:{appId}:";

    /// <summary>The key of effect <paramref name="index"/> of history entry <paramref name="sequence"/>, in booking attempt <paramref name="attempt"/>.</summary>
    public static string Key(string appId, int sequence, int attempt, int index) => SagaKeys.ApplicationEffect(appId, sequence, attempt, index);

    /// <summary>
    /// The saga that books <paramref name="entry"/>'s effects in attempt <paramref name="attempt"/>: a commitment is a hold
    /// against its source's budget, a movement within a source's journal a posting, money to or from the region a transfer.
    /// Movement <c>i</c> is effect <c>i</c>, keyed <see cref="Key"/>.
    /// </summary>
    public static SagaPlan PlanOf(string appId, Application app, HistoryEntry entry, int attempt)
    {
        var valueDate = LegalClocks.Today(entry.At);
        var movements = new List<SagaMovement>(entry.Effects.Count);
        for (var i = 0; i < entry.Effects.Count; i++)
        {
            var effect = entry.Effects[i];
            var year = YearOf(app, effect) ?? throw new InvalidOperationException("Money moves before anything was committed.");
            var accounts = Accounts.For(effect.Source, year, app.Region);
            var id = Key(appId, entry.Sequence, attempt, i);
            var memo = $"{appId} {entry.Trigger} {effect}";
            movements.Add(Plan(effect, accounts) switch
            {
                Posting p when effect.Kind == LedgerEffectKind.Commit => new SagaMovement(
                    id, SagaMovementKind.Hold, accounts.SourceJournal, AccountId.Parse(p.Debit), null, AccountId.Parse(p.Credit), effect.Amount, valueDate, memo),
                Posting p => new SagaMovement(
                    id, SagaMovementKind.Post, accounts.SourceJournal, AccountId.Parse(p.Debit), null, AccountId.Parse(p.Credit), effect.Amount, valueDate, memo),
                Transfer t => new SagaMovement(
                    id, SagaMovementKind.Transfer, t.FromJournal, AccountId.Parse(t.DebitAccount), t.ToJournal, AccountId.Parse(t.CreditAccount), effect.Amount, valueDate, memo),
                _ => throw new InvalidOperationException($"No booking for {effect}."),
            });
        }
        return SagaPlan.Of(movements);
    }

    /// <summary>The budget year the grant was committed in (the Amsterdam date of the first commitment), or null before it.</summary>
    public static int? GrantYear(Application app) =>
        app.History.FirstOrDefault(h => h.Effects.Any(e => e.Kind == LedgerEffectKind.Commit)) is { } first
            ? LegalClocks.Today(first.At).Year
            : null;

    /// <summary>
    /// The journal year of <paramref name="effect"/>: the grant year for the grant's money, the year the penalty was decided
    /// for the penalty for a late decision (which has no commitment: a rejected application can owe one). Null when unknown.
    /// </summary>
    public static int? YearOf(Application app, LedgerEffect effect) =>
        IsPenalty(effect) ? app.Penalty?.DecidedOn?.Year : GrantYear(app);

    /// <summary>True for the penalty's movements, which are the fund owner's own cost and not the grant's money.</summary>
    public static bool IsPenalty(LedgerEffect effect) => effect.Kind is LedgerEffectKind.PenaltyPayable or LedgerEffectKind.PenaltyPayment;

    /// <summary>The accounts one application touches.</summary>
    /// <param name="SourceJournal">The source's journal of the year.</param>
    /// <param name="RegionJournal">The region's journal.</param>
    /// <param name="Budget">What is still available under the year's ceiling.</param>
    /// <param name="Commitment">What is committed to the region.</param>
    /// <param name="Payable">What is due to the region after a determination.</param>
    /// <param name="Receivable">What is claimed back from the region.</param>
    /// <param name="RegionFunds">The region's funds from this source.</param>
    /// <param name="PenaltyExpense">The fund owner's cost of penalties for late decisions: outside the ceiling (never the budget account).</param>
    /// <param name="PenaltyPayable">A penalty decided and owed to the region.</param>
    /// <param name="PenaltyIncome">The region's income from penalties, in its own journal (not its funds from the source).</param>
    public sealed record Accounts(string SourceJournal, string RegionJournal, string Budget, string Commitment, string Payable, string Receivable, string RegionFunds,
        string PenaltyExpense, string PenaltyPayable, string PenaltyIncome)
    {
        /// <summary>The accounts of <paramref name="sourceId"/>'s <paramref name="year"/> for <paramref name="region"/>.</summary>
        public static Accounts For(string sourceId, int year, string region)
        {
            var y = year.ToString(CultureInfo.InvariantCulture);
            return new(
                FundingAccounts.Journal(sourceId, year),
                FundingAccounts.RegionJournal(region),
                FundingAccounts.Budget(sourceId, year).Value,
                FundingAccounts.Commitment(sourceId, year, region).Value,
                AccountId.Of(AccountKind.Payable, sourceId, y, region).Value,
                FundingAccounts.Receivable(sourceId, year, region).Value,
                FundingAccounts.RegionFunds(region, sourceId).Value,
                AccountId.Of(AccountKind.Expense, "penalty", sourceId, y).Value,
                AccountId.Of(AccountKind.Payable, "penalty", sourceId, y, region).Value,
                AccountId.Of(AccountKind.Income, "penalty", region, sourceId).Value);
        }
    }

    /// <summary>A movement within the source journal: debit one account, credit another.</summary>
    public sealed record Posting(string Debit, string Credit);

    /// <summary>A transfer between journals.</summary>
    public sealed record Transfer(string FromJournal, string DebitAccount, string ToJournal, string CreditAccount);

    /// <summary>What one effect books: a reserve-then-post against the budget, a posting, or a transfer.</summary>
    public static object Plan(LedgerEffect effect, Accounts a) => (effect.Kind, effect.Reverses) switch
    {
        (LedgerEffectKind.Commit, _) => new Posting(a.Budget, a.Commitment),
        (LedgerEffectKind.Release, _) or (LedgerEffectKind.Reverse, LedgerEffectKind.Commit) => new Posting(a.Commitment, a.Budget),
        (LedgerEffectKind.Payable, _) => new Posting(a.Commitment, a.Payable),
        (LedgerEffectKind.Reverse, LedgerEffectKind.Payable) => new Posting(a.Payable, a.Budget),
        (LedgerEffectKind.Receivable, _) => new Posting(a.Receivable, a.Budget),
        // A reclaim shrunk on objection: the claim goes, and the budget it had returned to is taken again.
        (LedgerEffectKind.Reverse, LedgerEffectKind.Receivable) => new Posting(a.Budget, a.Receivable),
        (LedgerEffectKind.PenaltyPayable, _) => new Posting(a.PenaltyExpense, a.PenaltyPayable),
        (LedgerEffectKind.PenaltyPayment, _) => new Transfer(a.SourceJournal, a.PenaltyPayable, a.RegionJournal, a.PenaltyIncome),
        (LedgerEffectKind.Advance, _) => new Transfer(a.SourceJournal, a.Commitment, a.RegionJournal, a.RegionFunds),
        (LedgerEffectKind.Payment, _) => new Transfer(a.SourceJournal, a.Payable, a.RegionJournal, a.RegionFunds),
        (LedgerEffectKind.Receipt, _) => new Transfer(a.RegionJournal, a.RegionFunds, a.SourceJournal, a.Receivable),
        _ => throw new InvalidOperationException($"No booking for {effect}."),
    };
}
