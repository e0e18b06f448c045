using System.Globalization;
using PvoFinance.Applications;
using PvoFinance.Funding;
using PvoFinance.Ledger;
using PvoFinance.LedgerFigures;
using Xunit.Abstractions;

namespace PvoFinance.Core.Tests.Figures;

/// <summary>
/// Seeded random lifecycle histories on real journals — grants split over two sources, advances, amendments up and
/// down, determinations below and above the advances, payments, reclaims and their receipts, revocations, direct
/// commitments and payments, some through an intermediary — after which every view of the figures module must agree
/// with every other and with the raw ledger balances, to the cent: a source's year with the sum of its regions and
/// with its accounts, each application with its decisions, each region's received with what the sources paid and
/// with its own accounts. Set <c>PVO_RANDOM_SEED</c> to replay one seed.
/// </summary>
public sealed class FiguresRandomizedTests(ITestOutputHelper output)
{
    private const int Histories = 60;
    private const int Steps = 60;
    private static readonly string[] Sources = ["jenv-pvo", "prov-limburg", "ccv-scheme"];
    private static readonly Dictionary<string, string?> Intermediary = new() { ["jenv-pvo"] = null, ["prov-limburg"] = null, ["ccv-scheme"] = "ccv" };
    private static readonly string[] Regions = ["limburg", "rotterdam", "oost-brabant"];
    private static readonly int[] Years = [2026, 2027];

    private sealed class App(string id, string region, int year)
    {
        public string Id { get; } = id;
        public string Region { get; } = region;
        public int Year { get; } = year;
        public List<FundingPart> Split { get; set; } = [];
        public Dictionary<string, ApplicationAmounts> Positions { get; } = new(StringComparer.Ordinal);
        public bool Granted { get; set; }
        public bool Determined { get; set; }
        public bool Revoked { get; set; }

        public List<SourcePosition> SourcePositions => [.. Split.Select(p => p.Source).Union(Positions.Keys).Distinct()
            .Select(s => new SourcePosition(s, Positions.GetValueOrDefault(s) ?? ApplicationAmounts.None))];

        public void Apply(IEnumerable<LedgerEffect> effects)
        {
            foreach (var e in effects)
            {
                Positions[e.Source] = (Positions.GetValueOrDefault(e.Source) ?? ApplicationAmounts.None).Apply(e);
            }
        }
    }

