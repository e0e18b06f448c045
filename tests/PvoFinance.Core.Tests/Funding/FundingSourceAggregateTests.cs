using PvoFinance.Access;
using PvoFinance.Funding;
using PvoFinance.Regions;

namespace PvoFinance.Core.Tests.Funding;

/// <summary>Each command of a funding source decided by <see cref="FundingSourceAggregate"/>: what it books, or why not.</summary>
public sealed class FundingSourceAggregateTests
{
    private static readonly RegionCatalog Catalog = RegionCatalog.Shipped;

    internal static FundingSourceDefinition Scheme(string? via = null) => new(
        "jenv-pvo", "J&V PVO-regeling", FundingSourceKind.NationalScheme, Scope.National, "JenV", [], null, via, null, [], null, null);

    private static FundingSourceDefinition Province() => new(
        "prov-limburg", "Fonds Limburg", FundingSourceKind.ProvincialFund, Scope.Province("Limburg"), "Provincie Limburg", [], null, null, null, [], null, null);

    private static FundingSourceDefinition Levy() => new(
        "levy-ob", "Veiligheidsfonds", FundingSourceKind.MunicipalLevy, Scope.Region("oost-brabant"), "Gemeenten", [], null, null, new Rate(2_500), [], null, null);

    private static FundingSourceDefinition Overhead() => new(
        "oh-ob", "Opslag", FundingSourceKind.ProjectOverhead, Scope.Region("oost-brabant"), "Politie", [], null, null, null, [], new Percentage(1_000), null);

    private static FundingSourceDefinition InKind() => new(
        "ik-ob", "Uren", FundingSourceKind.InKind, Scope.Region("oost-brabant"), "Politie", [], null, null, null, [], null, new Money(55_00));

    private static FundingSourceDefinition Private() => new(
        "pr-ob", "Gift", FundingSourceKind.Private, Scope.Region("oost-brabant"), "Stichting", [], null, null, null, [], null, null);

    private static Commitment C(string id, string region = "limburg", long cents = 30_000_00, string? purpose = null, int year = 2026) =>
        new(id, region, new Dictionary<int, long> { [year] = cents }, purpose);

    private static FundingDecision<CommitPlan> Commit(Commitment asked, Commitment? made = null, Commitment? pending = null, long count = 0, FundingSourceDefinition? d = null) =>
        FundingSourceAggregate.DecideCommit(d ?? Scheme(), "jenv-pvo", asked, made, pending, count, Catalog);

    private static void Refused<T>(FundingDecision<T> decision, FundingRefusalCode code, string field)
        where T : class
    {
        Assert.True(decision.IsRefused, decision.ToString());
        Assert.Equal(code, decision.Refusal!.Code);
        Assert.Equal(field, decision.Refusal.Field);
        Assert.Null(decision.Value);
    }

    [Fact]
    public void Create_is_refused_for_another_id_invalid_content_or_an_existing_other_source_and_accepted_as_a_retry()
    {
        Refused(FundingSourceAggregate.DecideCreate("other", "jenv-pvo", Scheme(), null, null, Catalog), FundingRefusalCode.Invalid, "id");
        Refused(FundingSourceAggregate.DecideCreate("jenv-pvo", "jenv-pvo", null, new FieldError("kind", "bad"), null, Catalog), FundingRefusalCode.Invalid, "kind");
        Refused(FundingSourceAggregate.DecideCreate("jenv-pvo", "jenv-pvo", Scheme() with { Name = "" }, null, null, Catalog), FundingRefusalCode.Invalid, "name");
        Refused(FundingSourceAggregate.DecideCreate("jenv-pvo", "jenv-pvo", Scheme(), null, Scheme() with { Funder = "BZK" }, Catalog), FundingRefusalCode.Conflict, "id");
        var retry = FundingSourceAggregate.DecideCreate("jenv-pvo", "jenv-pvo", Scheme() with { Themes = ["a"] }, null, Scheme() with { Themes = ["a"] }, Catalog);
        Assert.True(retry.Value!.AlreadyExists);
        Assert.False(FundingSourceAggregate.DecideCreate("jenv-pvo", "jenv-pvo", Scheme(), null, null, Catalog).Value!.AlreadyExists);
    }

