namespace PvoFinance.Storage;

/// <summary>
/// Explicit bounds on journal appends. They keep one append inside one Azure Table entity-group
/// transaction (≤ 100 entities, &lt; 4 MiB) and every entity inside 1 MiB, whatever the backend:
/// the in-memory store enforces the same numbers so that a test on it fails where Azure would.
/// </summary>
public static class JournalLimits
{
    /// <summary>Entries per append. 100 entities per transaction, minus the header row and one snapshot row.</summary>
    public const int MaxRecordsPerAppend = 98;

    /// <summary>
    /// Characters in one record payload. Azure stores strings as UTF-16 and caps a property at 64 KiB
    /// (32,768 chars); an entry must fit in one property so that a single row is a single entry.
    /// </summary>
    public const int MaxPayloadChars = 32_000;

    /// <summary>Characters in an idempotency key (it is also stored as a property and may appear in a RowKey).</summary>
    public const int MaxKeyChars = 200;

    /// <summary>Characters in a journal id (it becomes the PartitionKey, capped by Azure at 1,024).</summary>
    public const int MaxJournalIdChars = 200;

    /// <summary>
    /// Characters in a snapshot payload. A snapshot is written in the same transaction as an append, chunked
    /// over at most 15 string properties of 32,000 chars in one entity (under 1 MiB).
    /// </summary>
    public const int MaxSnapshotChars = 15 * 32_000;
}
