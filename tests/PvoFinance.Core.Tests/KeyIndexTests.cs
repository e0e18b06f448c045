using PvoFinance.Ledger;
using static PvoFinance.Core.Tests.Accounts;
using static PvoFinance.Core.Tests.Book;

namespace PvoFinance.Core.Tests;

/// <summary>
/// The bounded idempotency index (issue 14): at most <see cref="KeyIndex.MaxIndexedKeys"/> keys in memory, a fixed-size
/// filter of all of them in the snapshot, and a key the journal cannot answer from memory is "look it up", never "new".
/// </summary>
public class KeyIndexTests
{
    private static readonly int Beyond = KeyIndex.MaxIndexedKeys + 300;

    private static PostEntry Pay(int i, string amount = "1.00") => new($"pay-{i}", Today, [Dr(Expense, amount), Cr(Cash, amount)]);

    private static LedgerHarness Filled(int entries)
    {
        var h = new LedgerHarness();
        h.FundCash("1000000.00");
        for (var i = 1; i < entries; i++)
        {
            h.Commit(Pay(i));
        }
        return h;
    }

    [Fact]
    public void The_filter_never_forgets_a_key_and_rarely_claims_one_it_never_saw()
    {
        var filter = new KeyFilter();
        for (var i = 0; i < 10_000; i++)
        {
            filter.Add($"key-{i}");
        }
        var copy = KeyFilter.FromBase64(filter.ToBase64());
        Assert.All(Enumerable.Range(0, 10_000), i => Assert.True(copy.MayContain($"key-{i}")));
        var falsePositives = Enumerable.Range(0, 10_000).Count(i => copy.MayContain($"other-{i}"));
        Assert.True(falsePositives <= 5, $"{falsePositives} of 10,000 unseen keys were 'maybe'");
        Assert.Equal(87_384, filter.ToBase64().Length);
        Assert.Throws<FormatException>(() => KeyFilter.FromBase64(Convert.ToBase64String(new byte[16])));
    }

    [Fact]
    public void Memory_holds_at_most_the_limit_and_an_evicted_key_must_be_looked_up()
    {
        var h = Filled(Beyond);
        Assert.Equal(KeyIndex.MaxIndexedKeys, h.Journal.KeyCount);
        Assert.True(h.Journal.KeyFloor >= Beyond - KeyIndex.MaxIndexedKeys);

        // pay-1 is no longer in memory: the journal will not call it new, nor decide without a look-up.
        var retry = Pay(1);
        Assert.Null(h.Journal.SequenceOf("pay-1"));
        Assert.Equal(["pay-1"], h.Journal.KeysToLookUp(retry));
        Assert.Throws<InvalidOperationException>(() => h.Journal.Execute(retry, h.Clock.GetCurrentInstant()));
        Assert.Throws<InvalidOperationException>(() => h.Journal.Check(retry));

        // Found in storage: the replay answers the original entry, and other content is a conflict.
        var original = h.Entries[1];
        h.Journal.IndexKey(original.Sequence, original.Key, original.ContentHash);
        Assert.Equal(new Duplicate(2), h.Execute(retry));
        h.Reject(Pay(1, "2.00"), RejectionCode.IdempotencyConflict, "key");
        Assert.Equal(KeyIndex.MaxIndexedKeys, h.Journal.KeyCount);
    }

    [Fact]
    public void A_new_key_is_decided_without_storage_unless_the_filter_says_maybe()
    {
        var h = Filled(Beyond);
        var fresh = Enumerable.Range(0, 200).Select(i => Pay(100_000 + i)).ToList();
        var needLookUp = fresh.Count(c => h.Journal.KeysToLookUp(c).Count > 0);
        Assert.True(needLookUp <= 1, $"{needLookUp} of 200 new keys needed a look-up");
        foreach (var c in fresh.Where(c => h.Journal.KeysToLookUp(c).Count == 0))
        {
            h.Commit(c);
        }
    }

    [Fact]
    public void Storage_saying_absent_holds_only_while_every_later_entry_is_in_memory()
    {
        var h = Filled(Beyond);
        // A key the filter cannot rule out; force one by adding it to a copy's filter through a restored snapshot.
        var restored = new LedgerHarness(Journal.FromState(h.Journal.ToState()));
        restored.Clock.Reset(h.Clock.GetCurrentInstant());
        var old = Pay(5);
        Assert.Equal(["pay-5"], restored.Journal.KeysToLookUp(old));

        // Read when the journal was durable up to a version below the floor: stale, look up again.
        restored.Journal.ConfirmAbsent("pay-5", restored.Journal.KeyFloor - 1);
        Assert.Equal(["pay-5"], restored.Journal.KeysToLookUp(old));

        // The truth from storage: found.
        var e = h.Entries.Single(x => x.Key == "pay-5");
        restored.Journal.IndexKey(e.Sequence, e.Key, e.ContentHash);
        Assert.Equal(new Duplicate(6), restored.Execute(old));

        // A key storage does not have, read at the current version: new, and then remembered as used.
        var unseen = new PostEntry("never-used", Today, [Dr(Expense, "1.00"), Cr(Cash, "1.00")]);
        foreach (var key in restored.Journal.KeysToLookUp(unseen))
        {
            restored.Journal.ConfirmAbsent(key, restored.Journal.Version);
        }
        restored.Commit(unseen);
        Assert.Equal(new Duplicate(restored.Journal.Version), restored.Execute(unseen));
    }