    [Fact]
    public void Update_keeps_kind_and_owner()
    {
        Refused(FundingSourceAggregate.DecideUpdate("jenv-pvo", null, "jenv-pvo", "NationalScheme", "national", Scheme(), null, Catalog), FundingRefusalCode.NotFound, "id");
        Refused(FundingSourceAggregate.DecideUpdate("jenv-pvo", Scheme(), "jenv-pvo", "ProvincialFund", "national", null, new("owner", "x"), Catalog), FundingRefusalCode.Invalid, "kind");
        Refused(FundingSourceAggregate.DecideUpdate("jenv-pvo", Scheme(), "jenv-pvo", "NationalScheme", "province:Limburg", null, null, Catalog), FundingRefusalCode.Invalid, "owner");
        Assert.Equal("Nieuw", FundingSourceAggregate.DecideUpdate("jenv-pvo", Scheme(), "jenv-pvo", "NationalScheme", "national", Scheme() with { Name = "Nieuw" }, null, Catalog).Value!.Name);
    }

    [Fact]
    public void A_ceiling_moves_the_appropriation_by_the_difference_under_a_versioned_key_or_books_nothing()
    {
        var plan = FundingSourceAggregate.DecideCeiling(Scheme(), "jenv-pvo", 2026, 100_000_00, 30_000_00, 7).Value!;
        Assert.Equal("ceiling:7:3000000:10000000", plan.Posting!.Key);
        Assert.Equal([70_000_00, -70_000_00], plan.Posting.Legs.Select(l => l.Cents));
        Assert.Equal(["appropriation:jenv-pvo:2026", "budget:jenv-pvo:2026"], plan.Posting.Legs.Select(l => l.Account.Value));
        Assert.Null(FundingSourceAggregate.DecideCeiling(Scheme(), "jenv-pvo", 2026, 5, 5, 9).Value!.Posting);
        Refused(FundingSourceAggregate.DecideCeiling(Levy(), "levy-ob", 2026, 5, 0, 0), FundingRefusalCode.Invalid, "ceiling");
        Refused(FundingSourceAggregate.DecideCeiling(Scheme(), "jenv-pvo", 1999, 5, 0, 0), FundingRefusalCode.Invalid, "year");
        Refused(FundingSourceAggregate.DecideCeiling(Scheme(), "jenv-pvo", 2026, -1, 0, 0), FundingRefusalCode.Invalid, "ceiling");
        Refused(FundingSourceAggregate.DecideCeiling(null, "x", 2026, 1, 0, 0), FundingRefusalCode.NotFound, "id");
    }

    [Theory]
    [InlineData("", "limburg", 2026, 1L, "commitmentId")]
    [InlineData("a:b", "limburg", 2026, 1L, "commitmentId")]
    [InlineData("c1", "atlantis", 2026, 1L, "region")]
    [InlineData("c1", "limburg", 1999, 1L, "amounts.1999")]
    [InlineData("c1", "limburg", 2026, 0L, "amounts.2026")]
    public void A_commitment_with_a_bad_field_is_refused_naming_it(string id, string region, int year, long cents, string field) =>
        Refused(Commit(C(id, region, cents, year: year)), FundingRefusalCode.Invalid, field);

    [Fact]
    public void A_commitment_is_refused_for_the_wrong_kind_a_region_outside_the_province_a_long_purpose_or_too_many_years()
    {
        Refused(Commit(C("c1"), d: Levy()), FundingRefusalCode.Invalid, "kind");
        Refused(Commit(C("c1", "noord-holland"), d: Province()), FundingRefusalCode.Invalid, "region");
        Assert.False(Commit(C("c1", "limburg"), d: Province()).IsRefused);
        Refused(Commit(C("c1", purpose: new string('x', FundingSourceLimits.MaxPurposeChars + 1))), FundingRefusalCode.Invalid, "purpose");
        var years = Enumerable.Range(2026, FundingSourceAggregate.MaxCommitmentYears + 1).ToDictionary(y => y, _ => 1L);
        Refused(Commit(new Commitment("c1", "limburg", years, null)), FundingRefusalCode.Invalid, "amounts");
    }

