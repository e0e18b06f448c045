using System.Runtime.CompilerServices;

namespace PvoFinance.Storage;

/// <summary>
/// A process-local <see cref="IJournalStore"/> with the same contract as the Azure Table store: for
/// fast unit tests of the core and for the benchmark's in-memory baseline. Not durable.
/// </summary>
public sealed class InMemoryJournalStore : IJournalStore, IJournalCatalog
{
    private sealed class Journal
    {
        public long Version;
        public long ETagCounter;
        public JournalSnapshotRecord? Snapshot;
        public readonly List<JournalRecord> Records = [];
        public readonly Dictionary<string, JournalRecord> ByKey = new(StringComparer.Ordinal);
    }

    private readonly Dictionary<string, Journal> _journals = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public Task<JournalHead> ReadHeadAsync(string journalId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_journals.TryGetValue(journalId, out var j)
                ? new JournalHead(j.Version, ETagOf(j), j.Snapshot)
                : new JournalHead(0, null, null));
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<JournalRecord> ReadRecordsAsync(string journalId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        JournalRecord[] copy;
        lock (_gate)
        {
            copy = _journals.TryGetValue(journalId, out var j) ? j.Records.Where(r => r.Sequence > afterSequence).ToArray() : [];
        }
        foreach (var r in copy)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return r;
        }
        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<JournalKey> ReadKeysAsync(string journalId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var r in ReadRecordsAsync(journalId, 0, cancellationToken))
        {
            yield return new JournalKey(r.Sequence, r.IdempotencyKey, r.ContentHash);
        }
    }

    /// <inheritdoc />
    public Task<JournalKey?> FindKeyAsync(string journalId, string key, long keysWithoutRowsThrough, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            JournalKey? found = _journals.TryGetValue(journalId, out var j) && j.ByKey.TryGetValue(key, out var r)
                ? new JournalKey(r.Sequence, r.IdempotencyKey, r.ContentHash)
                : null;
            return Task.FromResult(found);
        }
    }

    /// <inheritdoc />
    public Task<JournalRecord?> ReadRecordAsync(string journalId, long sequence, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            JournalRecord? r = _journals.TryGetValue(journalId, out var j) && sequence >= 1 && sequence <= j.Records.Count
                ? j.Records[(int)sequence - 1]
                : null;
            return Task.FromResult(r);
        }
    }

    /// <inheritdoc />
    public Task<string> AppendAsync(string journalId, long expectedVersion, string? expectedETag, IReadOnlyList<JournalRecord> records, JournalSnapshotRecord? snapshot, CancellationToken cancellationToken = default)
    {
        JournalAppendRules.Validate(journalId, expectedVersion, records, snapshot);
        lock (_gate)
        {
            if (!_journals.TryGetValue(journalId, out var j))
            {
                if (expectedETag is not null || expectedVersion != 0)
                {
                    throw new JournalConflictException(journalId, expectedVersion, "the journal does not exist");
                }
                j = new Journal();
                _journals[journalId] = j;
            }
            else if (expectedETag != ETagOf(j) || expectedVersion != j.Version)
            {
                // As the table store: the same append sent again after it committed is acknowledged, not a conflict. A
                // re-send carries the ETag it was sent with, never the one its own commit made.
                if (expectedETag != ETagOf(j) && j.Version == expectedVersion + records.Count && j.Records.Count >= records.Count
                    && j.Records.Skip(j.Records.Count - records.Count).SequenceEqual(records))
                {
                    return Task.FromResult(ETagOf(j));
                }
                throw new JournalConflictException(journalId, expectedVersion, $"it is at version {j.Version}");
            }
            foreach (var r in records)
            {
                j.Records.Add(r);
                // Like the key rows of the table store: the last record with a key answers for it.
                j.ByKey[r.IdempotencyKey] = r;
            }
            j.Version = expectedVersion + records.Count;
            j.Snapshot = snapshot ?? j.Snapshot;
            j.ETagCounter++;
            return Task.FromResult(ETagOf(j));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListJournalsAsync(string? afterId, int max, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<string> ids = [.. _journals.Where(j => j.Value.Version > 0).Select(j => j.Key)
                .Where(id => afterId is null || string.CompareOrdinal(id, afterId) > 0)
                .Order(StringComparer.Ordinal).Take(Math.Max(max, 0))];
            return Task.FromResult(ids);
        }
    }

    private static string ETagOf(Journal j) => $"mem-{j.ETagCounter}";
}