    [Fact]
    public void A_restored_journal_needs_no_key_for_new_commands_and_finds_every_old_one_by_look_up()
    {
        var h = Filled(600);
        var restored = new LedgerHarness(Journal.FromState(LedgerJson.DeserializeState(LedgerJson.Serialize(h.Journal.ToState()))));
        restored.Clock.Reset(h.Clock.GetCurrentInstant());
        Assert.Equal(0, restored.Journal.KeyCount);
        Assert.True(restored.Journal.HasKeyFilter);
        Assert.Empty(restored.Journal.KeysToLookUp(Pay(9_999)));
        foreach (var e in h.Entries)
        {
            var again = e.Sequence == 1 ? new PostEntry("fund-cash", Today, [Dr(Cash, "1000000.00"), Cr(Income, "1000000.00")], "levy received") : Pay((int)e.Sequence - 1);
            Assert.Equal([e.Key], restored.Journal.KeysToLookUp(again));
            restored.Journal.IndexKey(e.Sequence, e.Key, e.ContentHash);
            Assert.Equal(new Duplicate(e.Sequence), restored.Execute(again));
        }
    }

    [Fact]
    public void A_snapshot_of_the_older_format_treats_every_older_key_as_unknown_until_its_keys_are_read()
    {
        var h = Filled(300);
        var state = h.Journal.ToState() with { KeyFilter = null };
        var legacy = Journal.FromState(LedgerJson.DeserializeState(LedgerJson.Serialize(state)));
        Assert.False(legacy.HasKeyFilter);
        Assert.Equal(["never-used"], legacy.KeysToLookUp(new PostEntry("never-used", Today, [Dr(Expense, "1.00"), Cr(Cash, "1.00")])));

        legacy.RebuildKeyFilter(h.Entries.Select(e => (e.Sequence, e.Key, e.ContentHash)));
        Assert.True(legacy.HasKeyFilter);
        Assert.Empty(legacy.KeysToLookUp(new PostEntry("never-used", Today, [Dr(Expense, "1.00"), Cr(Cash, "1.00")])));
        Assert.Equal(3, legacy.SequenceOf("pay-2"));
        Assert.Throws<InvalidOperationException>(() => legacy.RebuildKeyFilter([(legacy.Version + 1, "k", new string('0', 64))]));
    }

    [Fact]
    public void Reservation_and_reversal_keys_the_journal_no_longer_holds_are_looked_up_too()
    {
        var h = new LedgerHarness();
        h.FundBudget("100000.00");
        h.ReserveGrant("decision-1", "10.00");
        h.Commit(new VoidReservation("void-1", Today, "decision-1"));
        h.FundCash("1000000.00");
        var rent = h.Commit(new PostEntry("rent", Today, [Dr(Expense3, "5.00"), Cr(Cash, "5.00")]));
        for (var i = 0; i < Beyond; i++)
        {
            h.Commit(Pay(i));
        }
        var post = new PostReservation("post-again", Today, "decision-1");
        var lookUps = h.Journal.KeysToLookUp(post);
        Assert.Contains("decision-1", lookUps);
        foreach (var key in lookUps)
        {
            var e = h.Entries.FirstOrDefault(x => x.Key == key);
            if (e is null)
            {
                h.Journal.ConfirmAbsent(key, h.Journal.Version);
            }
            else
            {
                h.Journal.IndexKey(e.Sequence, e.Key, e.ContentHash);
            }
        }
        h.Reject(post, RejectionCode.ReservationClosed, "reservationKey");

        var undo = new ReverseEntry("undo-rent", Today, "rent");
        Assert.Contains("rent", h.Journal.KeysToLookUp(undo));
        h.Journal.IndexKey(rent.Sequence, rent.Key, rent.ContentHash);
        foreach (var key in h.Journal.KeysToLookUp(undo))
        {
            h.Journal.ConfirmAbsent(key, h.Journal.Version);
        }
        Assert.IsType<Committed>(h.Execute(undo));
    }
}
