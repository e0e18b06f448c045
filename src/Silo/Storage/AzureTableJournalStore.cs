using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using PvoFinance.Storage;
using PvoFinance.Telemetry;
using static PvoFinance.Silo.Storage.JournalTableLayout;

namespace PvoFinance.Silo.Storage;

/// <summary>
/// <see cref="IJournalStore"/> on Azure Table storage. Each journal is one partition (PartitionKey = journal
/// id) holding a header row <c>H</c> (Version, SnapshotSeq), one row per record <c>E{sequence:D19}</c>
/// (Key, ContentHash, Payload), one row per idempotency key <c>K{key}</c> (Seq, ContentHash; the key is the row key,
/// or, for a key that cannot be one, <c>X{sha-256}</c> with a Key column), and the latest snapshot <c>S</c>. Records
/// stored before key rows existed have none; <see cref="FindKeyAsync"/> queries them instead.
/// </summary>
/// <remarks>
/// A content hash of 64 lower-case hex characters (every one the ledger makes) is stored as its 32 bytes, a Binary
/// column: 32 bytes instead of the 128 a string of 64 UTF-16 characters takes. Rows written before (the hash as hex
/// text, a Key column in every key row) are read as well; a record reads back exactly as it was appended.
/// </remarks>
/// <remarks>
/// Every append is exactly one entity-group transaction: the header (created, or updated on its ETag),
/// the new record rows and optionally the snapshot. Azure applies all or none of it, so the header's ETag
/// is the fence against concurrent writers; no read is needed before writing. Idempotency keys are the
/// single writer's to police (see <see cref="JournalLimits.MaxRecordsPerAppend"/>). Limits are checked before any I/O with
/// <see cref="JournalAppendRules"/> and <see cref="AzureTableLimits"/>.
/// </remarks>
public sealed class AzureTableJournalStore : IJournalStore, IJournalCatalog
{
    private readonly TableClient _table;
    private readonly TableCreation _creation;

    /// <summary>Creates the store over <paramref name="table"/>; the table is created on first use.</summary>
    public AzureTableJournalStore(TableClient table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
        _creation = new TableCreation(table);
    }

    /// <summary>Creates the store over <see cref="TableStorageOptions.TableName"/> in <see cref="TableStorageOptions.ConnectionString"/>.</summary>
    public AzureTableJournalStore(TableStorageOptions options) : this(options.CreateTableClient())
    {
    }

