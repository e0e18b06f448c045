namespace PvoFinance.Storage;

/// <summary>
/// The checks every <see cref="IJournalStore"/> makes before it writes anything, shared so that the
/// in-memory store refuses exactly what the Azure Table store refuses.
/// </summary>
public static class JournalAppendRules
{
    /// <summary>Throws <see cref="JournalLimitException"/> when the append is malformed or too large.</summary>
    public static void Validate(string journalId, long expectedVersion, IReadOnlyList<JournalRecord> records, JournalSnapshotRecord? snapshot)
    {
        ValidateJournalId(journalId);
        if (expectedVersion < 0)
        {
            throw new JournalLimitException($"Expected version {expectedVersion} is negative.");
        }
        if (records.Count == 0 && snapshot is null)
        {
            throw new JournalLimitException("An append must carry at least one record or a snapshot.");
        }
        if (records.Count > JournalLimits.MaxRecordsPerAppend)
        {
            throw new JournalLimitException($"An append carries {records.Count} records; at most {JournalLimits.MaxRecordsPerAppend} fit in one table transaction.");
        }
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            if (r.Sequence != expectedVersion + 1 + i)
            {
                throw new JournalLimitException($"Record {i} has sequence {r.Sequence}; expected {expectedVersion + 1 + i} (appends are consecutive).");
            }
            if (string.IsNullOrEmpty(r.IdempotencyKey) || r.IdempotencyKey.Length > JournalLimits.MaxKeyChars)
            {
                throw new JournalLimitException($"Record {r.Sequence} has an idempotency key of {r.IdempotencyKey?.Length ?? 0} chars; 1..{JournalLimits.MaxKeyChars} allowed.");
            }
            if (!keys.Add(r.IdempotencyKey))
            {
                throw new JournalLimitException($"Idempotency key '{r.IdempotencyKey}' appears twice in one append.");
            }
            if (r.Payload.Length > JournalLimits.MaxPayloadChars)
            {
                throw new JournalLimitException($"Record {r.Sequence} payload has {r.Payload.Length} chars; at most {JournalLimits.MaxPayloadChars}.");
            }
            if (r.ContentHash.Length > JournalLimits.MaxContentHashChars)
            {
                throw new JournalLimitException($"Record {r.Sequence} content hash has {r.ContentHash.Length} chars; at most {JournalLimits.MaxContentHashChars}.");
            }
        }
        if (snapshot is not null)
        {
            if (snapshot.Payload.Length > JournalLimits.MaxSnapshotChars)
            {
                throw new JournalLimitException($"Snapshot has {snapshot.Payload.Length} chars; at most {JournalLimits.MaxSnapshotChars}.");
            }
            var snapshotBytes = snapshot.WireBytes;
            if (snapshotBytes > JournalLimits.MaxSnapshotBytes)
            {
                throw new JournalLimitException($"Snapshot takes {snapshotBytes:N0} bytes once escaped for the wire; at most {JournalLimits.MaxSnapshotBytes:N0}.");
            }
            var last = expectedVersion + records.Count;
            if (snapshot.Sequence != last)
            {
                throw new JournalLimitException($"Snapshot is at sequence {snapshot.Sequence}; it must describe the journal after this append ({last}).");
            }
        }
        var wireBytes = EstimateWireBytes(records, snapshot);
        if (wireBytes > JournalLimits.MaxAppendBytes)
        {
            throw new JournalLimitException($"The append would send about {wireBytes:N0} bytes; at most {JournalLimits.MaxAppendBytes:N0} fit in one table transaction.");
        }
    }

    /// <summary>
    /// The bytes the append's variable content puts on the wire (see <see cref="JournalLimits.MaxAppendBytes"/>).
    /// </summary>
    /// <remarks>
    /// Each record and the snapshot measure themselves once and keep the count (<see cref="JournalRecord.WireBytes"/>),
    /// so the writer that cut the append and the store that checks it do not both measure every payload.
    /// </remarks>
    public static long EstimateWireBytes(IReadOnlyList<JournalRecord> records, JournalSnapshotRecord? snapshot)
    {
        var bytes = snapshot?.WireBytes ?? 0;
        for (var i = 0; i < records.Count; i++)
        {
            bytes += records[i].WireBytes;
        }
        return bytes;
    }

    /// <summary>True when a snapshot payload is within both the character and the wire-size limit.</summary>
    public static bool SnapshotFits(string payload) =>
        payload.Length <= JournalLimits.MaxSnapshotChars && JsonWireSize.Of(payload) <= JournalLimits.MaxSnapshotBytes;

    /// <summary>Journal ids become table partition keys: short, printable, and free of the characters Azure forbids in keys.</summary>
    public static void ValidateJournalId(string journalId)
    {
        if (string.IsNullOrEmpty(journalId) || journalId.Length > JournalLimits.MaxJournalIdChars)
        {
            throw new JournalLimitException($"Journal id must have 1..{JournalLimits.MaxJournalIdChars} chars.");
        }
        foreach (var c in journalId)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw new JournalLimitException($"Journal id '{journalId}' contains a character Azure Table keys forbid.");
            }
        }
    }
}
