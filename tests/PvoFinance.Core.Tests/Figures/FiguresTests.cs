using PvoFinance.Applications;
using PvoFinance.Funding;
using PvoFinance.LedgerFigures;

namespace PvoFinance.Core.Tests.Figures;

/// <summary>The figures module on hand-computed histories, the one of issue 13 first.</summary>
public sealed class FiguresTests
{
    private const string Scheme = "jenv-pvo";
    private const string Region = "limburg";
    private const int Year = 2026;

    private static long C(string amount) => Money.Parse(amount).Cents;

    private static LedgerWorld Funded(long ceiling)
    {
        var world = new LedgerWorld();
        world.SetCeiling(Scheme, Year, ceiling);
        return world;
    }

    private static List<SourcePosition> Positions(List<LedgerEffect> effects)
    {
        var a = ApplicationAmounts.None;
        foreach (var e in effects)
        {
            a = a.Apply(e);
        }
        return [new SourcePosition(Scheme, a)];
    }

    [Fact]
    public void Grant_40000_advance_32000_determine_28500_then_reclaim_received()
    {
        var world = Funded(C("100000.00"));
        var booked = new List<LedgerEffect>();
        void Book(IReadOnlyList<LedgerEffect> effects)
        {
            Assert.True(world.BookEffects("app-1", Year, Region, effects));
            booked.AddRange(effects);
        }
        Book(Settlement.Grant([new FundingPart(Scheme, Money.Parse("40000.00"))]));
        Book(Settlement.Advance(Positions(booked), Money.Parse("32000.00")));

        var source = world.Book().SourceYear(Scheme, Year);
        Assert.Equal(C("40000.00"), source.Committed);
        Assert.Equal(C("32000.00"), source.Paid);
        Assert.Equal(C("8000.00"), source.Open);
        Assert.Equal(0, source.Released);
        Assert.Equal(C("60000.00"), source.Available);

        Book(Settlement.Determine(Positions(booked), Money.Parse("28500.00")));
        var book = world.Book();
        source = book.SourceYear(Scheme, Year);
        // The 8,000 still committed is released, not paid; 3,500 of the advances is to be reclaimed.
        Assert.Equal(C("40000.00"), source.Committed);
        Assert.Equal(C("8000.00"), source.Released);
        Assert.Equal(C("32000.00"), source.Paid);
        Assert.Equal(0, source.Open);
        Assert.Equal(C("3500.00"), source.ToReclaim);
        Assert.Equal(C("3500.00"), source.Receivable);
        Assert.Equal(C("28500.00"), source.Subsidy);
        // The reclaim goes back under the ceiling at once, like the release: 100,000 - 40,000 + 8,000 + 3,500.
        Assert.Equal(C("71500.00"), source.Available);
        Assert.Equal(C("32000.00"), book.Region(Region).Received);

        Book(Settlement.Receipt(Positions(booked), Money.Parse("3500.00")));
        book = world.Book();
        source = book.SourceYear(Scheme, Year);
        Assert.Equal(C("28500.00"), source.Paid);
        Assert.Equal(C("32000.00"), source.PaidOut);
        Assert.Equal(C("3500.00"), source.Reclaimed);
        Assert.Equal(0, source.ToReclaim);
        Assert.Equal(C("28500.00"), source.Subsidy);
        Assert.Equal(C("8000.00"), source.Released);
        Assert.Equal(C("71500.00"), source.Available);
        // The region's side says the same: 32,000 arrived, 3,500 went back.
        var region = book.Region(Region);
        Assert.Equal(C("28500.00"), region.Received);
        Assert.Equal(C("28500.00"), book.ReceivedInYear(Region, Scheme, Year));
        Assert.Equal(-C("28500.00"), world.Balance(FundingAccounts.RegionJournal(Region), FundingAccounts.RegionFunds(Region, Scheme).Value));
        // And the application's own figures.
        var app = book.Application("app-1", Scheme);
        Assert.Equal((C("28500.00"), C("3500.00"), 0L, 0L, C("28500.00")), (app.Paid, app.Reclaimed, app.ToReclaim, app.Open, app.Subsidy));
    }

