using PvoFinance.Ledger;
using static PvoFinance.Core.Tests.Accounts;
using static PvoFinance.Core.Tests.Book;

namespace PvoFinance.Core.Tests;

/// <summary>
/// <see cref="Journal.ExecuteChains"/>: a batch where each command stands alone unless linked to the next. A linked chain
/// is never partly applied, the refused command names its reason and its chain mates point at it (<see cref="ChainRefused"/>),
/// and a retried batch — whole, or after only some of its appends landed — gives the same outcomes.
/// </summary>
public class JournalChainsTests
{
    private static LedgerHarness Funded()
    {
        var h = new LedgerHarness();
        h.FundBudget("1000.00");
        h.FundCash("100.00");
        return h;
    }

    private static ReserveEntry Hold(string key, string amount) => new(key, Today, [Dr(Budget, amount), Cr(Commitment, amount)]);

    private static PostEntry Spend(string key, string amount) => new(key, Today, [Dr(Expense, amount), Cr(Cash, amount)]);

    [Fact]
    public void Independent_entries_stand_alone_and_a_refused_chain_is_voided_whole()
    {
        var h = Funded();
        var before = h.Journal.Version;
        var batch = new LedgerCommand[]
        {
            Spend("a", "10.00"),                               // alone: commits
            Hold("b", "400.00"),                               // chain b..c: the post of b is fine, c is over the cash limit
            new PostReservation("b:post", Today, "b"),
            Spend("c", "95.00"),
            Spend("d", "20.00"),                               // alone: commits (c's 95.00 was taken back)
        };
        var outcomes = h.Journal.ExecuteChains(batch, [false, true, true, false, false], LedgerHarness.Start);

        Assert.IsType<Committed>(outcomes[0]);
        Assert.Equal((3, RejectionCode.LimitExceeded), (Assert.IsType<ChainRefused>(outcomes[1]).AtFault, ((ChainRefused)outcomes[1]).Rejection.Code));
        Assert.Equal(3, Assert.IsType<ChainRefused>(outcomes[2]).AtFault);
        Assert.Equal(RejectionCode.LimitExceeded, Assert.IsType<Rejected>(outcomes[3]).Rejection.Code);
        var d = Assert.IsType<Committed>(outcomes[4]).Entry;
        Assert.Equal(before + 2, d.Sequence);
        Assert.Null(h.Journal.SequenceOf("b"));
        Assert.Empty(h.Journal.OpenReservations);
        Assert.Equal(M("1000.00"), h.Balance(Budget).Available);
        Assert.Equal(M("70.00"), h.Balance(Cash).Available);
    }

    [Fact]
    public void A_chain_left_open_or_too_long_is_refused_whole_and_the_rest_stands()
    {
        var h = Funded();
        var open = h.Journal.ExecuteChains([Spend("x", "1.00"), Spend("y", "1.00"), Spend("z", "1.00")], [false, false, true], LedgerHarness.Start);
        Assert.IsType<Committed>(open[0]);
        Assert.IsType<Committed>(open[1]);
        Assert.Equal(("linkedToNext", RejectionCode.Invalid), (Assert.IsType<Rejected>(open[2]).Rejection.Field, ((Rejected)open[2]).Rejection.Code));

        var n = LedgerBatchLimits.MaxLinkedCommands + 1;
        var tooLong = h.Journal.ExecuteChains([.. Enumerable.Range(0, n).Select(i => Spend($"long-{i}", "0.01"))], [.. Enumerable.Range(0, n).Select(i => i < n - 1)], LedgerHarness.Start);
        Assert.All(tooLong, o => Assert.Equal(RejectionCode.Invalid, Assert.IsType<Rejected>(o).Rejection.Code));
        Assert.Null(h.Journal.SequenceOf("long-0"));
    }

