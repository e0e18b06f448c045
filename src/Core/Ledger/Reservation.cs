using System.Collections.Immutable;

namespace PvoFinance.Ledger;

/// <summary>An open reservation: what is still reserved per account (signed like postings; sums to zero).</summary>
/// <param name="Key">The key of the entry that made it.</param>
/// <param name="Sequence">That entry's sequence.</param>
/// <param name="ValueDate">The reservation's value date; it cannot be posted or voided with an earlier one.</param>
/// <param name="Remaining">What is still reserved, per account.</param>
public sealed record Reservation(string Key, long Sequence, NodaTime.LocalDate ValueDate, ImmutableArray<Posting> Remaining)
{
    /// <summary>The amount still reserved (the debit side's total).</summary>
    public Money Total => new(Remaining.Where(p => p.Amount.Cents > 0).Sum(p => p.Amount.Cents));
}
