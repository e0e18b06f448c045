using PvoFinance.Storage;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// The journal store with one armed fault (<see cref="StorageFaults.FailNextBookingAfterItLands"/>): the append lands,
/// then the call fails — the ledger holds the booking while its caller was told it failed.
/// </summary>
internal sealed class LandThenFailJournalStore(IJournalStore inner, StorageFaults faults) : IJournalStore, IJournalCatalog
{
    public Task<JournalHead> ReadHeadAsync(string journalId, CancellationToken cancellationToken = default) => inner.ReadHeadAsync(journalId, cancellationToken);

    public IAsyncEnumerable<JournalRecord> ReadRecordsAsync(string journalId, long afterSequence, CancellationToken cancellationToken = default) =>
        inner.ReadRecordsAsync(journalId, afterSequence, cancellationToken);

    public IAsyncEnumerable<JournalKey> ReadKeysAsync(string journalId, CancellationToken cancellationToken = default) => inner.ReadKeysAsync(journalId, cancellationToken);

    public Task<JournalRecord?> ReadRecordAsync(string journalId, long sequence, CancellationToken cancellationToken = default) =>
        inner.ReadRecordAsync(journalId, sequence, cancellationToken);

    public async Task<string> AppendAsync(string journalId, long expectedVersion, string? expectedETag, IReadOnlyList<JournalRecord> records, JournalSnapshotRecord? snapshot,
        CancellationToken cancellationToken = default)
    {
        var etag = await inner.AppendAsync(journalId, expectedVersion, expectedETag, records, snapshot, cancellationToken);
        return faults.TryTripAppend(records) ? throw new InjectedStorageFault($"Injected: the append to {journalId} landed, then failed.") : etag;
    }

    public Task<IReadOnlyList<string>> ListJournalsAsync(string? afterId, int max, CancellationToken cancellationToken = default) =>
        ((IJournalCatalog)inner).ListJournalsAsync(afterId, max, cancellationToken);
}
