using NodaTime;
using PvoFinance.Grains.Contracts;
using PvoFinance.Ledger;
using PvoFinance.Storage;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// Writes a journal straight through an <see cref="IJournalStore"/> in the stored format the ledger grain writes
/// (entries decided by the core <see cref="Journal"/>, full appends, a snapshot at the end): a long history in
/// seconds instead of one grain call per entry.
/// </summary>
internal static class StoredJournal
{
    /// <summary>The request of entry <paramref name="i"/> (1-based) of a journal written by <see cref="WriteAsync"/>.</summary>
    public static LedgerRequest Request(int i, long cents = 1) => Ledger.Post($"old-{i}", ("expense:stored:x", cents), ("region:stored:funds", -cents));

    /// <summary>Writes <paramref name="entries"/> entries of <see cref="Request"/>; the last append carries the snapshot.</summary>
    public static async Task<Journal> WriteAsync(IJournalStore store, string journalId, int entries, bool snapshot = true)
    {
        var journal = new Journal();
        var at = Instant.FromUtc(2026, 3, 1, 9, 0);
        string? etag = null;
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
            batch.Add(new JournalRecord(entry.Sequence, entry.Key, entry.ContentHash, LedgerJson.Serialize(entry)));
            if (batch.Count == JournalLimits.MaxRecordsPerAppend || i == entries)
            {
                var snap = snapshot && i == entries ? new JournalSnapshotRecord(i, LedgerJson.Serialize(journal.ToState())) : null;
                etag = await store.AppendAsync(journalId, i - batch.Count, etag, batch, snap);
                batch.Clear();
            }
        }
        return journal;
    }
}
