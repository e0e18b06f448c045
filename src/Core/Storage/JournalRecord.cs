namespace PvoFinance.Storage;

/// <summary>
/// One committed journal entry as the storage layer sees it: an opaque payload with the few fields
/// storage must index. The store never interprets <see cref="Payload"/>.
/// </summary>
/// <param name="Sequence">1-based position in the journal; consecutive, no gaps.</param>
/// <param name="IdempotencyKey">The caller's key for the entry; unique within the journal.</param>
/// <param name="ContentHash">Hex SHA-256 of the command content, used to answer replays.</param>
/// <param name="Payload">The serialized entry (UTF-8 JSON), at most <see cref="JournalLimits.MaxPayloadChars"/> chars.</param>
/// <remarks>
/// The record measures itself for the wire once (<see cref="WireBytes"/>): the writer measures an entry when it cuts an
/// append, and the store measures it again when it checks the append (<see cref="JournalAppendRules.Validate"/>); both
/// read the same cached count. The count is made from the record's own immutable fields, so no caller can hand the
/// store a wrong one; a copy made with <c>with</c> measures itself afresh.
/// </remarks>
public sealed record JournalRecord(long Sequence, string IdempotencyKey, string ContentHash, string Payload)
{
    // -1: not measured yet. A long is read and written whole, so two threads measuring at once only do it twice.
    private long _wireBytes = -1;

    /// <summary>The caller's key for the entry; unique within the journal.</summary>
    public string IdempotencyKey
    {
        get;
        init
        {
            field = value;
            _wireBytes = -1;
        }
    } = IdempotencyKey;

    /// <summary>Hex SHA-256 of the command content, used to answer replays.</summary>
    public string ContentHash
    {
        get;
        init
        {
            field = value;
            _wireBytes = -1;
        }
    } = ContentHash;

    /// <summary>The serialized entry (UTF-8 JSON), at most <see cref="JournalLimits.MaxPayloadChars"/> chars.</summary>
    public string Payload
    {
        get;
        init
        {
            field = value;
            _wireBytes = -1;
        }
    } = Payload;

    /// <summary>
    /// The bytes the record's variable content (payload, key and content hash) puts on the wire, counted by
    /// <see cref="JsonWireSize"/> on first use and kept.
    /// </summary>
    public long WireBytes
    {
        get
        {
            var bytes = _wireBytes;
            if (bytes < 0)
            {
                bytes = JsonWireSize.Of(Payload) + JsonWireSize.Of(IdempotencyKey) + JsonWireSize.Of(ContentHash);
                _wireBytes = bytes;
            }
            return bytes;
        }
    }

    /// <summary>Equal when sequence, key, content hash and payload are (whether either has been measured does not count).</summary>
    public bool Equals(JournalRecord? other) =>
        other is not null && Sequence == other.Sequence && IdempotencyKey == other.IdempotencyKey
        && ContentHash == other.ContentHash && Payload == other.Payload;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Sequence, IdempotencyKey, ContentHash, Payload);
}

/// <summary>A snapshot of a journal's derived state (balances, open reservations, chain head) after <see cref="Sequence"/>.</summary>
/// <param name="Sequence">The last entry the snapshot includes.</param>
/// <param name="Payload">Serialized snapshot; may be large, the store chunks it within Azure's limits.</param>
/// <remarks>Measured for the wire once, like <see cref="JournalRecord"/>: the payload carries the key filter as ~87,000 characters.</remarks>
public sealed record JournalSnapshotRecord(long Sequence, string Payload)
{
    private long _wireBytes = -1;

    /// <summary>Serialized snapshot; may be large, the store chunks it within Azure's limits.</summary>
    public string Payload
    {
        get;
        init
        {
            field = value;
            _wireBytes = -1;
        }
    } = Payload;

    /// <summary>The bytes <see cref="Payload"/> puts on the wire (<see cref="JsonWireSize"/>), counted on first use and kept.</summary>
    public long WireBytes
    {
        get
        {
            var bytes = _wireBytes;
            if (bytes < 0)
            {
                bytes = JsonWireSize.Of(Payload);
                _wireBytes = bytes;
            }
            return bytes;
        }
    }

    /// <summary>Equal when sequence and payload are (whether either has been measured does not count).</summary>
    public bool Equals(JournalSnapshotRecord? other) => other is not null && Sequence == other.Sequence && Payload == other.Payload;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Sequence, Payload);
}

/// <summary>What a journal's header says: its version (the last committed sequence), the concurrency token, and the latest snapshot.</summary>
/// <param name="Version">Last committed sequence number; 0 for a journal that was never written.</param>
/// <param name="ETag">Opaque concurrency token of the header; null when the journal does not exist yet.</param>
/// <param name="Snapshot">The latest snapshot, if any.</param>
public sealed record JournalHead(long Version, string? ETag, JournalSnapshotRecord? Snapshot);

/// <summary>The key index of one entry, read without its payload so activation stays cheap.</summary>
public sealed record JournalKey(long Sequence, string IdempotencyKey, string ContentHash);
