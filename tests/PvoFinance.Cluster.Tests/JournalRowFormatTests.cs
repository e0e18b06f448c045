using System.Globalization;
using Azure.Data.Tables;
using NodaTime;
using PvoFinance.Grains.Contracts;
using PvoFinance.Ledger;
using PvoFinance.Silo.Storage;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// Issue 15, item 2: the stored row carries each fact once — the key and content hash in columns (the hash as 32 bytes),
/// the payload without them and with the chain hashes as bytes. A journal whose rows were written in the older form
/// (key and content hash in the columns and again in the payload, every hash as hex text, a Key column in every key row)
/// is written here row by row, and then loads, verifies, answers replays and conflicts from its old key rows, reverses an
/// old entry, takes new entries in the new form, and loads again with rows of both forms.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class JournalRowFormatTests(ClusterFixture fixture)
{
    private const int OldEntries = 60;

    private IGrainFactory Grains => fixture.Client;

    private TableClient Table => new(fixture.Storage.ConnectionString, fixture.Storage.TableName("Journals"), TableStorageOptions.CreateDefaultClientOptions());

    private static LedgerRequest Spend(string key, long cents) => Ledger.Post(key, ("expense:stored:x", cents), ("region:stored:funds", -cents));

    [Fact]
    public async Task A_journal_of_old_format_rows_loads_verifies_and_finds_its_keys_and_new_rows_carry_each_fact_once()
    {
        var id = Ledger.Unique("region.rows");
        var table = Table;
        await table.CreateIfNotExistsAsync();
        await WriteOldFormatAsync(table, id);
        var grain = Grains.GetGrain<ILedgerGrain>(id);

        // The old rows: the chain verifies, balances are whole, and keys older than the snapshot are found in their old key rows.
        var verified = await grain.VerifyChain();
        Assert.True(verified.Intact, verified.Reason);
        Assert.Equal(OldEntries, verified.EntriesChecked);
        Assert.Equal(OldEntries, (await Ledger.Balances(Grains, id))["expense:stored:x"].PostedBalance);
        var replay = await grain.Execute(StoredJournal.Request(7));
        Assert.Equal((LedgerReplyStatus.Replayed, 7L), (replay.Status, replay.Sequence));
        Assert.Equal("IdempotencyConflict", (await grain.Execute(StoredJournal.Request(8, cents: 3))).Rejection!.Code);
        var reversal = await grain.Execute(new LedgerRequest { Kind = LedgerRequestKind.Reverse, Key = "undo-old-9", ValueDate = Ledger.Day, EntryKey = "old-9" }, withEntry: true);
        Assert.Equal((LedgerReplyStatus.Committed, "old-9"), (reversal.Status, reversal.Entry!.Reference));

        // New entries: more than a snapshot's worth, so that the next load finds their keys in the new key rows.
        var added = await grain.Submit([.. Enumerable.Range(0, LedgerBatchLimits.MaxCommands / 2 + 10).Select(i => Spend($"new-{i}", 2))]);
        Assert.All(added.Outcomes, o => Assert.Equal(LedgerReplyStatus.Committed, o.Status));

        var newRow = (await table.GetEntityAsync<TableEntity>(id, $"E{OldEntries + 3:D19}")).Value;
        Assert.Equal("new-1", newRow.GetString("Key"));
        Assert.Equal(32, newRow.GetBinary("ContentHash").Length);
        var payload = newRow.GetString("Payload");
        Assert.DoesNotContain("\"k\":", payload);
        Assert.DoesNotContain("\"ch\":", payload);
        Assert.DoesNotContain("\"h\":", payload);
        Assert.Contains("\"hb\":", payload);
        var keyRow = (await table.GetEntityAsync<TableEntity>(id, "Knew-1")).Value;
        Assert.False(keyRow.ContainsKey("Key"));
        Assert.Equal(newRow.GetBinary("ContentHash"), keyRow.GetBinary("ContentHash"));
        Assert.Equal(OldEntries + 3, keyRow.GetInt64("Seq"));
        var oldRow = (await table.GetEntityAsync<TableEntity>(id, $"E{1:D19}")).Value;
        Assert.True(oldRow.GetString("Payload").Length - payload.Length > 100, $"old payload {oldRow.GetString("Payload").Length} chars, new {payload.Length}");

        // Loaded again: old rows, a snapshot written by the grain and new rows after it, all read.
        var before = await Ledger.Balances(Grains, id);
        await fixture.Cluster.DeactivateAsync((IAddressable)grain);
        await fixture.Cluster.WaitForDeactivationAsync((IAddressable)grain);
        var all = await grain.VerifyChain();
        Assert.True(all.Intact, all.Reason);
        Assert.Equal(OldEntries + 1 + added.Outcomes.Count, all.EntriesChecked);
        Assert.Equal(before["expense:stored:x"].PostedBalance, (await Ledger.Balances(Grains, id))["expense:stored:x"].PostedBalance);
        var newReplay = await grain.Execute(Spend("new-1", 2));
        Assert.Equal((LedgerReplyStatus.Replayed, OldEntries + 3L), (newReplay.Status, newReplay.Sequence));
        Assert.Equal("IdempotencyConflict", (await grain.Execute(Spend("new-2", 5))).Rejection!.Code);
        var oldReplay = await grain.Execute(StoredJournal.Request(11));
        Assert.Equal((LedgerReplyStatus.Replayed, 11L), (oldReplay.Status, oldReplay.Sequence));
        var entries = await grain.GetEntries(0, 5);
        Assert.Equal(["old-1", "old-2", "old-3", "old-4", "old-5"], entries.Select(e => e.Key));
    }

    // The rows the ledger wrote before this change, exactly: header, entry rows with Key and ContentHash (hex) columns and a
    // self-contained payload (key, content hash and chain hashes as hex), key rows with Seq, Key and ContentHash (hex), and
    // a snapshot (with the key filter) at the last entry, so that old keys are only found by reading their rows.
    private static async Task WriteOldFormatAsync(TableClient table, string id)
    {
        var journal = new Journal();
        var at = Instant.FromUtc(2026, 3, 1, 9, 0);
        var rows = new List<TableEntity>();
        for (var i = 1; i <= OldEntries; i++)
        {
            var (command, _) = LedgerRequestMapper.ToCommand(StoredJournal.Request(i));
            foreach (var key in journal.KeysToLookUp(command!))
            {
                journal.ConfirmAbsent(key, journal.Version);
            }
            var e = ((Committed)journal.Execute(command!, at)).Entry;
            rows.Add(new TableEntity(id, "E" + e.Sequence.ToString("D19", CultureInfo.InvariantCulture)) { ["Key"] = e.Key, ["ContentHash"] = e.ContentHash, ["Payload"] = LedgerJson.Serialize(e) });
            rows.Add(new TableEntity(id, "K" + e.Key) { ["Seq"] = e.Sequence, ["Key"] = e.Key, ["ContentHash"] = e.ContentHash });
        }
        var snapshot = LedgerJson.Serialize(journal.ToState()).Chunk(32_000).Select(c => new string(c)).ToList();
        var snapshotRow = new TableEntity(id, "S") { ["Seq"] = (long)OldEntries, ["Chunks"] = snapshot.Count };
        for (var i = 0; i < snapshot.Count; i++)
        {
            snapshotRow[$"Snap{i}"] = snapshot[i];
        }
        rows.Add(snapshotRow);
        rows.Add(new TableEntity(id, "H") { ["Version"] = (long)OldEntries, ["SnapshotSeq"] = (long)OldEntries });
        foreach (var chunk in rows.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)));
        }
        Assert.Contains("\"ch\":", (string)rows[0]["Payload"]);
    }
}
