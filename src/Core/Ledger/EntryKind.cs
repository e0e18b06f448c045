namespace PvoFinance.Ledger;

/// <summary>What an entry does.</summary>
public enum EntryKind
{
    /// <summary>Moves money at once.</summary>
    Posted,
    /// <summary>Reserves money (first phase of a two-phase movement); limits are checked now.</summary>
    Reserve,
    /// <summary>Posts all or part of a reservation (second phase).</summary>
    PostReservation,
    /// <summary>Releases what is left of a reservation.</summary>
    VoidReservation,
    /// <summary>Undoes a posted entry with the opposite postings; entries are never edited.</summary>
    Reversal,
}