    // Issue 15: a reversal sees the entries made before it in its batch (as TigerBeetle's linked events see the earlier
    // events of their batch); it used to throw, since the caller can only load entries that were there before the batch.
    [Fact]
    public void A_reversal_of_an_entry_made_earlier_in_the_same_batch_is_decided_against_it()
    {
        var h = Funded();
        var batch = new LedgerCommand[]
        {
            Spend("p", "10.00"),                               // chain p, undo-p: posted and reversed in one append
            new ReverseEntry("undo-p", Today, "p"),
            Spend("q", "5.00"),                                // alone
            new ReverseEntry("undo-q", Today, "q"),            // alone, reverses q of the same batch
            Spend("r", "7.00"),                                // chain r, undo-r, too-much: refused whole
            new ReverseEntry("undo-r", Today, "r"),
            Spend("too-much", "101.00"),
            new ReverseEntry("undo-r-again", Today, "r"),      // r was taken out with its chain: not found
            Hold("h", "1.00"),                                 // a reservation cannot be reversed, in a batch or not
            new ReverseEntry("undo-h", Today, "h"),
        };
        var links = new[] { true, false, false, false, true, true, false, false, false, false };

        var outcomes = h.Journal.ExecuteChains(batch, links, LedgerHarness.Start);

        var p = Assert.IsType<Committed>(outcomes[0]).Entry;
        var undoP = Assert.IsType<Committed>(outcomes[1]).Entry;
        Assert.Equal(("p", EntryKind.Reversal), (undoP.Reference, undoP.Kind));
        Assert.Equal(p.Postings.Select(x => -x.Amount.Cents), undoP.Postings.Select(x => x.Amount.Cents));
        Assert.Equal("q", Assert.IsType<Committed>(outcomes[3]).Entry.Reference);
        Assert.Equal(RejectionCode.LimitExceeded, Assert.IsType<Rejected>(outcomes[6]).Rejection.Code);
        Assert.Equal(6, Assert.IsType<ChainRefused>(outcomes[4]).AtFault);
        Assert.Equal(6, Assert.IsType<ChainRefused>(outcomes[5]).AtFault);
        Assert.Equal(RejectionCode.NotFound, Assert.IsType<Rejected>(outcomes[7]).Rejection.Code);
        Assert.IsType<Committed>(outcomes[8]);
        Assert.Equal(RejectionCode.NotReversible, Assert.IsType<Rejected>(outcomes[9]).Rejection.Code);
        // Cash is where it was: p and q reversed, r never applied; p and q are marked reversed, r is not.
        Assert.Equal(M("100.00"), h.Balance(Cash).Available);
        Assert.Equal(["p", "q"], h.Journal.ReversedKeys.Order(StringComparer.Ordinal));
        Assert.Null(h.Journal.SequenceOf("r"));

        // A retry of the whole batch gives the same outcomes (the reversals replay, their targets are stored entries now).
        var stored = outcomes.OfType<Committed>().ToDictionary(c => c.Entry.Key, c => c.Entry);
        var again = h.Journal.ExecuteChains(batch, links, LedgerHarness.Start, [.. batch.Select(c => c is ReverseEntry r ? stored.GetValueOrDefault(r.EntryKey) : null)]);
        AssertSame(outcomes, again, "retry");

        // Through ExecuteAll (the sagas' all-or-none batch) too: post and reverse in one group, and a group that fails
        // after its reversal takes both out again.
        Assert.True(h.Journal.ExecuteAll([Spend("s", "3.00"), new ReverseEntry("undo-s", Today, "s")], LedgerHarness.Start).Accepted);
        var refused = h.Journal.ExecuteAll([Spend("t", "3.00"), new ReverseEntry("undo-t", Today, "t"), Spend("u", "200.00")], LedgerHarness.Start);
        Assert.Equal(2, refused.RefusedIndex);
        Assert.Null(h.Journal.SequenceOf("t"));
        Assert.DoesNotContain("t", h.Journal.ReversedKeys);
        Assert.Equal(M("100.00"), h.Balance(Cash).Available);
    }

