using System.Security.Cryptography;
using System.Text;

namespace PvoFinance.Storage.Tests;

/// <summary>
/// The <see cref="IJournalStore"/> contract, run against every backend (one subclass each), so that the
/// in-memory reference store and the Azure Table store provably accept and refuse the same appends.
/// Each test uses its own journal id, so one store may serve a whole test class.
/// </summary>
public abstract class JournalStoreContractTests
{
    protected abstract IJournalStore Store { get; }

    protected static string NewJournalId() => "journal-" + Guid.NewGuid().ToString("N");

    protected static JournalRecord Record(long sequence, string? key = null, string? payload = null)
    {
        payload ??= $"{{\"entry\":{sequence}}}";
        return new JournalRecord(sequence, key ?? $"key-{sequence}", Hash(payload), payload);
    }

    protected static List<JournalRecord> Records(long firstSequence, int count, string keyPrefix = "key-") =>
        Enumerable.Range(0, count).Select(i => Record(firstSequence + i, $"{keyPrefix}{firstSequence + i}")).ToList();

    private static string Hash(string payload) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payload)));

    protected async Task<List<JournalRecord>> AllRecords(string journalId, long after = 0)
    {
        var list = new List<JournalRecord>();
        await foreach (var r in Store.ReadRecordsAsync(journalId, after))
        {
            list.Add(r);
        }
        return list;
    }

    protected async Task<List<JournalKey>> AllKeys(string journalId)
    {
        var list = new List<JournalKey>();
        await foreach (var k in Store.ReadKeysAsync(journalId))
        {
            list.Add(k);
        }
        return list;
    }

    /// <summary>Asserts the journal is exactly as <paramref name="head"/> and <paramref name="records"/> describe.</summary>
    private async Task AssertUnchanged(string journalId, JournalHead head, IReadOnlyList<JournalRecord> records)
    {
        Assert.Equal(head, await Store.ReadHeadAsync(journalId));
        Assert.Equal(records, await AllRecords(journalId));
        Assert.Equal(records.Select(r => new JournalKey(r.Sequence, r.IdempotencyKey, r.ContentHash)), await AllKeys(journalId));
    }

    [Fact]
    public async Task The_catalog_lists_every_written_journal_once_in_ordinal_order_a_page_at_a_time()
    {
        var catalog = Assert.IsAssignableFrom<IJournalCatalog>(Store);
        // Ids that sort together, after any other test's: "journal-…" < "list-…".
        var prefix = "list-" + Guid.NewGuid().ToString("N")[..8] + "-";
        string[] written = [prefix + "b", prefix + "a.2026", prefix + "c_x", prefix + "a"];
        foreach (var id in written)
        {
            await Store.AppendAsync(id, 0, null, Records(1, 2), null);
        }
        var head = await Store.ReadHeadAsync(written[0]);
        await Store.AppendAsync(written[0], 2, head.ETag, Records(3, 1), null);
        await Store.ReadHeadAsync(prefix + "never-written");

        var seen = new List<string>();
        string? after = prefix;
        while (true)
        {
            var page = await catalog.ListJournalsAsync(after, 2);
            Assert.True(page.Count <= 2);
            seen.AddRange(page.Where(id => id.StartsWith(prefix, StringComparison.Ordinal)));
            if (page.Count < 2 || !page[^1].StartsWith(prefix, StringComparison.Ordinal))
            {
                break;
            }
            after = page[^1];
        }
        Assert.Equal(written.Order(StringComparer.Ordinal), seen);
        Assert.Empty(await catalog.ListJournalsAsync(prefix, 0));
    }

    [Fact]
    public async Task A_journal_never_written_reads_as_empty()
    {
        var id = NewJournalId();
        Assert.Equal(new JournalHead(0, null, null), await Store.ReadHeadAsync(id));
        Assert.Empty(await AllRecords(id));
        Assert.Empty(await AllKeys(id));
        Assert.Null(await Store.ReadRecordAsync(id, 1));
    }

    [Fact]
    public async Task Append_then_read_round_trips()
    {
        var id = NewJournalId();
        var records = Records(1, 3);
        var etag = await Store.AppendAsync(id, 0, null, records, null);

        var head = await Store.ReadHeadAsync(id);
        Assert.Equal(3, head.Version);
        Assert.Equal(etag, head.ETag);
        Assert.Null(head.Snapshot);
        Assert.Equal(records, await AllRecords(id));
        Assert.Equal(records[1], await Store.ReadRecordAsync(id, 2));
        Assert.Null(await Store.ReadRecordAsync(id, 4));
        Assert.Null(await Store.ReadRecordAsync(id, 0));
        Assert.Equal(records.Skip(1), await AllRecords(id, after: 1));
        Assert.Equal(records, await AllRecords(id, after: -5));
        Assert.Empty(await AllRecords(id, after: 3));
    }

    [Fact]
    public async Task Unicode_and_awkward_text_round_trips()
    {
        var id = NewJournalId();
        JournalRecord[] records =
        [
            Record(1, "ключ/№1#?\\~", "{\"назначение\":\"Субсидия\",\"emoji\":\"😀\"}"),
            Record(2, "quotes\"<&>'+`", "\"\\u0000 and \t tabs\""),
            Record(3, "empty-payload", ""),
        ];
        await Store.AppendAsync(id, 0, null, records, null);
        Assert.Equal(records, await AllRecords(id));
        Assert.Equal(records[0], await Store.ReadRecordAsync(id, 1));
    }

    [Fact]
    public async Task Consecutive_appends_extend_the_journal_and_move_the_ETag()
    {
        var id = NewJournalId();
        var first = await Store.AppendAsync(id, 0, null, Records(1, 2), null);
        var second = await Store.AppendAsync(id, 2, first, Records(3, 3), null);
        var third = await Store.AppendAsync(id, 5, second, Records(6, 1), null);

        Assert.Equal(3, new[] { first, second, third }.Distinct().Count());
        var head = await Store.ReadHeadAsync(id);
        Assert.Equal(6, head.Version);
        Assert.Equal(third, head.ETag);
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), (await AllRecords(id)).Select(r => r.Sequence));
    }

    [Fact]
    public async Task A_stale_ETag_is_refused_and_nothing_is_written()
    {
        var id = NewJournalId();
        var stale = await Store.AppendAsync(id, 0, null, Records(1, 2), null);
        var current = await Store.AppendAsync(id, 2, stale, Records(3, 2), null);
        var head = await Store.ReadHeadAsync(id);
        var records = await AllRecords(id);

        // Stale on both counts: version 2 and the ETag of version 2.
        await Assert.ThrowsAsync<JournalConflictException>(() => Store.AppendAsync(id, 2, stale, Records(3, 1, "other-"), null));
        // Current version, stale ETag.
        var e = await Assert.ThrowsAsync<JournalConflictException>(() => Store.AppendAsync(id, 4, stale, Records(5, 1), null));
        Assert.Equal(id, e.JournalId);
        Assert.Equal(4, e.ExpectedVersion);

        await AssertUnchanged(id, head, records);
        Assert.Equal(current, head.ETag);
    }

    [Fact]
    public async Task A_stale_version_with_the_current_ETag_is_refused_and_nothing_is_written()
    {
        var id = NewJournalId();
        var etag = await Store.AppendAsync(id, 0, null, Records(1, 3), null);
        var head = await Store.ReadHeadAsync(id);
        var records = await AllRecords(id);

        await Assert.ThrowsAsync<JournalConflictException>(() => Store.AppendAsync(id, 2, etag, Records(3, 1, "again-"), null));
        await Assert.ThrowsAsync<JournalConflictException>(() => Store.AppendAsync(id, 5, etag, Records(6, 1), null));
        await AssertUnchanged(id, head, records);
    }

    [Fact]
    public async Task The_same_append_sent_again_after_it_committed_is_acknowledged_and_writes_nothing_twice()
    {
        // What the storage client does when the answer to a committed transaction times out: it sends it again.
        var id = NewJournalId();
        var created = await Store.AppendAsync(id, 0, null, Records(1, 2), null);
        Assert.Equal(created, await Store.AppendAsync(id, 0, null, Records(1, 2), null));
        var second = await Store.AppendAsync(id, 2, created, Records(3, 3), null);
        var head = await Store.ReadHeadAsync(id);
        var records = await AllRecords(id);

        Assert.Equal(second, await Store.AppendAsync(id, 2, created, Records(3, 3), null));
        await AssertUnchanged(id, head, records);
        Assert.Equal(5, records.Count);
        // Not the same append: a different record, fewer records, or one that is no longer the last.
        await Assert.ThrowsAsync<JournalConflictException>(() => Store.AppendAsync(id, 2, created, Records(3, 3, "other-"), null));
        await Assert.ThrowsAsync<JournalConflictException>(() => Store.AppendAsync(id, 2, created, Records(3, 2), null));
        var third = await Store.AppendAsync(id, 5, second, Records(6, 1), null);
        await Assert.ThrowsAsync<JournalConflictException>(() => Store.AppendAsync(id, 2, created, Records(3, 3), null));
        Assert.Equal(third, (await Store.ReadHeadAsync(id)).ETag);
    }

    [Fact]
    public async Task Creating_a_journal_that_exists_is_refused()
    {
        var id = NewJournalId();
        await Store.AppendAsync(id, 0, null, Records(1, 1), null);
        var head = await Store.ReadHeadAsync(id);
        var records = await AllRecords(id);

        await Assert.ThrowsAsync<JournalConflictException>(() => Store.AppendAsync(id, 0, null, Records(1, 1, "other-"), null));
        await Assert.ThrowsAsync<JournalConflictException>(() => Store.AppendAsync(id, 1, null, Records(2, 1), null));
        await AssertUnchanged(id, head, records);
    }

    [Fact]
    public async Task Appending_to_a_missing_journal_with_an_ETag_is_refused()
    {
        var other = NewJournalId();
        var foreignETag = await Store.AppendAsync(other, 0, null, Records(1, 1), null);
        var id = NewJournalId();

        await Assert.ThrowsAsync<JournalConflictException>(() => Store.AppendAsync(id, 1, foreignETag, Records(2, 1), null));
        await Assert.ThrowsAsync<JournalConflictException>(() => Store.AppendAsync(id, 0, "not-an-etag", Records(1, 1), null));
        await Assert.ThrowsAsync<JournalConflictException>(() => Store.AppendAsync(id, 3, null, Records(4, 1), null));
        await AssertUnchanged(id, new JournalHead(0, null, null), []);
    }

    [Fact]
    public async Task A_key_from_an_earlier_append_is_not_policed_by_the_store()
    {
        // Keys across appends are the single writer's to police: it holds the full key index, and the header
        // ETag fences every other writer out (see JournalLimits.MaxRecordsPerAppend). Both stores agree.
        var id = NewJournalId();
        var etag = await Store.AppendAsync(id, 0, null, Records(1, 2), null);
        await Store.AppendAsync(id, 2, etag, [Record(3, "key-1")], null);
        Assert.Equal(3, (await AllRecords(id)).Count);
    }

    [Fact]
    public async Task A_key_repeated_within_one_append_is_refused()
    {
        var id = NewJournalId();
        await Assert.ThrowsAsync<JournalLimitException>(() => Store.AppendAsync(id, 0, null, [Record(1, "same"), Record(2, "same")], null));
        await AssertUnchanged(id, new JournalHead(0, null, null), []);
    }

    [Fact]
    public async Task Non_consecutive_sequences_are_refused()
    {
        var id = NewJournalId();
        await Assert.ThrowsAsync<JournalLimitException>(() => Store.AppendAsync(id, 0, null, [Record(2)], null));
        await Assert.ThrowsAsync<JournalLimitException>(() => Store.AppendAsync(id, 0, null, [Record(1), Record(3)], null));
        var etag = await Store.AppendAsync(id, 0, null, [Record(1)], null);
        await Assert.ThrowsAsync<JournalLimitException>(() => Store.AppendAsync(id, 1, etag, [Record(1, "k")], null));
    }

    [Fact]
    public async Task Malformed_appends_are_refused()
    {
        var id = NewJournalId();
        await Assert.ThrowsAsync<JournalLimitException>(() => Store.AppendAsync(id, 0, null, [], null));
        await Assert.ThrowsAsync<JournalLimitException>(() => Store.AppendAsync(id, -1, null, [Record(0)], null));
        await Assert.ThrowsAsync<JournalLimitException>(() => Store.AppendAsync(id, 0, null, [Record(1, "")], null));
        await Assert.ThrowsAsync<JournalLimitException>(() => Store.AppendAsync(id, 0, null, [Record(1, new string('k', JournalLimits.MaxKeyChars + 1))], null));
        await Assert.ThrowsAsync<JournalLimitException>(() => Store.AppendAsync(id, 0, null, [Record(1) with { ContentHash = new string('0', JournalLimits.MaxContentHashChars + 1) }], null));
        await Assert.ThrowsAsync<JournalLimitException>(() => Store.AppendAsync(id, 0, null, [Record(1)], new JournalSnapshotRecord(0, "{}")));
        await Assert.ThrowsAsync<JournalLimitException>(() => Store.AppendAsync("bad/id", 0, null, [Record(1)], null));
        await Assert.ThrowsAsync<JournalLimitException>(() => Store.AppendAsync("", 0, null, [Record(1)], null));
        await AssertUnchanged(id, new JournalHead(0, null, null), []);
    }

    [Fact]
    public async Task Reads_of_an_invalid_journal_id_find_nothing()
    {
        Assert.Equal(new JournalHead(0, null, null), await Store.ReadHeadAsync("bad/id"));
        Assert.Empty(await AllRecords("bad#id"));
        Assert.Empty(await AllKeys("bad?id"));
        Assert.Null(await Store.ReadRecordAsync("bad\\id", 1));
    }

    [Fact]
    public async Task The_most_records_per_append_fit_and_one_more_is_refused()
    {
        var id = NewJournalId();
        await Assert.ThrowsAsync<JournalLimitException>(() => Store.AppendAsync(id, 0, null, Records(1, JournalLimits.MaxRecordsPerAppend + 1), null));
        await AssertUnchanged(id, new JournalHead(0, null, null), []);

        var records = Records(1, JournalLimits.MaxRecordsPerAppend);
        await Store.AppendAsync(id, 0, null, records, new JournalSnapshotRecord(records.Count, "{}"));
        Assert.Equal(records, await AllRecords(id));
    }

    [Fact]
    public async Task Oversize_payloads_and_snapshots_are_refused()
    {
        var id = NewJournalId();
        await Assert.ThrowsAsync<JournalLimitException>(() => Store.AppendAsync(id, 0, null, [Record(1, payload: new string('x', JournalLimits.MaxPayloadChars + 1))], null));
        await Assert.ThrowsAsync<JournalLimitException>(() => Store.AppendAsync(id, 0, null, [], new JournalSnapshotRecord(0, new string('x', JournalLimits.MaxSnapshotChars + 1))));
        await AssertUnchanged(id, new JournalHead(0, null, null), []);
    }

    [Fact]
    public async Task A_snapshot_too_large_once_escaped_is_refused()
    {
        // Within MaxSnapshotChars, but six bytes a char on the wire.
        var id = NewJournalId();
        var e = await Assert.ThrowsAsync<JournalLimitException>(() => Store.AppendAsync(id, 0, null, [], new JournalSnapshotRecord(0, new string('ж', 200_000))));
        Assert.Contains("bytes", e.Message);
        await AssertUnchanged(id, new JournalHead(0, null, null), []);
    }

    [Fact]
    public async Task An_append_too_large_for_one_transaction_is_refused()
    {
        // Each payload is legal, but escaped non-ASCII text makes the whole append too big for one request.
        var id = NewJournalId();
        var records = Enumerable.Range(1, 20).Select(i => Record(i, payload: new string('ж', JournalLimits.MaxPayloadChars))).ToList();
        var e = await Assert.ThrowsAsync<JournalLimitException>(() => Store.AppendAsync(id, 0, null, records, null));
        Assert.Contains("bytes", e.Message);
        await AssertUnchanged(id, new JournalHead(0, null, null), []);
    }

    [Fact]
    public async Task The_largest_legal_append_commits()
    {
        var id = NewJournalId();
        // The most records, the largest snapshot, and records as large as the byte budget of one transaction
        // then allows. Since each record also has a key row (issue 14), 49 records of the largest payload fit the
        // budget; non-ASCII full-size records would not, which the test above covers.
        var perRecord = Math.Min(JournalLimits.MaxPayloadChars, (JournalLimits.MaxAppendBytes - JournalLimits.MaxSnapshotChars) / JournalLimits.MaxRecordsPerAppend - 200);
        var records = Enumerable.Range(1, JournalLimits.MaxRecordsPerAppend)
            .Select(i => Record(i, payload: new string((char)('a' + i % 26), perRecord)))
            .ToList();
        var snapshot = new JournalSnapshotRecord(records.Count, new string('s', JournalLimits.MaxSnapshotChars));
        var lowest = Math.Min(JournalLimits.MaxAppendBytes - 30_000, JournalLimits.MaxRecordsPerAppend * (long)JournalLimits.MaxPayloadChars + JournalLimits.MaxSnapshotChars);
        Assert.InRange(JournalAppendRules.EstimateWireBytes(records, snapshot), lowest, JournalLimits.MaxAppendBytes);
        var etag = await Store.AppendAsync(id, 0, null, records, snapshot);

        var head = await Store.ReadHeadAsync(id);
        Assert.Equal(new JournalHead(records.Count, etag, snapshot), head);
        Assert.Equal(records, await AllRecords(id));
    }

    [Fact]
    public async Task Snapshots_round_trip_replace_each_other_and_survive_appends_without_one()
    {
        var id = NewJournalId();
        // Odd offset so that surrogate pairs straddle the 32,000-char chunk boundaries.
        // Escaped for the wire this is 960,012 bytes, just under MaxSnapshotBytes, and spans five chunks.
        var big = "{" + string.Concat(Enumerable.Repeat("Баланс😀", 20_000)) + "}";
        Assert.InRange(PvoFinance.Storage.JsonWireSize.Of(big), 900_000, JournalLimits.MaxSnapshotBytes);
        var etag = await Store.AppendAsync(id, 0, null, Records(1, 2), new JournalSnapshotRecord(2, big));
        Assert.Equal(new JournalSnapshotRecord(2, big), (await Store.ReadHeadAsync(id)).Snapshot);

        // An append without a snapshot keeps the last one.
        etag = await Store.AppendAsync(id, 2, etag, Records(3, 1), null);
        var head = await Store.ReadHeadAsync(id);
        Assert.Equal(3, head.Version);
        Assert.Equal(new JournalSnapshotRecord(2, big), head.Snapshot);

        // A snapshot-only append moves the ETag but not the version; a shorter snapshot leaves nothing of the longer one.
        var small = new JournalSnapshotRecord(3, "{\"small\":true}");
        var next = await Store.AppendAsync(id, 3, etag, [], small);
        Assert.NotEqual(etag, next);
        Assert.Equal(new JournalHead(3, next, small), await Store.ReadHeadAsync(id));

        var empty = new JournalSnapshotRecord(3, "");
        next = await Store.AppendAsync(id, 3, next, [], empty);
        Assert.Equal(empty, (await Store.ReadHeadAsync(id)).Snapshot);
    }

    [Fact]
    public async Task A_snapshot_can_create_a_journal()
    {
        var id = NewJournalId();
        var snapshot = new JournalSnapshotRecord(0, "{\"opening\":true}");
        var etag = await Store.AppendAsync(id, 0, null, [], snapshot);
        Assert.Equal(new JournalHead(0, etag, snapshot), await Store.ReadHeadAsync(id));
        await Store.AppendAsync(id, 0, etag, Records(1, 1), null);
    }

    [Fact]
    public async Task ReadKeys_returns_the_key_index_in_order()
    {
        var id = NewJournalId();
        var etag = await Store.AppendAsync(id, 0, null, Records(1, 3, "a-"), null);
        await Store.AppendAsync(id, 3, etag, [Record(4, "ключ-4", payload: new string('p', 30_000))], null);

        var keys = await AllKeys(id);
        var records = await AllRecords(id);
        Assert.Equal(records.Select(r => new JournalKey(r.Sequence, r.IdempotencyKey, r.ContentHash)), keys);
        Assert.Equal(["a-1", "a-2", "a-3", "ключ-4"], keys.Select(k => k.IdempotencyKey));
    }

    [Fact]
    public async Task Of_concurrent_appends_at_the_same_version_exactly_one_wins()
    {
        var id = NewJournalId();
        var etag = await Store.AppendAsync(id, 0, null, Records(1, 1), null);

        var attempts = Enumerable.Range(0, 6)
            .Select(w => Attempt(() => Store.AppendAsync(id, 1, etag, [Record(2, $"writer-{w}")], null)))
            .ToArray();
        var outcomes = await Task.WhenAll(attempts);

        var winners = outcomes.Where(o => o.ETag is not null).ToList();
        Assert.Single(winners);
        Assert.All(outcomes.Where(o => o.ETag is null), o => Assert.IsType<JournalConflictException>(o.Error));
        var head = await Store.ReadHeadAsync(id);
        Assert.Equal(2, head.Version);
        Assert.Equal(winners[0].ETag, head.ETag);
        Assert.Equal(2, (await AllRecords(id)).Count);
    }

    [Fact]
    public async Task Of_concurrent_creations_exactly_one_wins()
    {
        var id = NewJournalId();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6)
            .Select(w => Attempt(() => Store.AppendAsync(id, 0, null, [Record(1, $"creator-{w}")], null))));
        Assert.Single(outcomes, o => o.ETag is not null);
        Assert.All(outcomes.Where(o => o.ETag is null), o => Assert.IsType<JournalConflictException>(o.Error));
        Assert.Single(await AllRecords(id));
    }

    private static async Task<(string? ETag, Exception? Error)> Attempt(Func<Task<string>> append)
    {
        try
        {
            return (await append(), null);
        }
        catch (Exception e)
        {
            return (null, e);
        }
    }
}