    [Fact]
    public void Every_view_agrees_with_every_other_and_with_the_ledger()
    {
        var seeds = Environment.GetEnvironmentVariable("PVO_RANDOM_SEED") is { Length: > 0 } fixedSeed
            ? [int.Parse(fixedSeed, CultureInfo.InvariantCulture)]
            : Enumerable.Range(1, Histories).ToArray();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var seed in seeds)
        {
            try
            {
                Run(seed, counts);
            }
            catch (Exception)
            {
                output.WriteLine($"Failing seed: PVO_RANDOM_SEED={seed}");
                throw;
            }
        }
        output.WriteLine(string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}")));
        // The histories did reach every kind of step (so the agreement below was tested on them).
        foreach (var step in new[] { "grant", "advance", "amend", "determine-below", "determine-above", "payment", "receipt", "revoke", "direct-commit", "direct-pay", "direct-pay-via" })
        {
            Assert.True(counts.GetValueOrDefault(step) > 0, $"no {step} in {seeds.Length} histories");
        }
    }

    private static void Run(int seed, Dictionary<string, int> counts)
    {
        var rnd = new Random(seed);
        var world = new LedgerWorld();
        foreach (var s in Sources)
        {
            foreach (var y in Years)
            {
                world.SetCeiling(s, y, rnd.Next(50_000, 400_000) * 100L + rnd.Next(100));
            }
        }
        var apps = new List<App>();
        var direct = new Dictionary<(string Source, int Year, string Region), (long Committed, long Paid)>();
        void Count(string step) => counts[step] = counts.GetValueOrDefault(step) + 1;
        long Cents(long max) => max <= 0 ? 0 : 1 + (long)(rnd.NextDouble() * (max - 1));

        for (var step = 0; step < Steps; step++)
        {
            world.Date = new NodaTime.LocalDate(2026, 1, 1).PlusDays(step * 9);
            var open = apps.Where(a => a.Granted && !a.Revoked).ToList();
            var pick = rnd.Next(10);
            if (pick <= 1 || open.Count == 0)
            {
                var app = new App($"app-{apps.Count + 1}", Regions[rnd.Next(Regions.Length)], Years[rnd.Next(Years.Length)]);
                var sources = rnd.Next(3) == 0 ? Sources.OrderBy(_ => rnd.Next()).Take(2).ToArray() : [Sources[rnd.Next(Sources.Length)]];
                app.Split = [.. sources.Select(s => new FundingPart(s, new Money(Cents(6_000_000))))];
                var effects = Settlement.Grant(app.Split);
                if (world.BookEffects(app.Id, app.Year, app.Region, effects))
                {
                    app.Apply(effects);
                    app.Granted = true;
                    Count("grant");
                }
                apps.Add(app);
                continue;
            }
            var a = open[rnd.Next(open.Count)];
            var total = Settlement.Total(a.SourcePositions);
            IReadOnlyList<LedgerEffect>? booked = null;
            switch (pick)
            {
                case 2 when !a.Determined && total.OpenCommitment.Cents > 0:
                    booked = Settlement.Advance(a.SourcePositions, new Money(Cents(total.OpenCommitment.Cents)));
                    Count("advance");
                    break;
                case 3 when !a.Determined:
                    // A new split: each part at least what is already advanced from it.
                    var after = a.Split.Select(p => new FundingPart(p.Source, new Money(a.Positions[p.Source].AdvancesPaid.Cents + Cents(4_000_000)))).ToList();
                    var amend = Settlement.Amend(a.Split, after);
                    if (world.BookEffects(a.Id, a.Year, a.Region, amend))
                    {
                        a.Apply(amend);
                        a.Split = after;
                        Count("amend");
                    }
                    continue;
                case 4 when !a.Determined:
                    var granted = a.Split.Sum(p => p.Amount.Cents);
                    var below = rnd.Next(2) == 0 && total.AdvancesPaid.Cents > 0;
                    var determined = below ? rnd.NextInt64(0, total.AdvancesPaid.Cents) : total.AdvancesPaid.Cents + rnd.NextInt64(0, granted - total.AdvancesPaid.Cents + 1);
                    booked = Settlement.Determine(a.SourcePositions, new Money(determined));
                    a.Determined = true;
                    Count(below ? "determine-below" : "determine-above");
                    break;
                case 5 when total.Payable.Cents > 0:
                    booked = Settlement.Payment(a.SourcePositions, new Money(Cents(total.Payable.Cents)));
                    Count("payment");
                    break;
                case 6 when total.Receivable.Cents > 0:
                    booked = Settlement.Receipt(a.SourcePositions, new Money(Cents(total.Receivable.Cents)));
                    Count("receipt");
                    break;
                case 7 when rnd.Next(3) == 0:
                    booked = Settlement.Revoke(a.SourcePositions);
                    a.Revoked = true;
                    Count("revoke");
                    break;
                case 8:
                    var key = (Sources[rnd.Next(Sources.Length)], Years[rnd.Next(Years.Length)], Regions[rnd.Next(Regions.Length)]);
                    var amount = Cents(3_000_000);
                    if (world.CommitDirect(key.Item1, key.Item2, key.Item3, amount))
                    {
                        var d = direct.GetValueOrDefault(key);
                        direct[key] = (d.Committed + amount, d.Paid);
                        Count("direct-commit");
                    }
                    continue;
                case 9 when direct.Where(d => d.Value.Committed > d.Value.Paid).ToList() is { Count: > 0 } unpaid:
                    var (k, v) = unpaid[rnd.Next(unpaid.Count)];
                    var pay = Cents(v.Committed - v.Paid);
                    world.PayDirect(k.Source, k.Year, k.Region, pay, Intermediary[k.Source]);
                    direct[k] = (v.Committed, v.Paid + pay);
                    Count(Intermediary[k.Source] is null ? "direct-pay" : "direct-pay-via");
                    continue;
            }
            if (booked is not null)
            {
                Assert.True(world.BookEffects(a.Id, a.Year, a.Region, booked));
                a.Apply(booked);
            }
        }
        Check(world, apps, direct);
    }

    private static void Check(LedgerWorld world, List<App> apps, Dictionary<(string Source, int Year, string Region), (long Committed, long Paid)> direct)
    {
        var book = world.Book();
        foreach (var s in Sources)
        {
            foreach (var y in Years)
            {
                var journal = FundingAccounts.Journal(s, y);
                var f = book.SourceYear(s, y);
                long Of(AccountKind kind) => world.Balances(journal, b => b.Account.Kind == kind);
                var budget = world.BalanceOf(journal, FundingAccounts.Budget(s, y))!;
                var at = $"{s} {y}";
                // The source's year against its raw accounts.
                Assert.True(-Of(AccountKind.Commitment) == f.Open, $"{at}: open {f.Open} vs commitment accounts {-Of(AccountKind.Commitment)}");
                Assert.Equal(-Of(AccountKind.Payable), f.Payable);
                Assert.Equal(Of(AccountKind.Receivable), f.Receivable);
                Assert.Equal(Of(AccountKind.Receivable), f.ToReclaim);
                Assert.Equal(Of(AccountKind.Appropriation), f.Ceiling);
                Assert.Equal(budget.CreditsPosted - budget.DebitsPosted - budget.DebitsPending, f.Available);
                Assert.Equal(0, f.Reserved);
                Assert.Equal(f.Committed, f.Released + f.PaidOut + f.Open + f.Payable);
                // ... with the sum of its regions' views.
                var byRegion = Regions.Select(r => book.SourceYear(s, y, r)).ToList();
                Assert.Equal((f.Committed, f.Released, f.Paid, f.Open, f.Payable, f.ToReclaim, f.Reclaimed),
                    (byRegion.Sum(x => x.Committed), byRegion.Sum(x => x.Released), byRegion.Sum(x => x.Paid), byRegion.Sum(x => x.Open),
                     byRegion.Sum(x => x.Payable), byRegion.Sum(x => x.ToReclaim), byRegion.Sum(x => x.Reclaimed)));
                foreach (var r in Regions)
                {
                    // ... and each region's part with its applications' views plus the direct commitments.
                    var part = book.SourceYear(s, y, r);
                    var mine = apps.Where(a => a.Region == r && a.Year == y).Select(a => book.Application(a.Id, s)).ToList();
                    var d = direct.GetValueOrDefault((s, y, r));
                    Assert.Equal(part.Committed, mine.Sum(x => x.Committed) + d.Committed);
                    Assert.Equal(part.Paid, mine.Sum(x => x.Paid) + d.Paid);
                    Assert.Equal(part.Open, mine.Sum(x => x.Open) + d.Committed - d.Paid);
                    Assert.Equal((part.Released, part.Payable, part.ToReclaim, part.Reclaimed),
                        (mine.Sum(x => x.Released), mine.Sum(x => x.Payable), mine.Sum(x => x.ToReclaim), mine.Sum(x => x.Reclaimed)));
                }
            }
        }
        foreach (var a in apps)
        {
            foreach (var (s, p) in a.Positions)
            {
                // Each application's view against its decisions, on both sides of every transfer.
                var f = book.Application(a.Id, s);
                Assert.True((f.Open, f.Payable, f.ToReclaim, f.Reclaimed, f.Paid, f.Received)
                    == (p.OpenCommitment.Cents, p.Payable.Cents, p.Receivable.Cents, p.Reclaimed.Cents, p.NetPaid.Cents, p.NetPaid.Cents),
                    $"{a.Id}/{s}: figures {f} vs decisions {p}");
                Assert.Equal(f.Paid + f.Payable + f.Open - f.ToReclaim, f.Subsidy);
            }
        }
        foreach (var r in Regions)
        {
            // What a region received from each source: its own accounts, the sources' paid, the per-year figures.
            foreach (var s in Sources)
            {
                var account = -world.Balance(FundingAccounts.RegionJournal(r), FundingAccounts.RegionFunds(r, s).Value);
                var received = book.Where(m => m.Region == r && m.Source == s && m.Journal == FundingAccounts.RegionJournal(r)).Received;
                Assert.Equal(account, received);
                Assert.Equal(account, Years.Sum(y => book.SourceYear(s, y, r).Paid));
                Assert.Equal(account, Enumerable.Range(2025, 4).Sum(y => book.ReceivedInYear(r, s, y)));
            }
            Assert.Equal(book.Region(r).Received, Sources.Sum(s => -world.Balance(FundingAccounts.RegionJournal(r), FundingAccounts.RegionFunds(r, s).Value)));
        }
        // Nothing stays with the intermediary: each direct payment through it was passed on.
        Assert.Equal(0, book.Where(m => m.Intermediary == "ccv").HeldByIntermediary);
    }
}
