using NodaTime;
using PvoFinance.Ledger;

namespace PvoFinance.Core.Tests;

/// <summary>
/// The saga description (<see cref="SagaPlan"/>): which command goes to which journal under which key, and how a late
/// refusal is undone — one key scheme for transfers, commitments and application bookings (<see cref="SagaKeys"/>).
/// </summary>
public class SagaPlanTests
{
    private static readonly LocalDate Date = new(2026, 3, 1);
    private static readonly AccountId Budget = AccountId.Parse("budget:fund:2026");
    private static readonly AccountId Commitment = AccountId.Parse("commitment:fund:2026:limburg");
    private static readonly AccountId Payable = AccountId.Parse("payable:fund:2026:limburg");
    private static readonly AccountId RegionFunds = AccountId.Parse("region:limburg:fund");

    private static SagaMovement Hold(string id, string journal = "source.fund.2026") =>
        new(id, SagaMovementKind.Hold, journal, Budget, null, Commitment, new Money(100_00), Date, "grant");

    private static SagaMovement Transfer(string id) =>
        new(id, SagaMovementKind.Transfer, "source.fund.2026", Commitment, "region.limburg", RegionFunds, new Money(40_00), Date, "advance");

    [Fact]
    public void The_keys_are_the_ones_the_three_earlier_implementations_wrote()
    {
        Assert.Equal("commit:c1:0", SagaKeys.Commitment("c1", 0));
        Assert.Equal("app:a-1:5:0", SagaKeys.ApplicationEffect("a-1", 5, 0, 0));
        Assert.Equal("app:a-1:5r2:1", SagaKeys.ApplicationEffect("a-1", 5, 2, 1));
        var plan = SagaPlan.Of([Hold("app:a-1:5:0"), Transfer("app:a-1:6:0")]);

        var keys = plan.Forward.SelectMany(j => j.Steps.Select(s => $"{j.Journal} {s.Command.GetType().Name} {s.Command.Key}")).ToList();
        Assert.Equal(
        [
            "source.fund.2026 ReserveEntry app:a-1:5:0",
            "source.fund.2026 PostReservation app:a-1:5:0:post",
            "source.fund.2026 ReserveEntry app:a-1:6:0:reserve",
            "source.fund.2026 PostReservation app:a-1:6:0:post",
            "region.limburg PostEntry app:a-1:6:0:credit",
        ], keys);
    }

    [Fact]
    public void Every_journal_gets_one_batch_and_a_transfer_moves_through_the_clearing_accounts()
    {
        var plan = SagaPlan.Of([Transfer("t1")]);
        Assert.Equal(["source.fund.2026", "region.limburg"], plan.Forward.Select(j => j.Journal));
        var reserve = Assert.IsType<ReserveEntry>(plan.Forward[0].Steps[0].Command);
        Assert.Equal([(Commitment, 40_00L), (JournalIds.ClearingAccountFor("region.limburg"), -40_00L)], reserve.Postings.Select(p => (p.Account, p.Amount.Cents)));
        var credit = Assert.IsType<PostEntry>(plan.Forward[1].Steps[0].Command);
        Assert.Equal([(JournalIds.ClearingAccountFor("source.fund.2026"), 40_00L), (RegionFunds, -40_00L)], credit.Postings.Select(p => (p.Account, p.Amount.Cents)));
        // A transfer's memo is on every step (as the transfer grain wrote it); a hold's only on its reservation.
        Assert.All(plan.Forward.SelectMany(j => j.Steps), s => Assert.Equal("advance", s.Command.Memo));
        var hold = SagaPlan.Of([Hold("h")]);
        Assert.Equal(["grant", null], hold.Forward[0].Steps.Select(s => s.Command.Memo));
    }

