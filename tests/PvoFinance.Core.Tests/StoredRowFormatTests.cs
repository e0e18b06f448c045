using PvoFinance.Ledger;
using PvoFinance.Storage;
using Xunit.Abstractions;

namespace PvoFinance.Core.Tests;

/// <summary>
/// Issue 15, item 2: the stored row of an entry (<see cref="LedgerJson.ToRecord"/>) carries each fact once — key and
/// content hash in the record's fields, not again in the payload — and the chain hashes as bytes. Rows of the older form
/// (a self-contained payload, every hash as hex) read as before, also mixed with new ones in one chain.
/// </summary>
public class StoredRowFormatTests(ITestOutputHelper output)
{
    private readonly LedgerHarness _year = LedgerHarness.TypicalYear();

    [Fact]
    public void A_stored_row_reads_back_to_the_same_entry_and_leaves_out_what_its_fields_hold()
    {
        foreach (var e in _year.Entries)
        {
            var record = LedgerJson.ToRecord(e);
            Assert.Equal((e.Sequence, e.Key, e.ContentHash), (record.Sequence, record.IdempotencyKey, record.ContentHash));
            Assert.DoesNotContain("\"k\":", record.Payload);
            Assert.DoesNotContain("\"ch\":", record.Payload);
            Assert.DoesNotContain(e.Hash, record.Payload);
            Assert.DoesNotContain(e.ContentHash, record.Payload);
            Assert.Contains($"\"hb\":\"{Convert.ToBase64String(Convert.FromHexString(e.Hash))}\"", record.Payload);
            Assert.Equal(LedgerJson.Serialize(e), LedgerJson.Serialize(LedgerJson.DeserializeEntry(record)));
            // Without its record the payload is not an entry: the reader says so instead of inventing a key.
            Assert.Throws<FormatException>(() => LedgerJson.DeserializeEntry(record.Payload));
        }
    }

    [Fact]
    public void Old_and_new_rows_in_one_journal_verify_and_an_edit_of_a_new_row_is_found()
    {
        // The first half as the ledger stored rows before (self-contained payload, hashes as hex), the rest in the new form.
        var half = _year.Entries.Count / 2;
        var rows = _year.Entries.Select((e, i) => i < half ? new JournalRecord(e.Sequence, e.Key, e.ContentHash, LedgerJson.Serialize(e)) : LedgerJson.ToRecord(e)).ToList();
        var report = ChainVerifier.Verify(rows.Select(LedgerJson.DeserializeEntry));
        Assert.True(report.Intact, report.Reason);
        Assert.Equal(_year.Journal.HeadHash, report.HeadHash);

        var at = Enumerable.Range(half, rows.Count - half).First(i => _year.Entries[i].Postings.Length > 0);
        var edited = rows[at];
        var amount = _year.Entries[at].Postings[0].Amount.Cents;
        rows[at] = edited with { Payload = edited.Payload.Replace($"\"c\":{amount}", $"\"c\":{amount + 1}", StringComparison.Ordinal) };
        Assert.NotEqual(edited.Payload, rows[at].Payload);
        var broken = ChainVerifier.Verify(rows.Select(LedgerJson.DeserializeEntry));
        Assert.False(broken.Intact);
        Assert.Equal(at + 1, broken.FirstBrokenSequence);
    }

    [Fact]
    public void A_stored_row_is_smaller_than_before_by_the_duplicated_key_and_hashes()
    {
        // The bench's entry: two postings, a key like the bench's, no memo.
        var h = new LedgerHarness();
        var e = h.Commit(new PostEntry("w123-4567-89", Book.Today, [Book.Dr(Accounts.Expense, "12.34"), Book.Cr(Accounts.Income, "12.34")]));
        var before = new JournalRecord(e.Sequence, e.Key, e.ContentHash, LedgerJson.Serialize(e));
        var after = LedgerJson.ToRecord(e);
        // What an append sends for the entry row: its payload, key and content hash (the hash now as 32 bytes, 44 in base64).
        var beforeBytes = JsonWireSize.Of(before.Payload) + JsonWireSize.Of(before.IdempotencyKey) + JsonWireSize.Of(before.ContentHash);
        var afterBytes = JsonWireSize.Of(after.Payload) + JsonWireSize.Of(after.IdempotencyKey) + 44;
        output.WriteLine($"entry row payload chars: before {before.Payload.Length}, after {after.Payload.Length}; payload + key + content hash on the wire: before {beforeBytes}, after {afterBytes}");
        Assert.True(before.Payload.Length - after.Payload.Length >= 100 + e.Key.Length, $"{before.Payload.Length} → {after.Payload.Length}");
        Assert.True(afterBytes < beforeBytes * 0.75, $"{beforeBytes} → {afterBytes}");
    }
}