    [Fact]
    public void Determination_above_the_advances_makes_the_rest_payable_then_paid()
    {
        var world = Funded(C("50000.00"));
        var booked = new List<LedgerEffect>();
        void Book(IReadOnlyList<LedgerEffect> effects)
        {
            Assert.True(world.BookEffects("app-2", Year, Region, effects));
            booked.AddRange(effects);
        }
        Book(Settlement.Grant([new FundingPart(Scheme, Money.Parse("20000.00"))]));
        Book(Settlement.Advance(Positions(booked), Money.Parse("10000.00")));
        Book(Settlement.Determine(Positions(booked), Money.Parse("18000.01")));
        var f = world.Book().SourceYear(Scheme, Year);
        Assert.Equal((C("10000.00"), C("8000.01"), C("1999.99"), 0L), (f.Paid, f.Payable, f.Released, f.Open));
        Assert.Equal(C("18000.01"), f.Subsidy);
        Book(Settlement.Payment(Positions(booked), Money.Parse("8000.01")));
        f = world.Book().SourceYear(Scheme, Year);
        Assert.Equal((C("18000.01"), 0L, C("1999.99")), (f.Paid, f.Payable, f.Released));
        Assert.Equal(C("50000.00") - C("18000.01"), f.Available);
    }

    [Fact]
    public void A_revocation_releases_what_is_open_and_reclaims_what_was_paid()
    {
        var world = Funded(C("50000.00"));
        var booked = new List<LedgerEffect>();
        void Book(IReadOnlyList<LedgerEffect> effects)
        {
            Assert.True(world.BookEffects("app-3", Year, Region, effects));
            booked.AddRange(effects);
        }
        Book(Settlement.Grant([new FundingPart(Scheme, Money.Parse("12000.00"))]));
        Book(Settlement.Advance(Positions(booked), Money.Parse("5000.00")));
        Book(Settlement.Revoke(Positions(booked)));
        var f = world.Book().SourceYear(Scheme, Year);
        Assert.Equal((C("12000.00"), C("7000.00"), C("5000.00"), C("5000.00"), 0L), (f.Committed, f.Released, f.Paid, f.ToReclaim, f.Subsidy));
    }

    [Fact]
    public void A_direct_payment_through_an_intermediary_is_paid_when_it_leaves_the_source_and_received_when_it_arrives()
    {
        var world = Funded(C("30000.00"));
        Assert.True(world.CommitDirect(Scheme, Year, Region, C("25000.00")));
        world.Transfer("pay:x:1", FundingAccounts.Journal(Scheme, Year), FundingAccounts.Commitment(Scheme, Year, Region).Value,
            FundingAccounts.IntermediaryJournal("ccv"), PvoFinance.Ledger.AccountId.Of(PvoFinance.Ledger.AccountKind.Commitment, "ccv", Scheme, Region).Value, C("10000.00"));
        var book = world.Book();
        var source = book.SourceYear(Scheme, Year, Region);
        Assert.Equal((C("25000.00"), C("10000.00"), C("15000.00")), (source.Committed, source.Paid, source.Open));
        Assert.Equal(C("10000.00"), book.Where(m => m.Intermediary == "ccv" && !FigureBook.IsSourceSide(m)).HeldByIntermediary);
        Assert.Equal(0, book.Region(Region).Received);

        world.Transfer("pay:x:2", FundingAccounts.IntermediaryJournal("ccv"), PvoFinance.Ledger.AccountId.Of(PvoFinance.Ledger.AccountKind.Commitment, "ccv", Scheme, Region).Value,
            FundingAccounts.RegionJournal(Region), FundingAccounts.RegionFunds(Region, Scheme).Value, C("10000.00"));
        book = world.Book();
        Assert.Equal(0, book.Where(m => m.Intermediary == "ccv" && !FigureBook.IsSourceSide(m)).HeldByIntermediary);
        Assert.Equal(C("10000.00"), book.Region(Region).Received);
        Assert.Equal(C("10000.00"), book.ReceivedInYear(Region, Scheme, Year));
    }

    [Fact]
    public void As_of_a_date_only_movements_with_a_value_date_on_or_before_it_count()
    {
        var world = Funded(C("30000.00"));
        var booked = new List<LedgerEffect>();
        world.Date = new(2026, 3, 1);
        var grant = Settlement.Grant([new FundingPart(Scheme, Money.Parse("10000.00"))]);
        Assert.True(world.BookEffects("app-4", Year, Region, grant));
        booked.AddRange(grant);
        world.Date = new(2026, 6, 1);
        Assert.True(world.BookEffects("app-4", Year, Region, Settlement.Advance(Positions(booked), Money.Parse("4000.00"))));
        var book = world.Book();
        Assert.Equal(0, book.SourceYear(Scheme, Year, asOf: new(2026, 5, 31)).Paid);
        Assert.Equal(C("10000.00"), book.SourceYear(Scheme, Year, asOf: new(2026, 5, 31)).Open);
        Assert.Equal(C("4000.00"), book.SourceYear(Scheme, Year, asOf: new(2026, 6, 1)).Paid);
    }

