using System.Runtime.CompilerServices;
using PvoFinance.Storage;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// The journal store with <see cref="RandomStorageFaults"/> on every append: some fail before anything is written,
/// some after the entries (and header) landed. Reads of entries fail only when a test arms them.
/// </summary>
internal sealed class FaultyJournalStore(IJournalStore inner, RandomStorageFaults faults) : IJournalStore, IJournalCatalog
{
    public Task<JournalHead> ReadHeadAsync(string journalId, CancellationToken cancellationToken = default) => inner.ReadHeadAsync(journalId, cancellationToken);

    public async IAsyncEnumerable<JournalRecord> ReadRecordsAsync(string journalId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (faults.TripRead(journalId))
        {
            throw new InjectedStorageFault($"Injected: reading {journalId} failed.");
        }
        await foreach (var record in inner.ReadRecordsAsync(journalId, afterSequence, cancellationToken))
        {
            yield return record;
        }
    }

    public IAsyncEnumerable<JournalKey> ReadKeysAsync(string journalId, CancellationToken cancellationToken = default) => inner.ReadKeysAsync(journalId, cancellationToken);

    public Task<JournalKey?> FindKeyAsync(string journalId, string key, long keysWithoutRowsThrough, CancellationToken cancellationToken = default) =>
        inner.FindKeyAsync(journalId, key, keysWithoutRowsThrough, cancellationToken);

    public Task<JournalRecord?> ReadRecordAsync(string journalId, long sequence, CancellationToken cancellationToken = default) =>
        inner.ReadRecordAsync(journalId, sequence, cancellationToken);

    public Task<string> AppendAsync(string journalId, long expectedVersion, string? expectedETag, IReadOnlyList<JournalRecord> records, JournalSnapshotRecord? snapshot, CancellationToken cancellationToken = default) =>
        faults.WriteAsync($"the append of {records.Count} entries to {journalId}", () => inner.AppendAsync(journalId, expectedVersion, expectedETag, records, snapshot, cancellationToken));

    public Task<IReadOnlyList<string>> ListJournalsAsync(string? afterId, int max, CancellationToken cancellationToken = default) =>
        ((IJournalCatalog)inner).ListJournalsAsync(afterId, max, cancellationToken);
}
