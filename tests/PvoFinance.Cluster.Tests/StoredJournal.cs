using NodaTime;
using PvoFinance.Grains.Contracts;
using PvoFinance.Ledger;
using PvoFinance.Storage;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// Writes a journal straight through an <see cref="IJournalStore"/> in the stored format the ledger grain writes
/// (entries decided by the core <see cref="Journal"/>, full appends with their key rows, a snapshot): a long history in
/// seconds instead of one grain call per entry. Shared by the cluster tests and the scale benchmark (linked into
/// bench/PvoFinance.Bench), so the benchmark measures the journals the tests check.
/// </summary>
internal static class StoredJournal
{
    /// <summary>The request of entry <paramref name="i"/> (1-based) of a journal written by <see cref="WriteAsync"/>.</summary>
    public static LedgerRequest Request(int i, long cents = 1) => new()
    {
        Kind = LedgerRequestKind.Post,
        Key = $"old-{i}",
        ValueDate = new LocalDate(2026, 3, 1),
        Postings = [new Posting(AccountId.Parse("expense:stored:x"), new Money(cents)), new Posting(AccountId.Parse("region:stored:funds"), new Money(-cents))],
    };

    /// <summary>
    /// Writes <paramref name="entries"/> entries of <see cref="Request"/>. With <paramref name="snapshot"/>, one append
    /// carries the snapshot: the last, or with <paramref name="tail"/> the one ending nearest before the last
    /// <paramref name="tail"/> entries (so activation replays a tail, as it would after the grain's own snapshots).
    /// <paramref name="snapshotForm"/> may change the snapshot's state (the older format: no key filter). An append
    /// refused as a conflict although it landed (a lost reply the client retried, seen under heavy load) is accepted.
    /// </summary>
    public static async Task<Journal> WriteAsync(IJournalStore store, string journalId, int entries, bool snapshot = true, int tail = 0,
        Func<JournalState, JournalState>? snapshotForm = null)
    {
        var journal = new Journal();
        var at = Instant.FromUtc(2026, 3, 1, 9, 0);
        string? etag = null;
        var snapshotDone = !snapshot;
        var batch = new List<JournalRecord>(JournalLimits.MaxRecordsPerAppend);
        for (var i = 1; i <= entries; i++)
        {
            var (command, _) = LedgerRequestMapper.ToCommand(Request(i));
            // Every key is new and the whole journal is here: a key the filter cannot rule out is confirmed absent.
            foreach (var key in journal.KeysToLookUp(command!))
            {
                journal.ConfirmAbsent(key, journal.Version);
            }
            var entry = ((Committed)journal.Execute(command!, at)).Entry;
            batch.Add(LedgerJson.ToRecord(entry));
            var last = i == entries;
            if (batch.Count == JournalLimits.MaxRecordsPerAppend || last)
            {
                JournalSnapshotRecord? snap = null;
                if (!snapshotDone && (last || (tail > 0 && entries - i < tail + JournalLimits.MaxRecordsPerAppend)))
                {
                    var state = journal.ToState();
                    snap = new JournalSnapshotRecord(i, LedgerJson.Serialize(snapshotForm is null ? state : snapshotForm(state)));
                    snapshotDone = true;
                }
                try
                {
                    etag = await store.AppendAsync(journalId, i - batch.Count, etag, batch, snap);
                }
                catch (JournalConflictException)
                {
                    var head = await store.ReadHeadAsync(journalId);
                    if (head.Version != i || head.ETag is null)
                    {
                        throw;
                    }
                    etag = head.ETag;
                }
                batch.Clear();
            }
        }
        return journal;
    }
}
