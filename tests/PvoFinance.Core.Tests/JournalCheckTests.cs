using PvoFinance.Ledger;
using static PvoFinance.Core.Tests.Accounts;
using static PvoFinance.Core.Tests.Book;

namespace PvoFinance.Core.Tests;

/// <summary>
/// <see cref="Journal.Check"/> answers what <see cref="Journal.Execute"/> would, without recording anything: a movement
/// over two journals relies on it to refuse before the first journal reserves.
/// </summary>
public class JournalCheckTests
{
    private readonly LedgerHarness _ledger = new();

    [Fact]
    public void A_command_over_the_ceiling_is_refused_by_the_check_as_by_execute_and_nothing_is_recorded()
    {
        _ledger.FundBudget("1000.00");
        var version = _ledger.Journal.Version;
        var head = _ledger.Journal.HeadHash;
        var over = new ReserveEntry("decision-1", Today, [Dr(Budget, "1000.01"), Cr(Commitment, "1000.01")]);

        var checkedRefusal = _ledger.Journal.Check(over);

        Assert.NotNull(checkedRefusal);
        Assert.Equal(RejectionCode.LimitExceeded, checkedRefusal.Code);
        Assert.Equal(version, _ledger.Journal.Version);
        Assert.Equal(head, _ledger.Journal.HeadHash);
        Assert.Empty(_ledger.Journal.OpenReservations);
        var executed = _ledger.Reject(over, RejectionCode.LimitExceeded, checkedRefusal.Field);
        Assert.Equal(checkedRefusal.Message, executed.Message);
    }

    [Fact]
    public void A_command_that_would_commit_passes_the_check_without_being_recorded()
    {
        _ledger.FundBudget("1000.00");
        var version = _ledger.Journal.Version;
        var fits = new ReserveEntry("decision-1", Today, [Dr(Budget, "1000.00"), Cr(Commitment, "1000.00")]);

        Assert.Null(_ledger.Journal.Check(fits));
        Assert.Equal(version, _ledger.Journal.Version);
        Assert.Null(_ledger.Journal.SequenceOf("decision-1"));
        // The check did not take the key: the command still commits afterwards.
        _ledger.Commit(fits);
        Assert.Equal(version + 1, _ledger.Journal.Version);
    }

    [Fact]
    public void A_replay_passes_the_check_and_a_key_reused_with_other_content_is_refused()
    {
        _ledger.FundBudget("1000.00");
        _ledger.ReserveGrant("decision-1", "600.00");

        Assert.Null(_ledger.Journal.Check(new ReserveEntry("decision-1", Today, [Dr(Budget, "600.00"), Cr(Commitment, "600.00")], "grant decision")));
        var conflict = _ledger.Journal.Check(new ReserveEntry("decision-1", Today, [Dr(Budget, "1.00"), Cr(Commitment, "1.00")]));
        Assert.Equal(RejectionCode.IdempotencyConflict, conflict?.Code);
    }
}
