using PvoFinance.Ledger;
using static PvoFinance.Core.Tests.Accounts;
using static PvoFinance.Core.Tests.Book;

namespace PvoFinance.Core.Tests;

public class SnapshotTests
{
    private readonly LedgerHarness _year = LedgerHarness.TypicalYear();

    /// <summary>Restores a journal the way the grain does: snapshot JSON, then the key index listed by storage.</summary>
    private static LedgerHarness Restore(LedgerHarness from, string snapshotJson)
    {
        var journal = Journal.FromState(LedgerJson.DeserializeState(snapshotJson));
        foreach (var e in from.Entries.Where(e => e.Sequence <= journal.Version))
        {
            journal.IndexKey(e.Sequence, e.Key, e.ContentHash);
        }
        var restored = new LedgerHarness(journal);
        restored.Entries.AddRange(from.Entries.Where(e => e.Sequence <= journal.Version));
        restored.Clock.Reset(from.Clock.GetCurrentInstant());
        return restored;
    }

    private static string Describe(LedgerOutcome outcome) => outcome switch
    {
        Committed c => $"committed {c.Entry.Sequence} {c.Entry.Hash}",
        Duplicate d => $"duplicate {d.Sequence}",
        Rejected r => $"rejected {r.Rejection.Code} {r.Rejection.Field}",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    [Fact]
    public void A_snapshot_survives_json_unchanged()
    {
        var state = _year.Journal.ToState();
        var json = LedgerJson.Serialize(state);
        var read = LedgerJson.DeserializeState(json);

        Assert.Equal(json, LedgerJson.Serialize(read));
        Assert.Equal(state.Version, read.Version);
        Assert.Equal(state.HeadHash, read.HeadHash);
        Assert.Equal(state.Balances, read.Balances);
        Assert.Equal(state.ReversedKeys, read.ReversedKeys);
        var open = Assert.Single(read.OpenReservations);
        Assert.Equal("decision-42", open.Key);
        Assert.Equal(M("1500.00"), open.Total);
        Assert.Equal(Day(2, 1), open.ValueDate);
        Assert.Equal(json, LedgerJson.Serialize(Journal.FromState(read).ToState()));
    }

    [Fact]
    public void A_restored_journal_answers_every_command_exactly_like_the_original()
    {
        var restored = Restore(_year, LedgerJson.Serialize(_year.Journal.ToState()));
        Assert.Equal(_year.Journal.Version, restored.Journal.Version);
        Assert.Equal(_year.Journal.HeadHash, restored.Journal.HeadHash);
        Assert.Equal(_year.Journal.KeyCount, restored.Journal.KeyCount);

        LedgerCommand[] continuation =
        [
            new PostReservation("tranche-42-1", Day(3, 1), "decision-42", M("1000.00"), "first tranche"), // retry: duplicate
            new PostReservation("tranche-42-1", Day(3, 1), "decision-42", M("999.00"), "first tranche"),  // conflict
            new VoidReservation("void-43-again", Day(7, 1), "decision-43"),                                // closed
            new ReverseEntry("undo-rent-again", Day(7, 1), "rent-apr"),                                    // already reversed
            new ReserveEntry("decision-44", Day(7, 1), [Dr(Budget, "9000.00"), Cr(Commitment2, "9000.00")]), // over the ceiling
            new ReserveEntry("decision-45", Day(7, 1), [Dr(Budget, "5000.00"), Cr(Commitment2, "5000.00")]),
            new PostReservation("tranche-42-3", Day(7, 2), "decision-42"),                                 // the rest
            new ReverseEntry("undo-tranche-42-1", Day(7, 3), "tranche-42-1"),
            new PostReservation("tranche-45-1", Day(7, 4), "decision-45", M("0.03")),
            new PostEntry("pay-43", Day(7, 5), [Dr(Commitment2, "0.03"), Cr(Cash, "0.03")]),
            new PostEntry("pay-42-1", Day(3, 2), [Dr(Commitment, "1000.00"), Cr(Cash, "1000.00")], "payment | tranche 1"), // retry
        ];
        foreach (var command in continuation)
        {
            Assert.Equal(Describe(_year.Execute(command)), Describe(restored.Execute(command)));
        }
        Assert.Equal(_year.StateJson, restored.StateJson);
        Assert.True(ChainVerifier.Verify(restored.Entries).Intact);
    }

    [Fact]
    public void A_snapshot_plus_the_later_entries_rebuilds_the_current_state()
    {
        for (var at = 0; at <= _year.Entries.Count; at++)
        {
            var replay = new Journal();
            foreach (var e in _year.Entries.Take(at))
            {
                replay.Apply(e);
            }
            var restored = Journal.FromState(LedgerJson.DeserializeState(LedgerJson.Serialize(replay.ToState())));
            foreach (var e in _year.Entries.Skip(at))
            {
                restored.Apply(LedgerJson.DeserializeEntry(LedgerJson.Serialize(e)));
            }
            Assert.Equal(_year.StateJson, LedgerJson.Serialize(restored.ToState()));
        }
    }

    [Fact]
    public void Apply_refuses_an_entry_that_does_not_continue_the_chain()
    {
        var journal = new Journal();
        journal.Apply(_year.Entries[0]);
        var before = LedgerJson.Serialize(journal.ToState());

        Assert.Throws<InvalidOperationException>(() => journal.Apply(_year.Entries[2])); // gap
        Assert.Throws<InvalidOperationException>(() => journal.Apply(_year.Entries[0])); // repeat
        Assert.Throws<InvalidOperationException>(() => journal.Apply(_year.Entries[1] with { PreviousHash = EntryHasher.GenesisHash }));
        var unbalanced = _year.Entries[1] with { Postings = [Dr(Cash, "8000.00"), Cr(Income, "7999.99")] };
        Assert.Throws<InvalidOperationException>(() => journal.Apply(unbalanced));

        Assert.Equal(before, LedgerJson.Serialize(journal.ToState()));
        journal.Apply(_year.Entries[1]);
        Assert.Equal(2, journal.Version);
    }

    [Fact]
    public void The_key_index_only_accepts_entries_the_snapshot_covers()
    {
        var journal = Journal.FromState(_year.Journal.ToState());
        Assert.Throws<InvalidOperationException>(() => journal.IndexKey(0, "k", new string('0', 64)));
        Assert.Throws<InvalidOperationException>(() => journal.IndexKey(journal.Version + 1, "k", new string('0', 64)));
        journal.IndexKey(journal.Version, "k", new string('0', 64));
        Assert.Equal(journal.Version, journal.SequenceOf("k"));
    }

    [Fact]
    public void An_empty_journal_round_trips()
    {
        var json = LedgerJson.Serialize(new Journal().ToState());
        var restored = Journal.FromState(LedgerJson.DeserializeState(json));
        Assert.Equal(0, restored.Version);
        Assert.Equal(EntryHasher.GenesisHash, restored.HeadHash);
        Assert.Empty(restored.Balances);
        Assert.Equal(json, LedgerJson.Serialize(restored.ToState()));
    }

    [Fact]
    public void Balances_open_reservations_and_reversals_are_all_in_the_snapshot()
    {
        var state = _year.Journal.ToState();
        Assert.Equal(11, state.Version);
        Assert.Equal(["rent-apr"], state.ReversedKeys);
        Assert.Equal(
            _year.Journal.Balances.OrderBy(b => b.Account.Value, StringComparer.Ordinal),
            state.Balances);
        Assert.Equal(new AccountBalance(Budget, 150_000, 1_000_000, 150_000, 0), state.Balances.Single(b => b.Account == Budget));
    }
}
