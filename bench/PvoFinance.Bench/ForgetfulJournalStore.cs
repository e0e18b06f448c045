using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using PvoFinance.Storage;

namespace PvoFinance.Bench;

/// <summary>
/// For the batch phases of <c>./bench.sh ledger</c>: journals whose id starts with <c>nul.</c> are appended to with the
/// same rules and concurrency checks as in memory (<see cref="JournalAppendRules.Validate"/>, version and ETag) but keep
/// no rows, so millions of entries a second measure the grain path, not a growing heap; every other id goes to
/// <paramref name="inner"/>. A journal here is never reloaded (the bench runs one activation per journal).
/// </summary>
internal sealed class ForgetfulJournalStore(IJournalStore inner) : IJournalStore
{
    private readonly ConcurrentDictionary<string, (long Version, long ETag)> _heads = new(StringComparer.Ordinal);

    private static bool Mine(string journalId) => journalId.StartsWith("nul.", StringComparison.Ordinal);

    public Task<JournalHead> ReadHeadAsync(string journalId, CancellationToken cancellationToken = default) =>
        Mine(journalId)
            ? Task.FromResult(_heads.TryGetValue(journalId, out var h) ? new JournalHead(h.Version, ETag(h.ETag), null) : new JournalHead(0, null, null))
            : inner.ReadHeadAsync(journalId, cancellationToken);

    public async IAsyncEnumerable<JournalRecord> ReadRecordsAsync(string journalId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Mine(journalId))
        {
            yield break;
        }
        await foreach (var r in inner.ReadRecordsAsync(journalId, afterSequence, cancellationToken))
        {
            yield return r;
        }
    }

    public IAsyncEnumerable<JournalKey> ReadKeysAsync(string journalId, CancellationToken cancellationToken = default) =>
        Mine(journalId) ? NoKeys() : inner.ReadKeysAsync(journalId, cancellationToken);

    // Every key of the bench is new: a key the filter cannot rule out is answered "not found", as storage would.
    public Task<JournalKey?> FindKeyAsync(string journalId, string key, long keysWithoutRowsThrough, CancellationToken cancellationToken = default) =>
        Mine(journalId) ? Task.FromResult<JournalKey?>(null) : inner.FindKeyAsync(journalId, key, keysWithoutRowsThrough, cancellationToken);

    public Task<JournalRecord?> ReadRecordAsync(string journalId, long sequence, CancellationToken cancellationToken = default) =>
        Mine(journalId) ? Task.FromResult<JournalRecord?>(null) : inner.ReadRecordAsync(journalId, sequence, cancellationToken);

    public Task<string> AppendAsync(string journalId, long expectedVersion, string? expectedETag, IReadOnlyList<JournalRecord> records, JournalSnapshotRecord? snapshot, CancellationToken cancellationToken = default)
    {
        if (!Mine(journalId))
        {
            return inner.AppendAsync(journalId, expectedVersion, expectedETag, records, snapshot, cancellationToken);
        }
        JournalAppendRules.Validate(journalId, expectedVersion, records, snapshot);
        var now = _heads.GetOrAdd(journalId, (0, 0));
        if (now.Version != expectedVersion || (now.Version > 0 && expectedETag != ETag(now.ETag)))
        {
            throw new JournalConflictException(journalId, expectedVersion, $"it is at version {now.Version}");
        }
        var next = (expectedVersion + records.Count, now.ETag + 1);
        return _heads.TryUpdate(journalId, next, now)
            ? Task.FromResult(ETag(next.Item2))
            : throw new JournalConflictException(journalId, expectedVersion, "a concurrent append");
    }

    private static async IAsyncEnumerable<JournalKey> NoKeys()
    {
        await Task.CompletedTask;
        yield break;
    }

    private static string ETag(long n) => n.ToString(CultureInfo.InvariantCulture);
}
