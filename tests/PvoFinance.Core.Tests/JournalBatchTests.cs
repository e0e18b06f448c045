using PvoFinance.Ledger;
using static PvoFinance.Core.Tests.Accounts;
using static PvoFinance.Core.Tests.Book;

namespace PvoFinance.Core.Tests;

/// <summary>
/// <see cref="Journal.ExecuteAll"/> decides a saga's steps in one journal as one group: all of them, or — when one is
/// refused — none, leaving the journal exactly as it was (balances, reservations, reversal marks, keys, head).
/// </summary>
public class JournalBatchTests
{
    private readonly LedgerHarness _ledger = new();

    private static ReserveEntry Hold(string key, string amount) => new(key, Today, [Dr(Budget, amount), Cr(Commitment, amount)]);

    [Fact]
    public void A_hold_and_its_post_in_one_batch_are_both_applied_in_order()
    {
        _ledger.FundBudget("1000.00");
        var outcome = _ledger.Journal.ExecuteAll([Hold("m", "400.00"), new PostReservation("m:post", Today, "m")], LedgerHarness.Start);

        Assert.True(outcome.Accepted);
        var entries = outcome.Outcomes.Cast<Committed>().Select(c => c.Entry).ToList();
        Assert.Equal([2L, 3L], entries.Select(e => e.Sequence));
        Assert.Equal(entries[0].Hash, entries[1].PreviousHash);
        Assert.Empty(_ledger.Journal.OpenReservations);
        Assert.Equal(M("600.00"), _ledger.Balance(Budget).Available);
    }

    [Fact]
    public void A_refused_entry_leaves_none_of_the_batch_applied()
    {
        _ledger.FundBudget("1000.00");
        _ledger.FundCash("100.00");
        _ledger.Commit(Hold("open", "100.00"));
        _ledger.Commit(new PostEntry("posted", Today, [Dr(Expense, "50.00"), Cr(Cash, "50.00")]));
        var before = _ledger.StateJson;
        var (version, head, keys) = (_ledger.Journal.Version, _ledger.Journal.HeadHash, _ledger.Journal.KeyCount);

        // A new account, a post and a void of an open reservation, a reversal, then one over the ceiling.
        var batch = new LedgerCommand[]
        {
            new PostEntry("new-account", Today, [Dr(Expense2, "10.00"), Cr(Cash, "10.00")]),
            new PostReservation("open:post", Today, "open", M("40.00")),
            new VoidReservation("open:void", Today, "open"),
            new ReverseEntry("posted:undo", Today, "posted"),
            Hold("too-much", "960.01"), // after the post of 40.00 and the void, 960.00 is free
        };
        var referenced = new JournalEntry?[] { null, null, null, _ledger.Entries.Single(e => e.Key == "posted"), null };
        var outcome = _ledger.Journal.ExecuteAll(batch, LedgerHarness.Start, referenced);

        Assert.False(outcome.Accepted);
        Assert.Equal(4, outcome.RefusedIndex);
        Assert.Equal(RejectionCode.LimitExceeded, outcome.Rejection!.Code);
        Assert.Empty(outcome.Outcomes);
        Assert.Equal(before, _ledger.StateJson);
        Assert.Equal((version, head, keys), (_ledger.Journal.Version, _ledger.Journal.HeadHash, _ledger.Journal.KeyCount));
        Assert.Null(_ledger.Journal.SequenceOf("new-account"));
        Assert.Empty(_ledger.Journal.ReversedKeys);
        Assert.Equal(M("100.00"), _ledger.Journal.ReservationOf("open")!.Total);
        // And the journal goes on from where it was: the same first command now commits at the next sequence.
        Assert.Equal(version + 1, _ledger.Commit(batch[0]).Sequence);
    }

    [Fact]
    public void A_replayed_step_in_a_batch_is_a_duplicate_and_the_rest_is_applied()
    {
        _ledger.FundBudget("1000.00");
        var reserve = _ledger.Commit(Hold("m", "400.00"));
        var outcome = _ledger.Journal.ExecuteAll([Hold("m", "400.00"), new PostReservation("m:post", Today, "m")], LedgerHarness.Start);

        Assert.True(outcome.Accepted);
        Assert.Equal(reserve.Sequence, Assert.IsType<Duplicate>(outcome.Outcomes[0]).Sequence);
        Assert.IsType<Committed>(outcome.Outcomes[1]);
    }

    [Fact]
    public void Checking_a_batch_answers_as_executing_it_would_and_records_nothing()
    {
        _ledger.FundBudget("1000.00");
        var before = _ledger.StateJson;
        var version = _ledger.Journal.Version;
        // The post from the commitment made in the same batch is only possible after it: asked alone it is refused.
        var batch = new LedgerCommand[]
        {
            Hold("m", "400.00"),
            new PostReservation("m:post", Today, "m"),
            new PostEntry("pay", Today, [Dr(Commitment, "100.00"), Cr(Payable, "100.00")]),
        };
        Assert.NotNull(_ledger.Journal.Check(batch[2]));
        Assert.True(_ledger.Journal.CheckAll(batch, LedgerHarness.Start).Accepted);
        Assert.Equal(before, _ledger.StateJson);
        Assert.Equal(version, _ledger.Journal.Version);

        var refused = _ledger.Journal.CheckAll([.. batch, Hold("n", "600.01")], LedgerHarness.Start);
        Assert.Equal(3, refused.RefusedIndex);
        Assert.Equal(before, _ledger.StateJson);
    }
}
