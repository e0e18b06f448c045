namespace PvoFinance.Storage;

/// <summary>
/// Explicit bounds on journal appends. They keep one append inside one Azure Table entity-group
/// transaction (≤ 100 entities, &lt; 4 MiB) and every entity inside 1 MiB, whatever the backend:
/// the in-memory store enforces the same numbers so that a test on it fails where Azure would.
/// </summary>
public static class JournalLimits
{
    /// <summary>
    /// Entries per append. An append is one transaction of at most 100 entities: the header row, one
    /// snapshot row and two rows per entry (the entry and its idempotency key): 1 + 1 + 2 × 49 = 100.
    /// </summary>
    /// <remarks>
    /// Why a row per idempotency key: a journal keeps only its recent keys in memory and a fixed-size filter of
    /// all of them in its snapshot (<c>KeyIndex</c>), so that activation reads no key; a key the filter cannot rule
    /// out is then one point read of its row. Refusing a reused key stays the single writer's job
    /// (<c>Journal.Execute</c>); the header's ETag fences every other writer out. The price is half the entries
    /// one transaction can carry; group commit rarely gathers more than a few dozen.
    /// </remarks>
    public const int MaxRecordsPerAppend = 49;

    /// <summary>
    /// Characters in one record payload. Azure stores strings as UTF-16 and caps a property at 64 KiB
    /// (32,768 chars); an entry must fit in one property so that a single row is a single entry.
    /// </summary>
    public const int MaxPayloadChars = 32_000;

    /// <summary>Characters in an idempotency key (it is also stored as a property and may appear in a RowKey).</summary>
    public const int MaxKeyChars = 200;

    /// <summary>Characters in a content hash (hex SHA-256 is 64; this leaves room for SHA-512 but not for payloads).</summary>
    public const int MaxContentHashChars = 128;

    /// <summary>Characters in a journal id (it becomes the PartitionKey, capped by Azure at 1,024).</summary>
    public const int MaxJournalIdChars = 200;

    /// <summary>
    /// Characters in a snapshot payload. A snapshot is written in the same transaction as an append, chunked
    /// over at most 15 string properties of 32,000 chars in one entity (under 1 MiB).
    /// </summary>
    public const int MaxSnapshotChars = 15 * 32_000;

    /// <summary>
    /// Bytes of the snapshot payload as sent (see <see cref="JsonWireSize"/>). The snapshot row goes out as
    /// one JSON body, and Azurite refuses an upsert whose body exceeds 1 MiB even when the stored UTF-16
    /// size (what Azure charges) fits. ASCII snapshots can use all <see cref="MaxSnapshotChars"/>; text
    /// that needs escaping (non-ASCII) about a sixth of it. 1,000,000 leaves room for keys and names.
    /// </summary>
    public const int MaxSnapshotBytes = 1_000_000;

    /// <summary>
    /// Upper bound on the bytes one append puts on the wire, as counted by <see cref="JsonWireSize"/> over
    /// every payload, key, content hash and the snapshot. A transaction must
    /// stay under 4 MiB; 3 MiB leaves 1 MiB for keys, property names, type annotations and the multipart
    /// framing of up to 100 operations. Without this bound 49 non-ASCII payloads (escaped to 6 bytes a
    /// char) would pass every per-record check and still be refused by Azure.
    /// </summary>
    public const int MaxAppendBytes = 3 * 1024 * 1024;
}