    [Fact]
    public void The_same_id_with_the_same_content_is_the_same_commitment_and_other_content_is_a_conflict()
    {
        var made = C("c1", purpose: "p");
        Assert.True(Commit(C("c1", purpose: "p"), made).Value!.AlreadyMade);
        Refused(Commit(C("c1", cents: 1, purpose: "p"), made), FundingRefusalCode.IdempotencyConflict, "commitmentId");
        Refused(Commit(C("c1", purpose: "q"), pending: made), FundingRefusalCode.IdempotencyConflict, "commitmentId");
        Assert.False(Commit(C("c1", purpose: "p"), pending: made).Value!.AlreadyMade);
    }

    [Fact]
    public void A_source_at_its_count_refuses_a_new_commitment_but_resumes_one_being_made()
    {
        Refused(Commit(C("c1"), count: FundingSourceLimits.MaxCommitments), FundingRefusalCode.LimitExceeded, "commitmentId");
        Assert.False(Commit(C("c1"), pending: C("c1"), count: FundingSourceLimits.MaxCommitments).IsRefused);
        Assert.True(FundingSourceLimits.MaxCommitments >= 10_000);
    }

    [Fact]
    public void A_commitment_reserves_each_year_on_the_budget_for_the_region_under_its_attempt()
    {
        var c = new Commitment("c1", "limburg", new Dictionary<int, long> { [2027] = 2, [2026] = 1 }, "doel");
        var postings = FundingSourceAggregate.Reservations("jenv-pvo", c, 3);
        Assert.Equal([2026, 2027], postings.Select(p => p.Year));
        Assert.All(postings, p => Assert.Equal("commit:c1:3", p.Key));
        Assert.Equal(["budget:jenv-pvo:2026", "commitment:jenv-pvo:2026:limburg"], postings[0].Legs.Select(l => l.Account.Value));
        Assert.Equal([1L, -1L], postings[0].Legs.Select(l => l.Cents));
    }

    [Fact]
    public void A_direct_payment_pays_only_what_is_committed_directly_and_unpaid()
    {
        FundingDecision<PayPlan> Pay(long cents, DirectPayment? known = null, long committed = 100, long paid = 40, long count = 0, FundingSourceDefinition? d = null) =>
            FundingSourceAggregate.DecidePay(d ?? Scheme("ccv"), "jenv-pvo", "p1", "limburg", 2026, cents, known, committed, paid, count, Catalog);
        var ok = Pay(60).Value!;
        Assert.False(ok.Resume);
        Assert.Equal(new DirectPayment("p1", "limburg", 2026, 60, "ccv"), ok.Payment);
        Refused(Pay(61), FundingRefusalCode.LimitExceeded, "amount");
        Refused(Pay(0), FundingRefusalCode.Invalid, "amount");
        Refused(Pay(1, count: FundingSourceLimits.MaxDirectPayments), FundingRefusalCode.LimitExceeded, "paymentId");
        // A payment recorded before is resumed even when it no longer fits (it is already counted), and a different one conflicts.
        Assert.True(Pay(60, new DirectPayment("p1", "limburg", 2026, 60, null), paid: 100).Value!.Resume);
        Refused(Pay(61, new DirectPayment("p1", "limburg", 2026, 60, null)), FundingRefusalCode.IdempotencyConflict, "paymentId");
        Refused(FundingSourceAggregate.DecidePay(Scheme(), "jenv-pvo", "p1", "atlantis", 2026, 1, null, 9, 0, 0, Catalog), FundingRefusalCode.Invalid, "region");
    }

    [Fact]
    public void A_levy_invoices_every_participant_once_and_a_different_second_invoice_is_a_conflict()
    {
        var munis = Catalog.MunicipalitiesOf("oost-brabant").Take(3).Select(m => m with { Inhabitants = 10_000, ReferenceYear = 2025 }).ToList();
        var plan = FundingSourceAggregate.DecideLevy(Levy(), "levy-ob", 2026, 2025, munis, null).Value!;
        Assert.Equal(3, plan.Postings.Count);
        Assert.All(plan.Postings, p => Assert.Equal(2_500_00, p.Cents));
        Assert.Equal($"receivable:levy-ob:2026:{munis[0].Code.ToLowerInvariant()}", plan.Postings[0].Legs[0].Account.Value);
        var issued = plan.Invoices.Select(i => (i.MunicipalityCode, i.Amount.Cents)).ToList();
        Assert.True(FundingSourceAggregate.DecideLevy(Levy(), "levy-ob", 2026, 2025, munis, issued).Value!.AlreadyInvoiced);
        Refused(FundingSourceAggregate.DecideLevy(Levy(), "levy-ob", 2026, 2025, [.. munis.Take(2)], issued), FundingRefusalCode.Conflict, "year");
        Assert.Equal(FundingRefusalCode.Invalid, FundingSourceAggregate.CheckLevy(Scheme(), "jenv-pvo", 2026)!.Code);
    }

