using PvoFinance.Ledger;

namespace PvoFinance.Funding;

/// <summary>One leg of a funding posting.</summary>
/// <param name="Account">The account moved.</param>
/// <param name="Cents">Debit positive, credit negative.</param>
public sealed record FundingLeg(AccountId Account, long Cents);

/// <summary>
/// A ledger entry a funding command asks for, in the journal of <see cref="Year"/>, keyed so that a retry finds it
/// instead of booking it twice. The grain executes it; the ledger may still refuse it (a ceiling, a receivable).
/// </summary>
/// <param name="Year">The budget year whose journal books it.</param>
/// <param name="Key">The idempotency key.</param>
/// <param name="Memo">The audit text, already cut to the ledger's maximum.</param>
/// <param name="Legs">The legs; they sum to zero.</param>
/// <param name="Cents">The amount the command moved (the answer's <c>amount</c>).</param>
public sealed record FundingPosting(int Year, string Key, string Memo, IReadOnlyList<FundingLeg> Legs, long Cents)
{
    /// <summary>Text for test output.</summary>
    public override string ToString() => $"{Key} in {Year}: {string.Join(", ", Legs.Select(l => $"{l.Account} {l.Cents}"))}";
}
