using NodaTime;

namespace PvoFinance.Ledger;

/// <summary>
/// A request to change a journal. Every command carries an idempotency key: repeating the same key with
/// the same content returns the first result; the same key with other content is refused.
/// </summary>
/// <param name="Key">The idempotency key (1..200 printable ASCII characters, none of <c>/ \ # ?</c>).</param>
/// <param name="ValueDate">The date the movement counts for (balances "as of" a date use it).</param>
/// <param name="Memo">Free text for the audit trail, at most <see cref="LedgerLimits.MaxMemoChars"/> characters.</param>
public abstract record LedgerCommand(string Key, LocalDate ValueDate, string? Memo);

/// <summary>Moves money at once.</summary>
public sealed record PostEntry(string Key, LocalDate ValueDate, IReadOnlyList<Posting> Postings, string? Memo = null)
    : LedgerCommand(Key, ValueDate, Memo);

/// <summary>Reserves money; balance limits are checked against the reservation now.</summary>
public sealed record ReserveEntry(string Key, LocalDate ValueDate, IReadOnlyList<Posting> Postings, string? Memo = null)
    : LedgerCommand(Key, ValueDate, Memo);

/// <summary>Posts <paramref name="Amount"/> of an open reservation (null: everything still reserved).</summary>
public sealed record PostReservation(string Key, LocalDate ValueDate, string ReservationKey, Money? Amount = null, string? Memo = null)
    : LedgerCommand(Key, ValueDate, Memo);

/// <summary>Releases what is left of an open reservation.</summary>
public sealed record VoidReservation(string Key, LocalDate ValueDate, string ReservationKey, string? Memo = null)
    : LedgerCommand(Key, ValueDate, Memo);

/// <summary>Reverses a posted entry (or a posting of a reservation) with the opposite postings.</summary>
public sealed record ReverseEntry(string Key, LocalDate ValueDate, string EntryKey, string? Memo = null)
    : LedgerCommand(Key, ValueDate, Memo);
