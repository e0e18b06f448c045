namespace PvoFinance.Ledger;

/// <summary>Bounds on one batch of ledger commands (<see cref="Journal.ExecuteChains"/>).</summary>
public static class LedgerBatchLimits
{
    /// <summary>
    /// Commands in one batch. Why 256: a batch is decided in one turn of the journal's writer with no storage in
    /// between, and appended in as few table transactions as its entries need (a transaction takes
    /// <c>JournalLimits.MaxRecordsPerAppend</c> entries), so one call pays for durability about once per 49 entries
    /// while its decision stays well under a millisecond and its reply under 64 KiB.
    /// </summary>
    public const int MaxCommands = 256;

    /// <summary>
    /// Commands in one linked chain. A chain succeeds or fails as a unit and is therefore stored in one table
    /// transaction, which holds <c>JournalLimits.MaxRecordsPerAppend</c> (49) entries; 32 leaves room for the bytes of
    /// large entries (a transaction carries at most 3 MiB, an entry at most ~32,000 characters).
    /// </summary>
    public const int MaxLinkedCommands = 32;
}
