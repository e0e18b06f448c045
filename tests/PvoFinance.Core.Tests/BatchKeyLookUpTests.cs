using PvoFinance.Ledger;
using static PvoFinance.Core.Tests.Accounts;
using static PvoFinance.Core.Tests.Book;

namespace PvoFinance.Core.Tests;

/// <summary>
/// Issue 15: a batch whose keys were all looked up first is decided without storage. Its own entries neither turn
/// another key of the same batch into a "maybe" of the key filter nor push older keys out of memory while it is decided
/// (before the fix, both made the decision throw in its middle, after some of the batch was applied; the grain's next
/// append was then refused and the journal reloaded).
/// </summary>
public class BatchKeyLookUpTests
{
    private const int BatchSize = LedgerBatchLimits.MaxCommands;

    private static PostEntry Pay(string key) => new(key, Today, [Dr(Expense, "0.01"), Cr(Cash, "0.01")]);

    // A journal restored from a snapshot whose key filter is dense (150,000 keys: about a quarter of new keys are "maybe").
    private static LedgerHarness Dense(out KeyFilter filter)
    {
        var h = new LedgerHarness();
        h.FundCash("1000000.00");
        var state = h.Journal.ToState();
        filter = KeyFilter.FromBase64(state.KeyFilter!);
        for (var i = 0; i < 150_000; i++)
        {
            filter.Add($"dense-{i}");
        }
        var restored = new LedgerHarness(Journal.FromState(state with { KeyFilter = filter.ToBase64() }));
        restored.Clock.Reset(h.Clock.GetCurrentInstant());
        return restored;
    }

    // Every bit set: every key the journal does not hold in memory is "maybe".
    private static LedgerHarness Saturated()
    {
        var h = new LedgerHarness();
        h.FundCash("1000000.00");
        var state = h.Journal.ToState() with { KeyFilter = Convert.ToBase64String(Enumerable.Repeat((byte)0xFF, KeyFilter.Bits / 8).ToArray()) };
        var restored = new LedgerHarness(Journal.FromState(state));
        restored.Clock.Reset(h.Clock.GetCurrentInstant());
        return restored;
    }

    // What the grain does first: every key the batch needs is looked up; none is in storage.
    private static void LookUp(Journal journal, IEnumerable<LedgerCommand> batch, long durable)
    {
        foreach (var key in batch.SelectMany(journal.KeysToLookUp).Distinct())
        {
            journal.ConfirmAbsent(key, durable);
        }
        Assert.All(batch, c => Assert.Empty(journal.KeysToLookUp(c)));
    }

    [Fact]
    public void A_key_of_the_batch_that_the_batch_itself_turns_into_a_maybe_needs_no_look_up_in_the_middle()
    {
        var h = Dense(out var filter);
        // The first seeded batch in which a key the filter rules out before the batch is "maybe" once the earlier keys
        // of the batch are in the filter (the case that failed calls in ./bench.sh ledger).
        LedgerCommand[]? batch = null;
        for (var seed = 0; seed < 200 && batch is null; seed++)
        {
            var keys = Enumerable.Range(0, BatchSize).Select(k => $"batch-{seed}-{k}").ToList();
            var grown = KeyFilter.FromBase64(filter.ToBase64());
            var flips = false;
            foreach (var key in keys)
            {
                flips |= !filter.MayContain(key) && grown.MayContain(key);
                grown.Add(key);
            }
            batch = flips ? [.. keys.Select(Pay)] : null;
        }
        Assert.NotNull(batch);
        LookUp(h.Journal, batch, h.Journal.Version);

        var outcomes = h.Journal.ExecuteChains(batch, new bool[batch.Length], LedgerHarness.Start);

        Assert.All(outcomes, o => Assert.IsType<Committed>(o));
        Assert.Equal(1 + BatchSize, h.Journal.Version);
        // After the batch its keys are in the filter and in memory: a retry replays without storage.
        Assert.All(batch, c => Assert.Empty(h.Journal.KeysToLookUp(c)));
        Assert.All(h.Journal.ExecuteChains(batch, new bool[batch.Length], LedgerHarness.Start), o => Assert.IsType<Duplicate>(o));
    }

    [Fact]
    public void Entries_of_the_batch_do_not_push_older_keys_out_of_memory_while_it_is_decided()
    {
        var h = Dense(out _);
        // Fill memory (the keys of the latest KeyIndex.MaxIndexedKeys entries) so that every new entry evicts one.
        for (var fill = 0; fill < KeyIndex.MaxIndexedKeys + 10; fill++)
        {
            var c = Pay($"fill-{fill}");
            LookUp(h.Journal, [c], h.Journal.Version);
            h.Commit(c);
        }
        Assert.Equal(KeyIndex.MaxIndexedKeys, h.Journal.KeyCount);
        Assert.True(h.Journal.KeyFloor > 1);
        // Storage answered "absent" when everything up to the floor was durable: valid now, and it must stay valid for
        // the whole decision although each entry of the batch would evict one older key.
        var batch = Enumerable.Range(0, BatchSize).Select(k => (LedgerCommand)Pay($"late-{k}")).ToList();
        Assert.Contains(batch, c => h.Journal.KeysToLookUp(c).Count > 0);
        LookUp(h.Journal, batch, h.Journal.KeyFloor);

        var outcomes = h.Journal.ExecuteAll(batch, LedgerHarness.Start);

        Assert.True(outcomes.Accepted);
        Assert.All(outcomes.Outcomes, o => Assert.IsType<Committed>(o));
        // Afterwards memory is trimmed to its bound again.
        Assert.Equal(KeyIndex.MaxIndexedKeys, h.Journal.KeyCount);
    }

    [Fact]
    public void A_batch_answered_absent_for_all_its_keys_holds_every_answer_at_once()
    {
        var h = Saturated();
        // Two keys per command (its own and the reservation it posts, which is in no journal), every one "maybe" once
        // memory is empty: twice the answers the index held before (256), all needed at the same time. With fewer, the
        // batch's last answers pushed its first ones out and the grain looked them up again, for ever.
        var batch = Enumerable.Range(0, BatchSize).Select(k => (LedgerCommand)new PostReservation($"post-{k}", Today, $"elsewhere-{k}")).ToList();
        Assert.Equal(2 * BatchSize, batch.SelectMany(h.Journal.KeysToLookUp).Distinct().Count());
        LookUp(h.Journal, batch, h.Journal.Version);

        Assert.All(h.Journal.ExecuteChains(batch, new bool[batch.Count], LedgerHarness.Start), o => Assert.Equal(RejectionCode.NotFound, Assert.IsType<Rejected>(o).Rejection.Code));
    }
}
