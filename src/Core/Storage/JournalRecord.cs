namespace PvoFinance.Storage;

/// <summary>
/// One committed journal entry as the storage layer sees it: an opaque payload with the few fields
/// storage must index. The store never interprets <see cref="Payload"/>.
/// </summary>
/// <param name="Sequence">1-based position in the journal; consecutive, no gaps.</param>
/// <param name="IdempotencyKey">The caller's key for the entry; unique within the journal.</param>
/// <param name="ContentHash">Hex SHA-256 of the command content, used to answer replays.</param>
/// <param name="Payload">The serialized entry (UTF-8 JSON), at most <see cref="JournalLimits.MaxPayloadChars"/> chars.</param>
public sealed record JournalRecord(long Sequence, string IdempotencyKey, string ContentHash, string Payload);

/// <summary>A snapshot of a journal's derived state (balances, open reservations, chain head) after <see cref="Sequence"/>.</summary>
/// <param name="Sequence">The last entry the snapshot includes.</param>
/// <param name="Payload">Serialized snapshot; may be large, the store chunks it within Azure's limits.</param>
public sealed record JournalSnapshotRecord(long Sequence, string Payload);

/// <summary>What a journal's header says: its version (the last committed sequence), the concurrency token, and the latest snapshot.</summary>
/// <param name="Version">Last committed sequence number; 0 for a journal that was never written.</param>
/// <param name="ETag">Opaque concurrency token of the header; null when the journal does not exist yet.</param>
/// <param name="Snapshot">The latest snapshot, if any.</param>
public sealed record JournalHead(long Version, string? ETag, JournalSnapshotRecord? Snapshot);

/// <summary>The key index of one entry, read without its payload so activation stays cheap.</summary>
public sealed record JournalKey(long Sequence, string IdempotencyKey, string ContentHash);
