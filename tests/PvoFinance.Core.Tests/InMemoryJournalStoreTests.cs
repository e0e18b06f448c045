using PvoFinance.Ledger;
using PvoFinance.Storage;

namespace PvoFinance.Core.Tests;

public class InMemoryJournalStoreTests
{
    private const string Id = "source.jenv-pvo.2026";
    private readonly InMemoryJournalStore _store = new();

    private static JournalRecord Record(long sequence, string? key = null, string payload = "{}") =>
        new(sequence, key ?? $"key-{sequence}", new string('a', 64), payload);

    private static JournalRecord[] Records(long from, int count) =>
        [.. Enumerable.Range(0, count).Select(i => Record(from + i))];

    private async Task<List<JournalRecord>> All(string id = Id)
    {
        var list = new List<JournalRecord>();
        await foreach (var r in _store.ReadRecordsAsync(id, 0))
        {
            list.Add(r);
        }
        return list;
    }

    [Fact]
    public async Task A_journal_never_written_reads_as_version_zero()
    {
        var head = await _store.ReadHeadAsync(Id);
        Assert.Equal(new JournalHead(0, null, null), head);
        Assert.Empty(await All());
        Assert.Null(await _store.ReadRecordAsync(Id, 1));
    }

    [Fact]
    public async Task Appended_records_are_read_back_in_order()
    {
        var etag1 = await _store.AppendAsync(Id, 0, null, Records(1, 3), null);
        var etag2 = await _store.AppendAsync(Id, 3, etag1, Records(4, 2), new JournalSnapshotRecord(5, "snapshot-5"));
        Assert.NotEqual(etag1, etag2);

        var head = await _store.ReadHeadAsync(Id);
        Assert.Equal(5, head.Version);
        Assert.Equal(etag2, head.ETag);
        Assert.Equal(new JournalSnapshotRecord(5, "snapshot-5"), head.Snapshot);
        Assert.Equal([1L, 2, 3, 4, 5], (await All()).Select(r => r.Sequence));
        Assert.Equal("key-4", (await _store.ReadRecordAsync(Id, 4))!.IdempotencyKey);
        Assert.Null(await _store.ReadRecordAsync(Id, 6));
        Assert.Null(await _store.ReadRecordAsync(Id, 0));

        var after3 = new List<long>();
        await foreach (var r in _store.ReadRecordsAsync(Id, 3))
        {
            after3.Add(r.Sequence);
        }
        Assert.Equal([4L, 5], after3);

        var keys = new List<JournalKey>();
        await foreach (var k in _store.ReadKeysAsync(Id))
        {
            keys.Add(k);
        }
        Assert.Equal(Records(1, 5).Select(r => new JournalKey(r.Sequence, r.IdempotencyKey, r.ContentHash)), keys);
    }

    [Fact]
    public async Task A_stale_version_or_etag_is_a_conflict_and_writes_nothing()
    {
        var etag1 = await _store.AppendAsync(Id, 0, null, Records(1, 2), null);
        var etag2 = await _store.AppendAsync(Id, 2, etag1, Records(3, 1), null);

        // A second writer that read the journal at version 2 / etag1.
        var ex = await Assert.ThrowsAsync<JournalConflictException>(() => _store.AppendAsync(Id, 2, etag1, [Record(3, "other")], null));
        Assert.Equal(Id, ex.JournalId);
        Assert.Equal(2, ex.ExpectedVersion);
        await Assert.ThrowsAsync<JournalConflictException>(() => _store.AppendAsync(Id, 3, etag1, Records(4, 1), null));
        await Assert.ThrowsAsync<JournalConflictException>(() => _store.AppendAsync(Id, 2, etag2, Records(3, 1), null));
        // A writer that believes the journal is new.
        await Assert.ThrowsAsync<JournalConflictException>(() => _store.AppendAsync(Id, 0, null, Records(1, 1), null));

        var head = await _store.ReadHeadAsync(Id);
        Assert.Equal(3, head.Version);
        Assert.Equal(etag2, head.ETag);
        Assert.Equal(3, (await All()).Count);
    }

    [Fact]
    public async Task Appending_to_a_journal_that_does_not_exist_with_a_version_or_etag_is_a_conflict()
    {
        await Assert.ThrowsAsync<JournalConflictException>(() => _store.AppendAsync(Id, 0, "mem-0", Records(1, 1), null));
        await Assert.ThrowsAsync<JournalConflictException>(() => _store.AppendAsync(Id, 4, null, Records(5, 1), null));
        Assert.Equal(0, (await _store.ReadHeadAsync(Id)).Version);
    }

    [Fact]
    public async Task Keys_across_appends_are_the_writers_to_police_not_the_stores()
    {
        // The single writer holds the full key index and the ETag fences everyone else out (JournalLimits);
        // the store, like the Azure Table one, does not read keys back on every append.
        var etag = await _store.AppendAsync(Id, 0, null, [Record(1, "pay-17")], null);
        await _store.AppendAsync(Id, 1, etag, [Record(2, "pay-17")], null);
        Assert.Equal(2, (await All()).Count);
    }

