using NodaTime;

namespace PvoFinance.Exports;

/// <summary>One committed ledger entry as the exports read it: plain values, no Orleans types.</summary>
/// <param name="Journal">The journal it belongs to.</param>
/// <param name="Sequence">Its 1-based position in the journal.</param>
/// <param name="Key">Its idempotency key; the key's prefix says what made it (<c>app:</c>, <c>commit:</c>, <c>invoice:</c>, …).</param>
/// <param name="Kind">Posted, Reserve, PostReservation, VoidReservation or Reversal.</param>
/// <param name="ValueDate">Its value date.</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="Reference">The reserved or reversed entry's key, if any.</param>
/// <param name="Postings">Its posted legs: account and signed cents (debits positive), adding up to zero.</param>
/// <param name="Memo">Its audit text.</param>
/// <param name="Hash">Its hash in the journal's chain.</param>
/// <param name="PreviousHash">The hash of the entry before it.</param>
/// <param name="ReversesSequence">For a reversal: the sequence of the entry it reverses (resolved by the reader), else null.</param>
/// <param name="PassesOn">
/// For a line where an intermediary passes money on (its disbursement, the region's incoming line): the transaction id of
/// the intermediary's incoming line of that money (linked by <see cref="PassThroughLinks"/>), else null.
/// </param>
/// <param name="Pending">Its reserved legs (a reservation holds them; a post or void releases them), when the reader keeps them.</param>
public sealed record LedgerLine(
    string Journal,
    long Sequence,
    string Key,
    string Kind,
    LocalDate ValueDate,
    Instant RecordedAt,
    string? Reference,
    IReadOnlyList<LedgerLeg> Postings,
    string? Memo,
    string Hash,
    string PreviousHash,
    long? ReversesSequence = null,
    string? PassesOn = null,
    IReadOnlyList<LedgerPendingLeg>? Pending = null);

/// <summary>One posted leg of a ledger entry.</summary>
/// <param name="Account">The account id.</param>
/// <param name="Cents">Signed cents: debits positive, credits negative.</param>
public readonly record struct LedgerLeg(string Account, long Cents);

/// <summary>One reserved leg of a ledger entry.</summary>
/// <param name="Account">The account id.</param>
/// <param name="Cents">Signed cents as reserved: debits positive, credits negative.</param>
/// <param name="Release">True when the leg lets go of an earlier reservation (its post or void) instead of holding.</param>
public readonly record struct LedgerPendingLeg(string Account, long Cents, bool Release);
