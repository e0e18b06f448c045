namespace PvoFinance.Banking;

/// <summary>How certain a statement line's match is.</summary>
public enum MatchState
{
    /// <summary>Certain (a creditor reference, or our own EndToEndId with the same amount): booked on import.</summary>
    Matched,

    /// <summary>Likely (same amount from the payer's known IBAN): waits for a treasurer to confirm.</summary>
    Proposed,

    /// <summary>No match: waits in the queue for a treasurer to assign it.</summary>
    Unmatched,
}
