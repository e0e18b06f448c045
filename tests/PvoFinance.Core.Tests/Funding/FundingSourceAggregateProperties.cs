using NodaTime;
using PvoFinance.Funding;
using PvoFinance.Ledger;
using PvoFinance.Regions;

namespace PvoFinance.Core.Tests.Funding;

/// <summary>
/// Seeded random runs of ceilings, commitments (replayed, conflicting, over the budget) and direct payments, decided by
/// <see cref="FundingSourceAggregate"/> and booked on real core journals (one per year), as the grain books them. After
/// every command: what is committed never passes the ceiling, equals the commitments made (each counted once however
/// often it is replayed), the appropriation is the last ceiling set, and direct payments never pass what was committed
/// directly to the region for the year.
/// </summary>
public sealed class FundingSourceAggregateProperties
{
    private const string Source = "jenv-pvo";
    private static readonly int[] Years = [2026, 2027];
    private static readonly string[] Regions = ["limburg", "rotterdam"];
    private static readonly RegionCatalog Catalog = RegionCatalog.Shipped;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Committed_never_passes_the_ceiling_and_payments_never_pass_what_was_committed(int seed)
    {
        var random = new Random(seed);
        var d = FundingSourceAggregateTests.Scheme();
        var journals = Years.ToDictionary(y => y, _ => new Journal());
        var now = Instant.FromUtc(2026, 1, 1, 0, 0);
        var ceilings = Years.ToDictionary(y => y, _ => 0L);
        var made = new Dictionary<string, Commitment>();
        var attempts = new Dictionary<string, int>();
        var committed = new Dictionary<(string, int), long>();
        var paid = new Dictionary<(string, int), long>();
        var payments = new Dictionary<string, DirectPayment>();

        for (var step = 0; step < 400; step++)
        {
            var roll = random.Next(10);
            if (roll < 2)
            {
                var year = Years[random.Next(Years.Length)];
                var journal = journals[year];
                var current = journal.BalanceOf(FundingAccounts.Appropriation(Source, year)).DebitsPosted - journal.BalanceOf(FundingAccounts.Appropriation(Source, year)).CreditsPosted;
                var asked = random.Next(0, 200) * 1_000L;
                var plan = FundingSourceAggregate.DecideCeiling(d, Source, year, asked, current, journal.Version).Value!;
                if (plan.Posting is null || Execute(journal, Post(plan.Posting), ref now) is Committed)
                {
                    ceilings[year] = asked;
                }
            }
            else if (roll < 7)
            {
                var id = $"c{random.Next(40)}";
                var amounts = Years.Where(_ => random.Next(3) > 0).ToDictionary(y => y, _ => random.Next(1, 40) * 1_000L);
                var asked = new Commitment(id, Regions[random.Next(Regions.Length)], amounts, random.Next(2) == 0 ? null : "doel");
                var decision = FundingSourceAggregate.DecideCommit(d, Source, asked, made.GetValueOrDefault(id), null, made.Count, Catalog);
                if (decision.IsRefused)
                {
                    Assert.True(amounts.Count == 0 || (made.ContainsKey(id) && decision.Refusal!.Code == FundingRefusalCode.IdempotencyConflict), decision.ToString());
                    continue;
                }
                if (decision.Value!.AlreadyMade)
                {
                    continue;
                }
                // All years or none: each year's journal is asked first, as the grain asks it.
                var reservations = FundingSourceAggregate.Reservations(Source, decision.Value.Commitment, attempts.GetValueOrDefault(id));
                if (reservations.Any(r => journals[r.Year].Check(Reserve(r)) is not null))
                {
                    attempts[id] = attempts.GetValueOrDefault(id) + 1;
                    continue;
                }
                foreach (var r in reservations)
                {
                    Assert.IsType<Committed>(Execute(journals[r.Year], Reserve(r), ref now));
                    Assert.IsType<Committed>(Execute(journals[r.Year], new PostReservation(r.Key + ":post", new LocalDate(r.Year, 1, 1), r.Key), ref now));
                }
                made[id] = decision.Value.Commitment;
                foreach (var (year, cents) in decision.Value.Commitment.Amounts)
                {
                    committed[(asked.Region, year)] = committed.GetValueOrDefault((asked.Region, year)) + cents;
                }
            }
            else
            {
                var id = $"p{random.Next(30)}";
                var region = Regions[random.Next(Regions.Length)];
                var year = Years[random.Next(Years.Length)];
                var decision = FundingSourceAggregate.DecidePay(d, Source, id, region, year, random.Next(1, 30) * 1_000L, payments.GetValueOrDefault(id),
                    committed.GetValueOrDefault((region, year)), paid.GetValueOrDefault((region, year)), payments.Count, Catalog);
                if (decision.Value is { Resume: false } plan)
                {
                    payments[id] = plan.Payment;
                    paid[(region, year)] = paid.GetValueOrDefault((region, year)) + plan.Payment.Cents;
                }
            }

            foreach (var year in Years)
            {
                var budget = journals[year].BalanceOf(FundingAccounts.Budget(Source, year));
                var madeForYear = made.Values.Sum(c => c.Amounts.GetValueOrDefault(year));
                Assert.Equal(madeForYear, budget.DebitsPosted - AppropriationLowered(journals[year], year));
                Assert.True(madeForYear <= ceilings[year], $"seed {seed} step {step}: {madeForYear} committed for {year} under a ceiling of {ceilings[year]}");
                var appropriation = journals[year].BalanceOf(FundingAccounts.Appropriation(Source, year));
                Assert.Equal(ceilings[year], appropriation.DebitsPosted - appropriation.CreditsPosted);
            }
            Assert.All(paid, p => Assert.True(p.Value <= committed.GetValueOrDefault(p.Key), $"seed {seed}: paid {p.Value} of {committed.GetValueOrDefault(p.Key)} for {p.Key}"));
        }
        Assert.NotEmpty(made);
        Assert.NotEmpty(payments);
    }

    // Lowering a ceiling debits the budget too; what was committed is the rest of its debits.
    private static long AppropriationLowered(Journal journal, int year) =>
        journal.BalanceOf(FundingAccounts.Appropriation(Source, year)).CreditsPosted;

    private static PostEntry Post(FundingPosting p) =>
        new(p.Key, new LocalDate(p.Year, 1, 1), [.. p.Legs.Select(l => new Posting(l.Account, new Money(l.Cents)))], p.Memo);

    private static ReserveEntry Reserve(FundingPosting p) =>
        new(p.Key, new LocalDate(p.Year, 1, 1), [.. p.Legs.Select(l => new Posting(l.Account, new Money(l.Cents)))], p.Memo);

    private static LedgerOutcome Execute(Journal journal, LedgerCommand command, ref Instant now)
    {
        now += Duration.FromSeconds(1);
        return journal.Execute(command, now);
    }
}
