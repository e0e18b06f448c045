using PvoFinance.Storage;

namespace PvoFinance.Bench;

/// <summary>
/// Lets one silo run the in-memory and the durable phase side by side: journals whose id starts with
/// <c>mem.</c> live in memory, all others in Azure Table storage.
/// </summary>
internal sealed class RoutingJournalStore(IJournalStore memory, IJournalStore durable) : IJournalStore
{
    private IJournalStore For(string journalId) => journalId.StartsWith("mem.", StringComparison.Ordinal) ? memory : durable;

    public Task<JournalHead> ReadHeadAsync(string journalId, CancellationToken cancellationToken = default) =>
        For(journalId).ReadHeadAsync(journalId, cancellationToken);

    public IAsyncEnumerable<JournalRecord> ReadRecordsAsync(string journalId, long afterSequence, CancellationToken cancellationToken = default) =>
        For(journalId).ReadRecordsAsync(journalId, afterSequence, cancellationToken);

    public IAsyncEnumerable<JournalKey> ReadKeysAsync(string journalId, CancellationToken cancellationToken = default) =>
        For(journalId).ReadKeysAsync(journalId, cancellationToken);

    public Task<JournalKey?> FindKeyAsync(string journalId, string key, long keysWithoutRowsThrough, CancellationToken cancellationToken = default) =>
        For(journalId).FindKeyAsync(journalId, key, keysWithoutRowsThrough, cancellationToken);

    public Task<JournalRecord?> ReadRecordAsync(string journalId, long sequence, CancellationToken cancellationToken = default) =>
        For(journalId).ReadRecordAsync(journalId, sequence, cancellationToken);

    public Task<string> AppendAsync(string journalId, long expectedVersion, string? expectedETag, IReadOnlyList<JournalRecord> records, JournalSnapshotRecord? snapshot, CancellationToken cancellationToken = default) =>
        For(journalId).AppendAsync(journalId, expectedVersion, expectedETag, records, snapshot, cancellationToken);
}
