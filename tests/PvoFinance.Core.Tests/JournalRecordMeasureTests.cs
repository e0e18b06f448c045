using PvoFinance.Storage;

namespace PvoFinance.Core.Tests;

/// <summary>
/// A record measures itself for the wire once and the writer and the store share the count (issue 15): the count must
/// be the record's own, a copy with other content must measure itself afresh, and the store must still refuse what is
/// too large however the records were measured before.
/// </summary>
public sealed class JournalRecordMeasureTests
{
    private static readonly string Hash = new('a', 64);

    [Theory]
    [InlineData("k-1", "{\"s\":1,\"p\":[{\"a\":\"expense:x\",\"c\":-1}]}")]
    [InlineData("ключ", "Баланс 😀 & <tag> \\ \n")]
    [InlineData("k", "")]
    public void A_record_counts_its_payload_key_and_content_hash(string key, string payload)
    {
        var record = new JournalRecord(1, key, Hash, payload);
        var expected = JsonWireSize.Of(payload) + JsonWireSize.Of(key) + JsonWireSize.Of(Hash);
        Assert.Equal(expected, record.WireBytes);
        Assert.Equal(expected, record.WireBytes);
        Assert.Equal(expected, JournalAppendRules.EstimateWireBytes([record], null));
    }

    [Fact]
    public void A_copy_with_other_content_measures_itself_afresh()
    {
        var record = new JournalRecord(1, "k", Hash, "abc");
        Assert.Equal(3 + 1 + 64, record.WireBytes);
        Assert.Equal(6 * 3 + 1 + 64, (record with { Payload = "жжж" }).WireBytes);
        Assert.Equal(3 + 6 + 64, (record with { IdempotencyKey = "ж" }).WireBytes);
        Assert.Equal(3 + 1 + 2, (record with { ContentHash = "\\" }).WireBytes);
        var snapshot = new JournalSnapshotRecord(1, "abc");
        Assert.Equal(3, snapshot.WireBytes);
        Assert.Equal(12, (snapshot with { Payload = "<>" }).WireBytes);
    }

    [Fact]
    public void Whether_a_record_was_measured_does_not_change_its_equality()
    {
        var measured = new JournalRecord(1, "k", Hash, "{}");
        _ = measured.WireBytes;
        var fresh = new JournalRecord(1, "k", Hash, "{}");
        Assert.Equal(measured, fresh);
        Assert.Equal(measured.GetHashCode(), fresh.GetHashCode());
        Assert.NotEqual(measured, fresh with { Payload = "{ }" });
        Assert.NotEqual(measured, fresh with { Sequence = 2 });
        var snapshot = new JournalSnapshotRecord(1, "{}");
        _ = snapshot.WireBytes;
        Assert.Equal(snapshot, new JournalSnapshotRecord(1, "{}"));
        Assert.Equal(snapshot.GetHashCode(), new JournalSnapshotRecord(1, "{}").GetHashCode());
    }

    [Fact]
    public async Task The_store_refuses_copies_too_large_for_the_wire_after_their_originals_were_measured()
    {
        // 49 ASCII payloads of the largest size fit one append (1.6 MB); the same payloads in Cyrillic take six bytes a
        // char (9.4 MB) and must be refused, though their originals were measured and found small.
        var originals = Enumerable.Range(1, JournalLimits.MaxRecordsPerAppend)
            .Select(i => new JournalRecord(i, $"k-{i}", Hash, new string('a', JournalLimits.MaxPayloadChars)))
            .ToList();
        Assert.InRange(JournalAppendRules.EstimateWireBytes(originals, null), 1, JournalLimits.MaxAppendBytes);
        var copies = originals.Select(r => r with { Payload = new string('ж', JournalLimits.MaxPayloadChars) }).ToList();
        var store = new InMemoryJournalStore();
        var refused = await Assert.ThrowsAsync<JournalLimitException>(() => store.AppendAsync("j-copies", 0, null, copies, null));
        Assert.Contains("bytes", refused.Message);
        await store.AppendAsync("j-originals", 0, null, originals, null);

        var snapshot = new JournalSnapshotRecord(1, new string('s', 200_000));
        Assert.Equal(200_000, snapshot.WireBytes);
        var bigger = snapshot with { Payload = new string('ж', 200_000) };
        refused = await Assert.ThrowsAsync<JournalLimitException>(() => store.AppendAsync("j-snapshot", 0, null, [new JournalRecord(1, "k", Hash, "{}")], bigger));
        Assert.Contains("Snapshot takes", refused.Message);
    }
}
