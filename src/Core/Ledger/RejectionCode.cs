namespace PvoFinance.Ledger;

/// <summary>Why the ledger refused a command. A refused command changes nothing.</summary>
public enum RejectionCode
{
    /// <summary>A field is missing or malformed.</summary>
    Invalid,
    /// <summary>The postings do not sum to zero.</summary>
    Unbalanced,
    /// <summary>Memo (in-kind) and cash accounts in one entry.</summary>
    MixedMemoAndCash,
    /// <summary>An account's balance limit (a ceiling) would be crossed.</summary>
    LimitExceeded,
    /// <summary>The idempotency key was used before with different content.</summary>
    IdempotencyConflict,
    /// <summary>The referenced reservation or entry does not exist.</summary>
    NotFound,
    /// <summary>The reservation was already fully posted or voided.</summary>
    ReservationClosed,
    /// <summary>More was asked to be posted than is still reserved.</summary>
    ExceedsReservation,
    /// <summary>The entry cannot be reversed (a reservation, a void, a reversal, or already reversed).</summary>
    NotReversible,
    /// <summary>A count limit of the journal would be crossed.</summary>
    LimitOfJournal,
    /// <summary>A sum would overflow.</summary>
    Overflow,
}