    /// <summary>Creates the table if missing. Optional: every operation does it once on first use.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default) => _creation.EnsureAsync().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<JournalHead> ReadHeadAsync(string journalId, CancellationToken cancellationToken = default)
    {
        // No append can succeed for an id that is not a valid partition key, so such a journal is empty.
        if (!IsValidJournalId(journalId))
        {
            return new JournalHead(0, null, null);
        }
        await _creation.EnsureAsync().WaitAsync(cancellationToken);
        // Snapshot before header: a snapshot is only ever written together with a header at least as new,
        // so reading in this order can return an older snapshot than the newest, but never one ahead of the
        // header's version. Both are valid answers; the reverse order could give an inconsistent pair.
        var snapshotRow = await GetAsync(journalId, SnapshotRow, cancellationToken);
        var headerRow = await GetAsync(journalId, HeaderRow, cancellationToken);
        if (!headerRow.HasValue || headerRow.Value is null)
        {
            return new JournalHead(0, null, null);
        }
        var version = headerRow.Value.GetInt64(VersionColumn) ?? 0;
        var snapshot = snapshotRow.HasValue && snapshotRow.Value is not null ? ToSnapshot(snapshotRow.Value) : null;
        return new JournalHead(version, ComposeETag(version, headerRow.Value.ETag.ToString()), snapshot);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<JournalRecord> ReadRecordsAsync(string journalId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!IsValidJournalId(journalId))
        {
            yield break;
        }
        await _creation.EnsureAsync().WaitAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {journalId} and RowKey gt {RecordRow(Math.Max(afterSequence, 0))} and RowKey lt {RecordRowsEnd}");
        await foreach (var row in QueryAsync(journalId, filter, null, cancellationToken))
        {
            yield return ToRecord(row);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<JournalKey> ReadKeysAsync(string journalId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!IsValidJournalId(journalId))
        {
            yield break;
        }
        await _creation.EnsureAsync().WaitAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {journalId} and RowKey gt {RecordRow(0)} and RowKey lt {RecordRowsEnd}");
        // The projection leaves the payloads on the server: activation needs only the key index.
        string[] select = ["RowKey", KeyColumn, ContentHashColumn];
        await foreach (var row in QueryAsync(journalId, filter, select, cancellationToken))
        {
            yield return new JournalKey(SequenceOf(row.RowKey), row.GetString(KeyColumn), HashOf(row));
        }
    }

    /// <inheritdoc />
    public async Task<JournalKey?> FindKeyAsync(string journalId, string key, long keysWithoutRowsThrough, CancellationToken cancellationToken = default)
    {
        if (!IsValidJournalId(journalId) || string.IsNullOrEmpty(key))
        {
            return null;
        }
        await _creation.EnsureAsync().WaitAsync(cancellationToken);
        var row = await GetAsync(journalId, KeyRow(key), cancellationToken);
        // A "K" row is the key itself; an "X" row (a hash of the key) names its key in a column, compared here.
        if (row.HasValue && row.Value is { } found && (found.RowKey[0] == 'K' || found.GetString(KeyColumn) == key))
        {
            return new JournalKey(found.GetInt64(SeqColumn) ?? 0, key, HashOf(found));
        }
        if (keysWithoutRowsThrough < 1)
        {
            return null;
        }
        // Records written before key rows existed: a query of them (Azure filters on the server; the range is fixed
        // by the upgrade and never grows).
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {journalId} and RowKey gt {RecordRow(0)} and RowKey le {RecordRow(keysWithoutRowsThrough)} and Key eq {key}");
        await foreach (var r in QueryAsync(journalId, filter, ["RowKey", KeyColumn, ContentHashColumn], cancellationToken))
        {
            return new JournalKey(SequenceOf(r.RowKey), key, HashOf(r));
        }
        return null;
    }

    /// <inheritdoc />
    public async Task<JournalRecord?> ReadRecordAsync(string journalId, long sequence, CancellationToken cancellationToken = default)
    {
        if (sequence < 1 || !IsValidJournalId(journalId))
        {
            return null;
        }
        await _creation.EnsureAsync().WaitAsync(cancellationToken);
        var row = await GetAsync(journalId, RecordRow(sequence), cancellationToken);
        return row.HasValue && row.Value is not null ? ToRecord(row.Value) : null;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Every journal has exactly one header row, written with its first append, so the header rows are the list.
    /// This scans the table (RowKey is not indexed across partitions): an operator's query, not a grain's.
    /// </remarks>
    public async Task<IReadOnlyList<string>> ListJournalsAsync(string? afterId, int max, CancellationToken cancellationToken = default)
    {
        var ids = new List<string>();
        if (max < 1)
        {
            return ids;
        }
        await _creation.EnsureAsync().WaitAsync(cancellationToken);
        var filter = afterId is null
            ? TableClient.CreateQueryFilter($"RowKey eq {HeaderRow}")
            : TableClient.CreateQueryFilter($"RowKey eq {HeaderRow} and PartitionKey gt {afterId}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            ids.Add(row.PartitionKey);
            if (ids.Count == max)
            {
                break;
            }
        }
        return ids;
    }

    /// <inheritdoc />
    public async Task<string> AppendAsync(
        string journalId,
        long expectedVersion,
        string? expectedETag,
        IReadOnlyList<JournalRecord> records,
        JournalSnapshotRecord? snapshot,
        CancellationToken cancellationToken = default)
    {
        JournalAppendRules.Validate(journalId, expectedVersion, records, snapshot);
        string? azureETag = null;
        if (expectedETag is null)
        {
            // Without an ETag the append creates the journal, which therefore starts at version 0.
            if (expectedVersion != 0)
            {
                throw new JournalConflictException(journalId, expectedVersion, "an append without an ETag can only create the journal, at version 0");
            }
        }
        else if (!TryParseETag(expectedETag, out var etagVersion, out azureETag) || etagVersion != expectedVersion)
        {
            throw new JournalConflictException(journalId, expectedVersion, $"the ETag '{expectedETag}' does not belong to version {expectedVersion}");
        }

        var actions = BuildTransaction(journalId, expectedVersion, azureETag, records, snapshot);
        try
        {
            AzureTableLimits.CheckTransaction(actions);
        }
        catch (AzureTableLimitException e)
        {
            throw new JournalLimitException($"Journal '{journalId}': {e.Message}");
        }

        await _creation.EnsureAsync().WaitAsync(cancellationToken);
        Response<IReadOnlyList<Response>> result;
        try
        {
            using var activity = StorageRoundTrips.StartRequest("journal.table.transaction");
            activity?.SetTag("pvo.journal", journalId);
            result = await _table.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (RequestFailedException e) when (IsConflict(e))
        {
            // The client sends a transaction again when the first answer timed out; if the first committed, the second
            // meets its own append. That is this writer's success, not another writer's: acknowledge it.
            if (await CommittedAlreadyAsync(journalId, expectedVersion, records, cancellationToken) is { } etag)
            {
                return etag;
            }
            throw new JournalConflictException(journalId, expectedVersion, DescribeConflict(e, actions));
        }
        // The header is action 0; its response carries the header's new ETag.
        var headerETag = result.Value[0].Headers.ETag
            ?? throw new InvalidOperationException($"Journal '{journalId}': the transaction committed but returned no ETag for the header.");
        return ComposeETag(expectedVersion + records.Count, headerETag.ToString());
    }

    // The ETag of the head when the journal ends exactly with these records (same sequences, keys, hashes and payloads):
    // the append was made before. Null otherwise. One header read and one range read, only on a conflict.
    private async Task<string?> CommittedAlreadyAsync(string journalId, long expectedVersion, IReadOnlyList<JournalRecord> records, CancellationToken cancellationToken)
    {
        var head = await ReadHeadAsync(journalId, cancellationToken);
        if (head.Version != expectedVersion + records.Count || head.ETag is null)
        {
            return null;
        }
        var i = 0;
        await foreach (var stored in ReadRecordsAsync(journalId, expectedVersion, cancellationToken))
        {
            if (i >= records.Count || stored != records[i])
            {
                return null;
            }
            i++;
        }
        return i == records.Count ? head.ETag : null;
    }

    // One point read, as a span counted as a storage round trip of the caller's trace (StorageRoundTrips).
    private async Task<NullableResponse<TableEntity>> GetAsync(string journalId, string rowKey, CancellationToken cancellationToken)
    {
        using var activity = StorageRoundTrips.StartRequest("journal.table.get");
        activity?.SetTag("pvo.journal", journalId);
        return await _table.GetEntityIfExistsAsync<TableEntity>(journalId, rowKey, cancellationToken: cancellationToken);
    }

    // A query, one span per page fetched: each page is one request to storage. The span ends before the rows are
    // handed on, so the caller's work between pages is not counted as storage time.
    private async IAsyncEnumerable<TableEntity> QueryAsync(string journalId, string filter, string[]? select, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var pages = _table.QueryAsync<TableEntity>(filter, select: select, cancellationToken: cancellationToken).AsPages().GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool more;
            using (var activity = StorageRoundTrips.StartRequest("journal.table.query", counted: false))
            {
                activity?.SetTag("pvo.journal", journalId);
                more = await pages.MoveNextAsync();
                if (more)
                {
                    // The end of the pages is known without a request once the last page had no continuation.
                    StorageRoundTrips.MarkRequest(activity);
                }
            }
            if (!more)
            {
                yield break;
            }
            foreach (var row in pages.Current.Values)
            {
                yield return row;
            }
        }
    }

    private static List<TableTransactionAction> BuildTransaction(
        string journalId, long expectedVersion, string? azureETag, IReadOnlyList<JournalRecord> records, JournalSnapshotRecord? snapshot)
    {
        var actions = new List<TableTransactionAction>(2 + 2 * records.Count);
        var header = new TableEntity(journalId, HeaderRow) { [VersionColumn] = expectedVersion + records.Count };
        if (snapshot is not null)
        {
            header[SnapshotSeqColumn] = snapshot.Sequence;
        }
        // Merge, not replace: an append without a snapshot must keep the SnapshotSeq it does not know.
        // The If-Match on the header's ETag is what fences concurrent writers.
        actions.Add(azureETag is null
            ? new TableTransactionAction(TableTransactionActionType.Add, header)
            : new TableTransactionAction(TableTransactionActionType.UpdateMerge, header, new ETag(azureETag)));
        foreach (var r in records)
        {
            var hash = StoredHash(r.ContentHash);
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(journalId, RecordRow(r.Sequence))
            {
                [KeyColumn] = r.IdempotencyKey,
                [ContentHashColumn] = hash,
                [PayloadColumn] = r.Payload,
            }));
            // The key's own row, so that a key the journal no longer holds in memory is one point read away.
            // Upsert: the store does not police keys across appends (the single writer does).
            var keyRow = new TableEntity(journalId, KeyRow(r.IdempotencyKey)) { [SeqColumn] = r.Sequence, [ContentHashColumn] = hash };
            if (keyRow.RowKey[0] != 'K')
            {
                // The row key is a hash of the key: the key itself is needed to compare.
                keyRow[KeyColumn] = r.IdempotencyKey;
            }
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, keyRow));
        }
        if (snapshot is not null)
        {
            var chunks = TableChunks.SplitString(snapshot.Payload, SnapshotChunkChars);
            if (chunks.Count > SnapshotChunkProperties.Length)
            {
                throw new JournalLimitException($"Journal '{journalId}': the snapshot needs {chunks.Count} chunks; at most {SnapshotChunkProperties.Length} fit in one row.");
            }
            var row = new TableEntity(journalId, SnapshotRow) { [SeqColumn] = snapshot.Sequence, [ChunksColumn] = chunks.Count };
            for (var i = 0; i < chunks.Count; i++)
            {
                row[SnapshotChunkProperties[i]] = chunks[i];
            }
            // Replace, so that a shorter snapshot leaves no stale chunks behind.
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
        }
        return actions;
    }

    private static JournalRecord ToRecord(TableEntity row) =>
        new(SequenceOf(row.RowKey), row.GetString(KeyColumn), HashOf(row), row.GetString(PayloadColumn) ?? "");

    // A content hash as stored: the 32 bytes of a lower-case hex SHA-256, any other text as it is (read back exactly).
    private static object StoredHash(string contentHash) => HashBytes(contentHash) is { } bytes ? bytes : contentHash;

    private static byte[]? HashBytes(string hex) =>
        hex is { Length: 64 } && hex.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')) ? Convert.FromHexString(hex) : null;

    // The content hash of a row of either form: Binary (current) or hex text (rows written before).
    private static string HashOf(TableEntity row) => row.TryGetValue(ContentHashColumn, out var value) ? value switch
    {
        byte[] bytes => Convert.ToHexStringLower(bytes),
        BinaryData data => Convert.ToHexStringLower(data.ToArray()),
        string text => text,
        null => "",
        _ => throw new InvalidOperationException($"Journal '{row.PartitionKey}' row '{row.RowKey}': a content hash of type {value.GetType().Name}."),
    } : "";

    private static JournalSnapshotRecord ToSnapshot(TableEntity row)
    {
        var count = row.GetInt32(ChunksColumn) ?? 0;
        var parts = new string[count];
        for (var i = 0; i < count; i++)
        {
            parts[i] = row.GetString(SnapshotChunkProperties[i])
                ?? throw new InvalidOperationException($"Journal '{row.PartitionKey}': snapshot chunk {i} of {count} is missing.");
        }
        return new JournalSnapshotRecord(row.GetInt64(SeqColumn) ?? 0, string.Concat(parts));
    }

    // 409: the header or a record row already exists; 412: the header's ETag moved on; 404: the header
    // to update is gone. A missing table is also a 404 but is an environment failure, so it propagates.
    private static bool IsConflict(RequestFailedException e) =>
        e.Status is 409 or 412 || (e.Status == 404 && e.ErrorCode != "TableNotFound");

    private static string DescribeConflict(RequestFailedException e, List<TableTransactionAction> actions)
    {
        var index = (e as TableTransactionFailedException)?.FailedTransactionActionIndex;
        if (index is not { } i || i < 0 || i >= actions.Count)
        {
            return $"the transaction was refused (status {e.Status}, {e.ErrorCode})";
        }
        var entity = (TableEntity)actions[i].Entity;
        return entity.RowKey switch
        {
            HeaderRow => $"another writer moved the journal on (status {e.Status})",
            ['E', ..] => $"record {SequenceOf(entity.RowKey)} already exists",
            _ => $"row '{entity.RowKey}' was refused (status {e.Status}, {e.ErrorCode})",
        };
    }

    private static bool IsValidJournalId(string journalId)
    {
        try
        {
            JournalAppendRules.ValidateJournalId(journalId);
            return true;
        }
        catch (JournalLimitException)
        {
            return false;
        }
    }

}