    [Fact]
    public void Money_a_region_passes_to_a_project_is_allocated_there_and_received_and_held_by_the_project()
    {
        var world = Funded(C("30000.00"));
        Assert.True(world.CommitDirect(Scheme, Year, Region, C("10000.00")));
        world.PayDirect(Scheme, Year, Region, C("10000.00"), via: null);
        world.Transfer("alloc:limburg:p1:a1", FundingAccounts.RegionJournal(Region), FundingAccounts.RegionFunds(Region, Scheme).Value,
            FundingAccounts.ProjectJournal(Region, "p1"), FundingAccounts.ProjectFunds("p1", Scheme).Value, C("2500.50"));
        var book = world.Book();
        Assert.Equal(C("2500.50"), book.Region(Region).Allocated);
        var project = book.Where(m => m.Journal == FundingAccounts.ProjectJournal(Region, "p1") && m.Source == Scheme);
        Assert.Equal((C("2500.50"), C("2500.50")), (project.ProjectReceived, project.ProjectHeld));
        // Allocating is not paying back: the region still received all 10,000 from the scheme.
        Assert.Equal(C("10000.00"), book.Region(Region).Received);
    }

    [Fact]
    public void A_levy_invoice_is_invoiced_and_receivable_per_municipality_until_received_and_is_no_reclaim()
    {
        var world = new LedgerWorld();
        var journal = FundingAccounts.Journal("levy-limburg", Year);
        world.Post(journal, "invoice:gm0014", FundingAccounts.Receivable("levy-limburg", Year, "GM0014").Value, FundingAccounts.Budget("levy-limburg", Year).Value, C("1200.00"));
        world.Post(journal, "invoice:gm0034", FundingAccounts.Receivable("levy-limburg", Year, "GM0034").Value, FundingAccounts.Budget("levy-limburg", Year).Value, C("800.00"));
        world.Post(journal, "receipt:r1", FundingAccounts.Cash("levy-limburg", Year).Value, FundingAccounts.Receivable("levy-limburg", Year, "GM0014").Value, C("1000.00"));
        var book = world.Book();
        var f = book.SourceYear("levy-limburg", Year);
        Assert.Equal((C("2000.00"), C("1000.00"), C("1000.00"), 0L, C("2000.00")), (f.Invoiced, f.Receivable, f.CashIn, f.ToReclaim, f.Raised));
        Assert.Equal(C("200.00"), book.Where(m => m.Debtor == "gm0014").Receivable);
        Assert.Equal(C("800.00"), book.Where(m => m.Debtor == "gm0034").Receivable);
    }

    [Fact]
    public void Accounts_are_typed_once_with_their_parts()
    {
        var c = TypedAccount.Parse("source.jenv-pvo.2026", "commitment:jenv-pvo:2026:limburg")!;
        Assert.Equal((PvoFinance.Ledger.AccountKind.Commitment, "jenv-pvo", (int?)2026, "limburg"), (c.Kind, c.Source, c.Year, c.Region));
        var via = TypedAccount.Parse("intermediary.ccv", "commitment:ccv:jenv-pvo:limburg")!;
        Assert.Equal(("jenv-pvo", (int?)null, "limburg", "ccv"), (via.Source, via.Year, via.Region, via.Intermediary));
        var levy = TypedAccount.Parse("source.levy-limburg.2026", "receivable:levy-limburg:2026:gm0014")!;
        Assert.False(levy.IsClaimOnRegion);
        Assert.Equal("gm0014", levy.Debtor);
        Assert.True(TypedAccount.Parse("source.jenv-pvo.2026", "receivable:jenv-pvo:2026:limburg")!.IsClaimOnRegion);
        var clearing = TypedAccount.Parse("region.limburg", "clearing:source.jenv-pvo.2026")!;
        Assert.Equal((JournalKind.Source, "jenv-pvo", (int?)2026), (clearing.Counterpart!.Kind, clearing.Source, clearing.Year));
        Assert.Null(TypedAccount.Parse("region.limburg", "no-such-kind:x"));
        Assert.Equal("app-9", Movement.ApplicationOf("app:app-9:3:0:post"));
        Assert.Null(Movement.ApplicationOf("commit:app-9:0"));
    }
}