    // Seeded random batches of holds, posts of holds (in the batch, earlier or unknown), voids and spends, randomly linked,
    // against a small ceiling and a small cash account so that refusals are common.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_chain_is_never_partly_applied_and_retries_give_the_same_outcomes(int seed)
    {
        var rnd = new Random(seed);
        for (var run = 0; run < 150; run++)
        {
            var (batch, links) = RandomBatch(rnd, run);
            var h = Funded();
            var outcomes = h.Journal.ExecuteChains(batch, links, LedgerHarness.Start);
            var chains = Journal.ChainsOf(links);

            // Each chain whole or not at all; what the journal holds is exactly the committed entries, in order.
            foreach (var (start, length) in chains)
            {
                var ok = Enumerable.Range(start, length).Count(i => Made(outcomes[i]));
                Assert.True(ok == 0 || ok == length, $"seed {seed} run {run}: chain at {start} partly applied");
                if (ok == 0)
                {
                    var atFault = Assert.Single(Enumerable.Range(start, length), i => outcomes[i] is Rejected);
                    Assert.All(Enumerable.Range(start, length).Where(i => i != atFault), i => Assert.Equal(atFault, Assert.IsType<ChainRefused>(outcomes[i]).AtFault));
                }
            }
            var committed = outcomes.OfType<Committed>().Select(c => c.Entry).ToList();
            var reference = Funded();
            committed.ForEach(reference.Journal.Apply);
            Assert.Equal(reference.StateJson, h.StateJson);

            // A retried batch: made entries replay with their sequence, refusals stay refusals, nothing changes.
            var state = h.StateJson;
            AssertSame(outcomes, h.Journal.ExecuteChains(batch, links, LedgerHarness.Start + NodaTime.Duration.FromSeconds(1)), $"seed {seed} run {run}");
            Assert.Equal(state, h.StateJson);

            // The first try's appends landed only up to some chain (the rest failed): the retry never applies a chain the
            // first try refused before a landed one, and the journal still holds whole chains only.
            var cut = rnd.Next(chains.Count + 1);
            var landed = Funded();
            var lastCommitted = -1;
            for (var c = 0; c < cut; c++)
            {
                for (var i = chains[c].Start; i < chains[c].Start + chains[c].Length; i++)
                {
                    if (outcomes[i] is Committed made)
                    {
                        landed.Journal.Apply(made.Entry);
                        lastCommitted = c;
                    }
                }
            }
            var retried = landed.Journal.ExecuteChains(batch, links, LedgerHarness.Start + NodaTime.Duration.FromSeconds(2));
            for (var c = 0; c < chains.Count; c++)
            {
                var (start, length) = chains[c];
                var ok = Enumerable.Range(start, length).Count(i => Made(retried[i]));
                Assert.True(ok == 0 || ok == length, $"seed {seed} run {run}: retried chain at {start} partly applied");
                if (c <= lastCommitted)
                {
                    // Decided by the first try: the same outcome.
                    for (var i = start; i < start + length; i++)
                    {
                        Assert.Equal(Made(outcomes[i]), Made(retried[i]));
                        if (outcomes[i] is Committed made)
                        {
                            Assert.Equal(made.Entry.Sequence, Assert.IsType<Duplicate>(retried[i]).Sequence);
                        }
                    }
                }
            }
        }
    }

    private static void AssertSame(IReadOnlyList<LedgerOutcome> first, IReadOnlyList<LedgerOutcome> again, string where)
    {
        for (var i = 0; i < first.Count; i++)
        {
            switch (first[i])
            {
                case Committed c:
                    Assert.Equal(c.Entry.Sequence, Assert.IsType<Duplicate>(again[i]).Sequence);
                    break;
                case Duplicate d:
                    Assert.Equal(d.Sequence, Assert.IsType<Duplicate>(again[i]).Sequence);
                    break;
                default:
                    Assert.False(Made(again[i]), $"{where}: request {i} was refused ({first[i]}) and is now {again[i]}");
                    break;
            }
        }
    }

    private static bool Made(LedgerOutcome outcome) => outcome is Committed or Duplicate;

    private static (LedgerCommand[] Batch, bool[] Links) RandomBatch(Random rnd, int run)
    {
        var n = 1 + rnd.Next(24);
        var batch = new LedgerCommand[n];
        var holds = new List<string>();
        for (var i = 0; i < n; i++)
        {
            var key = $"r{run}-{i}";
            var amount = Money.FromCents(1 + rnd.Next(40_000)).ToString();
            batch[i] = rnd.Next(5) switch
            {
                0 => Hold(key, amount),
                1 when holds.Count > 0 => new PostReservation(key, Today, holds[rnd.Next(holds.Count)], rnd.Next(2) == 0 ? null : Money.FromCents(1 + rnd.Next(20_000))),
                2 when holds.Count > 0 => new VoidReservation(key, Today, holds[rnd.Next(holds.Count)]),
                3 => new PostReservation(key, Today, "no-such-hold"),
                _ => Spend(key, Money.FromCents(1 + rnd.Next(3_000)).ToString()),
            };
            if (batch[i] is ReserveEntry)
            {
                holds.Add(key);
            }
        }
        var links = Enumerable.Range(0, n).Select(i => i < n - 1 && rnd.Next(3) == 0).ToArray();
        return (batch, links);
    }
}
