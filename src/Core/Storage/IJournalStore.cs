namespace PvoFinance.Storage;

/// <summary>
/// Durable, append-only journals: one journal per budget holder, each written by a single grain.
/// An append is atomic: the header's version moves from <c>expectedVersion</c> to the last record's
/// sequence and the records (and an optional snapshot) appear together, or nothing changes.
/// </summary>
public interface IJournalStore
{
    /// <summary>Reads the header and latest snapshot. A journal never written reads as version 0 with a null ETag.</summary>
    Task<JournalHead> ReadHeadAsync(string journalId, CancellationToken cancellationToken = default);

    /// <summary>Reads committed records with <c>Sequence &gt; afterSequence</c>, in order.</summary>
    IAsyncEnumerable<JournalRecord> ReadRecordsAsync(string journalId, long afterSequence, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the idempotency index of every committed record (no payloads), in order. A scan that grows with the
    /// journal: only for journals whose snapshot predates the key filter (once) and for operators, never per request.
    /// </summary>
    IAsyncEnumerable<JournalKey> ReadKeysAsync(string journalId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds the committed record made with idempotency key <paramref name="key"/>: one point read of the key's own
    /// row, plus, for records up to <paramref name="keysWithoutRowsThrough"/> (stored before keys had rows), a query
    /// of those records. Null when no committed record has the key.
    /// </summary>
    /// <remarks>The default scans every key; a store overrides it with the point read.</remarks>
    async Task<JournalKey?> FindKeyAsync(string journalId, string key, long keysWithoutRowsThrough, CancellationToken cancellationToken = default)
    {
        await foreach (var k in ReadKeysAsync(journalId, cancellationToken))
        {
            if (k.IdempotencyKey == key)
            {
                return k;
            }
        }
        return null;
    }

    /// <summary>Reads one committed record, or null.</summary>
    Task<JournalRecord?> ReadRecordAsync(string journalId, long sequence, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends <paramref name="records"/> (consecutive sequences starting at <c>expectedVersion + 1</c>) and,
    /// optionally, replaces the snapshot, in one atomic write guarded by <paramref name="expectedETag"/>.
    /// </summary>
    /// <returns>The header's new ETag.</returns>
    /// <exception cref="JournalConflictException">The journal is not at <paramref name="expectedVersion"/>/<paramref name="expectedETag"/>, or a record already exists.</exception>
    /// <remarks>
    /// Keys must be distinct within one append; across appends the store does not police them: the single
    /// writer does, with its key index and <see cref="FindKeyAsync"/> (see <see cref="JournalLimits.MaxRecordsPerAppend"/>).
    /// </remarks>
    /// <exception cref="JournalLimitException">The append breaks a limit; checked before any I/O.</exception>
    Task<string> AppendAsync(
        string journalId,
        long expectedVersion,
        string? expectedETag,
        IReadOnlyList<JournalRecord> records,
        JournalSnapshotRecord? snapshot,
        CancellationToken cancellationToken = default);
}
