using PvoFinance.Grains.Contracts;
using PvoFinance.Ledger;
using static PvoFinance.Core.Tests.Accounts;
using static PvoFinance.Core.Tests.Book;

namespace PvoFinance.Core.Tests;

public class LedgerRequestMapperTests
{
    private static readonly NodaTime.LocalDate Date = new(2026, 11, 23);

    private static Posting Leg(string account, long cents) => new(AccountId.Parse(account), new Money(cents));

    private static LedgerRequest Post(params Posting[] postings) => new()
    {
        Kind = LedgerRequestKind.Post,
        Key = "pay-17",
        ValueDate = Date,
        Postings = postings,
        Memo = "invoice 17",
    };

    private static LedgerRejection Refused(LedgerRequest request)
    {
        var (command, rejection) = LedgerRequestMapper.ToCommand(request);
        Assert.Null(command);
        Assert.NotNull(rejection);
        Assert.Equal(RejectionCode.Invalid, rejection.Code);
        Assert.False(string.IsNullOrWhiteSpace(rejection.Message));
        return rejection;
    }

    [Fact]
    public void A_well_formed_post_becomes_the_same_core_command()
    {
        var (command, rejection) = LedgerRequestMapper.ToCommand(Post(Leg("expense:subsidies", 25_000), Leg("cash:bank-1", -25_000)));
        Assert.Null(rejection);
        var post = Assert.IsType<PostEntry>(command);
        Assert.Equal("pay-17", post.Key);
        Assert.Equal(new NodaTime.LocalDate(2026, 11, 23), post.ValueDate);
        Assert.Equal("invoice 17", post.Memo);
        Assert.Equal([Dr(Expense, "250.00"), Cr(Cash, "250.00")], post.Postings);
    }

    [Fact]
    public void Each_request_kind_maps_to_its_command_and_back()
    {
        var reserve = LedgerRequestMapper.ToCommand(Post(Leg("budget:jenv-pvo:2026", 100), Leg("commitment:jenv-pvo:2026:app-42", -100)) with { Kind = LedgerRequestKind.Reserve }).Command;
        Assert.IsType<ReserveEntry>(reserve);

        var all = LedgerRequestMapper.ToCommand(new LedgerRequest { Kind = LedgerRequestKind.PostReservation, Key = "t", ValueDate = Day(1, 1), ReservationKey = "decision-1" }).Command;
        Assert.Equal(new PostReservation("t", Day(1, 1), "decision-1"), all);

        var part = LedgerRequestMapper.ToCommand(new LedgerRequest { Kind = LedgerRequestKind.PostReservation, Key = "t", ValueDate = Day(1, 1), ReservationKey = "decision-1", Amount = new Money(1) }).Command;
        Assert.Equal(new PostReservation("t", Day(1, 1), "decision-1", new Money(1)), part);

        var voided = LedgerRequestMapper.ToCommand(new LedgerRequest { Kind = LedgerRequestKind.VoidReservation, Key = "v", ValueDate = Day(1, 1), ReservationKey = "decision-1" }).Command;
        Assert.Equal(new VoidReservation("v", Day(1, 1), "decision-1"), voided);

        var reverse = LedgerRequestMapper.ToCommand(new LedgerRequest { Kind = LedgerRequestKind.Reverse, Key = "r", ValueDate = Day(1, 1), EntryKey = "pay-17" }).Command;
        Assert.Equal(new ReverseEntry("r", Day(1, 1), "pay-17"), reverse);

        foreach (var command in new[] { reserve!, all!, part!, voided!, reverse! })
        {
            var (back, _) = LedgerRequestMapper.ToCommand(LedgerRequestMapper.ToRequest(command));
            Assert.Equal(EntryHasher.ContentHash(command), EntryHasher.ContentHash(back!));
        }
        Assert.True(LedgerRequestMapper.ToRequest(reverse!, linkedToNext: true).LinkedToNext);
    }

    [Fact]
    public void A_default_account_is_refused_on_its_leg()
    {
        var rejection = Refused(Post(Leg("expense:subsidies", 1), new Posting(default, new Money(-1))));
        Assert.Equal("postings[1].account", rejection.Field);
    }

    [Fact]
    public void The_largest_accepted_amount_maps_exactly()
    {
        var (command, _) = LedgerRequestMapper.ToCommand(Post(Leg("expense:subsidies", Money.MaxCents), Leg("payable:app-42", -Money.MaxCents)));
        Assert.Equal(Money.MaxCents, Assert.IsType<PostEntry>(command).Postings[0].Amount.Cents);
    }

    [Fact]
    public void Missing_or_too_many_postings_are_refused_on_postings()
    {
        Assert.Equal("postings", Refused(Post() with { Postings = null! }).Field);
        var tooMany = Enumerable.Range(0, LedgerLimits.MaxPostingsPerEntry + 1).Select(i => Leg($"expense:line-{i}", 1)).ToArray();
        Assert.Equal("postings", Refused(Post(tooMany)).Field);
    }

    [Fact]
    public void An_unknown_kind_is_refused_on_kind()
    {
        Assert.Equal("kind", Refused(Post() with { Kind = (LedgerRequestKind)99 }).Field);
    }

    [Fact]
    public void A_mapped_command_is_judged_by_the_journal_like_any_other()
    {
        var ledger = new LedgerHarness();
        var (command, _) = LedgerRequestMapper.ToCommand(Post(Leg("expense:subsidies", 25_000), Leg("cash:bank-1", -25_000)));
        ledger.Reject(command!, RejectionCode.LimitExceeded, "postings[1]");
    }

    [Fact]
    public void Balances_and_rejections_go_out_with_available_amounts_and_reasons()
    {
        var ledger = new LedgerHarness();
        ledger.FundBudget("1000.00");
        ledger.ReserveGrant("decision-1", "600.00");
        var dto = LedgerRequestMapper.ToDto(ledger.Balance(Budget));
        Assert.Equal(new BalanceDto("budget:jenv-pvo:2026", "Equity", 0, 100_000, 60_000, 0, -100_000, 40_000), dto);

        var rejection = LedgerRequestMapper.ToDto(new LedgerRejection(RejectionCode.LimitExceeded, "postings[0]", "why"));
        Assert.Equal(new RejectionDto("LimitExceeded", "postings[0]", "why"), rejection);

        var entry = LedgerRequestMapper.ToDto("source.jenv-pvo.2026", ledger.Entries[1]);
        Assert.Equal(2, entry.Sequence);
        Assert.Equal("Reserve", entry.Kind);
        Assert.Equal("2026-03-01", entry.ValueDate);
        Assert.Equal(ledger.Entries[1].Hash, entry.Hash);
        Assert.Equal(ledger.Entries[0].Hash, entry.PreviousHash);
    }
}