    [Fact]
    public void Receipts_charges_hours_and_contributions_book_one_entry_each_or_name_the_field_at_fault()
    {
        var receipt = FundingSourceAggregate.DecideReceipt(Levy(), "levy-ob", "r1", 2026, "GM0014", 500).Value!;
        Assert.Equal(["cash:levy-ob:2026", "receivable:levy-ob:2026:gm0014"], receipt.Legs.Select(l => l.Account.Value));
        Refused(FundingSourceAggregate.DecideReceipt(Levy(), "levy-ob", "r1", 2026, "", 500), FundingRefusalCode.Invalid, "debtor");
        Refused(FundingSourceAggregate.DecideReceipt(Scheme(), "jenv-pvo", "r1", 2026, "GM0014", 500), FundingRefusalCode.Invalid, "kind");

        Assert.Equal(10_00, FundingSourceAggregate.DecideOverhead(Overhead(), "oh-ob", "o1", 2026, "proj-1", 100_00).Value!.Cents);
        Refused(FundingSourceAggregate.DecideOverhead(Overhead(), "oh-ob", "o1", 2026, "proj-1", 4), FundingRefusalCode.Invalid, "projectCosts");
        Refused(FundingSourceAggregate.DecideOverhead(Overhead(), "oh-ob", "o1", 2026, "proj.1", 100), FundingRefusalCode.Invalid, "projectId");

        // 1.5 hours at 55.00 is 82.50; 0.01 hour is 0.55.
        Assert.Equal(82_50, FundingSourceAggregate.DecideHours(InKind(), "ik-ob", "h1", 2026, 150, null).Value!.Cents);
        Assert.Equal(55, FundingSourceAggregate.DecideHours(InKind(), "ik-ob", "h1", 2026, 1, "kort").Value!.Cents);
        Refused(FundingSourceAggregate.DecideHours(InKind(), "ik-ob", "h1", 2026, FundingSourceAggregate.MaxCentiHours + 1, null), FundingRefusalCode.Invalid, "hours");

        Assert.Equal(["cash:pr-ob:2026", "budget:pr-ob:2026"], FundingSourceAggregate.DecideContribution(Private(), "pr-ob", "g1", 2026, "Stichting X", 1).Value!.Legs.Select(l => l.Account.Value));
        Refused(FundingSourceAggregate.DecideContribution(Private(), "pr-ob", "g1", 2026, " ", 1), FundingRefusalCode.Invalid, "contributor");
        Refused(FundingSourceAggregate.DecideContribution(Private(), "pr-ob", "g 1", 2026, "X", 1), FundingRefusalCode.Invalid, "contributionId");
    }

    [Fact]
    public void Every_posting_the_aggregate_decides_is_balanced()
    {
        var postings = new[]
        {
            FundingSourceAggregate.DecideCeiling(Scheme(), "jenv-pvo", 2026, 9, 2, 1).Value!.Posting!,
            FundingSourceAggregate.DecideReceipt(Levy(), "levy-ob", "r1", 2026, "GM0014", 500).Value!,
            FundingSourceAggregate.DecideOverhead(Overhead(), "oh-ob", "o1", 2026, "proj-1", 100_00).Value!,
            FundingSourceAggregate.DecideHours(InKind(), "ik-ob", "h1", 2026, 150, null).Value!,
            FundingSourceAggregate.DecideContribution(Private(), "pr-ob", "g1", 2026, "X", 1).Value!,
        };
        Assert.All(postings, p => Assert.Equal(0, p.Legs.Sum(l => l.Cents)));
    }
}