    [Fact]
    public void A_late_refusal_is_undone_by_keyed_voids_and_reversals_in_every_journal_newest_first()
    {
        var plan = SagaPlan.Of([Hold("h"), new SagaMovement("p", SagaMovementKind.Post, "source.fund.2026", Commitment, null, Payable, new Money(5_00), Date, null), Transfer("t")]);
        var undo = plan.Compensation.SelectMany(j => j.Steps.Select(s => s.Command switch
        {
            VoidReservation v => $"{j.Journal} void {v.Key} of {v.ReservationKey}",
            ReverseEntry r => $"{j.Journal} reverse {r.Key} of {r.EntryKey}",
            var c => $"{j.Journal} {c}",
        })).ToList();
        Assert.Equal(
        [
            "region.limburg reverse t:undo of t:credit",
            "source.fund.2026 void t:void of t:reserve",
            "source.fund.2026 reverse t:undo of t:post",
            "source.fund.2026 reverse p:undo of p",
            "source.fund.2026 void h:void of h",
            "source.fund.2026 reverse h:undo of h:post",
        ], undo.OrderBy(u => u.StartsWith("region", StringComparison.Ordinal) ? 0 : 1).ToList());
        Assert.True(SagaPlan.IsNothingToUndo(RejectionCode.NotFound));
        Assert.True(SagaPlan.IsNothingToUndo(RejectionCode.ReservationClosed));
        Assert.False(SagaPlan.IsNothingToUndo(RejectionCode.LimitExceeded));
    }

    [Fact]
    public void The_forward_steps_and_their_undoing_leave_every_journal_where_it_started()
    {
        var source = new LedgerHarness();
        source.FundBudget("1000.00", budget: Budget, date: Date);
        source.Commit(new PostEntry("grant-earlier", Date, [new Posting(Budget, new Money(500_00)), new Posting(Commitment, new Money(-500_00))]));
        var region = new LedgerHarness();
        var journals = new Dictionary<string, LedgerHarness> { ["source.fund.2026"] = source, ["region.limburg"] = region };
        var plan = SagaPlan.Of([Hold("h"), Transfer("t")]);
        var balancesBefore = journals.ToDictionary(j => j.Key, j => j.Value.Journal.Balances.ToDictionary(b => b.Account, b => b.Posted));

        foreach (var j in plan.Forward)
        {
            var outcome = journals[j.Journal].Journal.ExecuteAll([.. j.Steps.Select(s => s.Command)], LedgerHarness.Start);
            Assert.True(outcome.Accepted);
            journals[j.Journal].Entries.AddRange(outcome.Outcomes.Cast<Committed>().Select(c => c.Entry));
            foreach (var s in j.Steps)
            {
                journals[j.Journal].Execute(s.Command); // replays: a duplicate each, recording nothing new
            }
        }
        Assert.Equal(6, source.Journal.Version);
        // Run the undo twice: the second run finds everything undone (a crash while undoing is finished by undoing again).
        for (var run = 0; run < 2; run++)
        {
            foreach (var j in plan.Compensation)
            {
                foreach (var s in j.Steps)
                {
                    var outcome = journals[j.Journal].Execute(s.Command);
                    Assert.True(outcome is not Rejected r || SagaPlan.IsNothingToUndo(r.Rejection.Code), $"{s.Command.Key}: {outcome}");
                }
            }
        }
        foreach (var (id, harness) in journals)
        {
            var after = harness.Journal.Balances.Where(b => b.Posted.Cents != 0).ToDictionary(b => b.Account, b => b.Posted);
            Assert.Equal(balancesBefore[id].Where(b => b.Value.Cents != 0).OrderBy(b => b.Key.Value), after.OrderBy(b => b.Key.Value));
            Assert.Empty(harness.Journal.OpenReservations);
        }
    }

    [Fact]
    public void Malformed_movements_do_not_make_a_plan()
    {
        Assert.NotNull(SagaPlan.Create([]).Error);
        Assert.NotNull(SagaPlan.Create([Hold("h"), Hold("h")]).Error);
        Assert.Null(SagaPlan.Create([Hold("h"), Hold("h", "source.fund.2027")]).Error); // one id, one movement per journal
        Assert.NotNull(SagaPlan.Create([Hold(new string('x', SagaKeys.MaxMovementIdChars + 1))]).Error);
        Assert.NotNull(SagaPlan.Create([Transfer("t") with { ToJournal = "source.fund.2026" }]).Error);
        Assert.NotNull(SagaPlan.Create([Hold("h") with { ToJournal = "region.limburg" }]).Error);
        Assert.NotNull(SagaPlan.Create([Hold("h") with { Amount = Money.Zero }]).Error);
        Assert.NotNull(SagaPlan.Create([.. Enumerable.Range(0, SagaPlan.MaxMovements + 1).Select(i => Hold($"h{i}"))]).Error);
        Assert.True(SagaKeys.MaxMovementIdChars + $":{SagaKeys.Reserve}".Length <= LedgerLimits.MaxKeyChars);
    }
}