    [Fact]
    public async Task Malformed_appends_are_refused_before_anything_is_written()
    {
        await Assert.ThrowsAsync<JournalLimitException>(() => _store.AppendAsync(Id, 0, null, [Record(1, "k"), Record(2, "k")], null));
        await Assert.ThrowsAsync<JournalLimitException>(() => _store.AppendAsync(Id, 0, null, [Record(2)], null));
        await Assert.ThrowsAsync<JournalLimitException>(() => _store.AppendAsync(Id, 0, null, [Record(1), Record(3)], null));
        await Assert.ThrowsAsync<JournalLimitException>(() => _store.AppendAsync(Id, 0, null, [], null));
        await Assert.ThrowsAsync<JournalLimitException>(() => _store.AppendAsync(Id, -1, null, Records(0, 1), null));
        await Assert.ThrowsAsync<JournalLimitException>(() => _store.AppendAsync(Id, 0, null, [Record(1, "")], null));
        await Assert.ThrowsAsync<JournalLimitException>(() => _store.AppendAsync(Id, 0, null, [Record(1, new string('k', JournalLimits.MaxKeyChars + 1))], null));
        await Assert.ThrowsAsync<JournalLimitException>(() => _store.AppendAsync(Id, 0, null, Records(1, 2), new JournalSnapshotRecord(1, "s")));
        Assert.Equal(new JournalHead(0, null, null), await _store.ReadHeadAsync(Id));
    }

    [Fact]
    public async Task Size_limits_are_enforced_at_their_boundary()
    {
        await Assert.ThrowsAsync<JournalLimitException>(() => _store.AppendAsync(Id, 0, null, Records(1, JournalLimits.MaxRecordsPerAppend + 1), null));
        await Assert.ThrowsAsync<JournalLimitException>(() => _store.AppendAsync(Id, 0, null, [Record(1, payload: new string('x', JournalLimits.MaxPayloadChars + 1))], null));
        await Assert.ThrowsAsync<JournalLimitException>(() => _store.AppendAsync(Id, 0, null, Records(1, 1), new JournalSnapshotRecord(1, new string('x', JournalLimits.MaxSnapshotChars + 1))));

        var etag = await _store.AppendAsync(Id, 0, null, Records(1, JournalLimits.MaxRecordsPerAppend), null);
        await _store.AppendAsync(Id, JournalLimits.MaxRecordsPerAppend, etag,
            [Record(JournalLimits.MaxRecordsPerAppend + 1, payload: new string('x', JournalLimits.MaxPayloadChars))],
            new JournalSnapshotRecord(JournalLimits.MaxRecordsPerAppend + 1, new string('x', JournalLimits.MaxSnapshotChars)));
        Assert.Equal(JournalLimits.MaxRecordsPerAppend + 1, (await _store.ReadHeadAsync(Id)).Version);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\u0001b")]
    public async Task Journal_ids_that_cannot_be_partition_keys_are_refused(string id)
    {
        await Assert.ThrowsAsync<JournalLimitException>(() => _store.AppendAsync(id, 0, null, Records(1, 1), null));
    }

    [Fact]
    public async Task A_snapshot_only_append_moves_the_etag_and_keeps_the_version()
    {
        var etag1 = await _store.AppendAsync(Id, 0, null, Records(1, 2), new JournalSnapshotRecord(2, "s2"));
        var etag2 = await _store.AppendAsync(Id, 2, etag1, [], new JournalSnapshotRecord(2, "s2-compacted"));
        var head = await _store.ReadHeadAsync(Id);
        Assert.Equal(2, head.Version);
        Assert.NotEqual(etag1, etag2);
        Assert.Equal("s2-compacted", head.Snapshot!.Payload);
        // An append without a snapshot keeps the last one.
        await _store.AppendAsync(Id, 2, etag2, Records(3, 1), null);
        Assert.Equal("s2-compacted", (await _store.ReadHeadAsync(Id)).Snapshot!.Payload);
    }

    [Fact]
    public async Task Journals_are_independent()
    {
        await _store.AppendAsync("region.limburg", 0, null, Records(1, 2), null);
        await _store.AppendAsync("region.antwerpen", 0, null, Records(1, 1), null);
        Assert.Equal(2, (await _store.ReadHeadAsync("region.limburg")).Version);
        Assert.Equal(1, (await _store.ReadHeadAsync("region.antwerpen")).Version);
    }

    [Fact]
    public async Task A_journal_stored_and_read_back_rebuilds_the_same_ledger()
    {
        var year = LedgerHarness.TypicalYear();
        string? etag = null;
        long version = 0;
        foreach (var batch in year.Entries.Chunk(4))
        {
            var records = batch.Select(e => new JournalRecord(e.Sequence, e.Key, e.ContentHash, LedgerJson.Serialize(e))).ToList();
            var last = batch[^1].Sequence;
            etag = await _store.AppendAsync(Id, version, etag, records, new JournalSnapshotRecord(last, LedgerJson.Serialize(Replay(year.Entries.Take((int)last)).ToState())));
            version = last;
        }

        var head = await _store.ReadHeadAsync(Id);
        var journal = Journal.FromState(LedgerJson.DeserializeState(head.Snapshot!.Payload));
        await foreach (var k in _store.ReadKeysAsync(Id))
        {
            journal.IndexKey(k.Sequence, k.IdempotencyKey, k.ContentHash);
        }
        Assert.Equal(year.StateJson, LedgerJson.Serialize(journal.ToState()));
        Assert.Equal(year.Journal.KeyCount, journal.KeyCount);

        var entries = new List<JournalEntry>();
        await foreach (var r in _store.ReadRecordsAsync(Id, 0))
        {
            entries.Add(LedgerJson.DeserializeEntry(r.Payload));
        }
        Assert.True(ChainVerifier.Verify(entries).Intact);
        Assert.Equal(year.StateJson, LedgerJson.Serialize(Replay(entries).ToState()));
    }

    private static Journal Replay(IEnumerable<JournalEntry> entries)
    {
        var j = new Journal();
        foreach (var e in entries)
        {
            j.Apply(e);
        }
        return j;
    }
}
