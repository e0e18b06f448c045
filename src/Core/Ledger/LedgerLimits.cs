namespace PvoFinance.Ledger;

/// <summary>
/// Explicit bounds on everything that grows. Each one is checked where it could be crossed and refused
/// with a clear reason; none is a silent truncation.
/// </summary>
public static class LedgerLimits
{
    /// <summary>Postings in one entry; also keeps one entry inside one table row.</summary>
    public const int MaxPostingsPerEntry = 64;

    /// <summary>Characters of memo text on one entry.</summary>
    public const int MaxMemoChars = 500;

    /// <summary>Characters of an idempotency key.</summary>
    public const int MaxKeyChars = 200;

    /// <summary>Distinct accounts one journal may hold (they all live in the grain's memory and snapshot).</summary>
    public const int MaxAccountsPerJournal = 5_000;

    /// <summary>
    /// Running totals one journal keeps for the figures (a pair of accounts in a value year, or an account's held
    /// reservations in a value year): they live in the grain's memory and snapshot, so they are bounded like the accounts.
    /// </summary>
    public const int MaxMovementTotalsPerJournal = 2 * MaxAccountsPerJournal;

    /// <summary>Reservations open at once in one journal.</summary>
    public const int MaxOpenReservations = 5_000;

    /// <summary>Entries in one journal (only the latest keys are kept in memory: <see cref="KeyIndex"/>).</summary>
    public const long MaxEntriesPerJournal = 2_000_000;
}
