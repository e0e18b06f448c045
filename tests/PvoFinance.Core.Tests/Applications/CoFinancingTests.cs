using PvoFinance.Access;
using PvoFinance.Applications;
using PvoFinance.Funding;
using static PvoFinance.Core.Tests.Applications.ApplicationKit;
using K = PvoFinance.Applications.LedgerEffectKind;
using S = PvoFinance.Applications.ApplicationState;
using T = PvoFinance.Applications.ApplicationTrigger;

namespace PvoFinance.Core.Tests.Applications;

/// <summary>
/// A plan over several sources: Limburg's fund (at most 60 % of the costs), a second Limburg fund earmarked for
/// "ondermijning", the region's levy pot, a sponsor (at most 10 %), hours in kind, and a fund of another province.
/// Amounts are hand-computed.
/// </summary>
public sealed class CoFinancingTests
{
    private static readonly FundingTerms Fund = new("prov-limburg", FundingSourceKind.ProvincialFund, LimburgFund, new Percentage(6000), []);
    private static readonly FundingTerms Earmarked = new("prov-limburg-ond", FundingSourceKind.ProvincialFund, LimburgFund, null, ["Ondermijning"]);
    private static readonly FundingTerms Levy = new("levy-limburg", FundingSourceKind.MunicipalLevy, Scope.Region("limburg"), null, []);
    private static readonly FundingTerms Sponsor = new("sponsor", FundingSourceKind.Private, Scope.Region("limburg"), new Percentage(1000), []);
    private static readonly FundingTerms Hours = new("hours", FundingSourceKind.InKind, Scope.Region("limburg"), null, []);
    private static readonly FundingTerms Brabant = new("prov-brabant", FundingSourceKind.ProvincialFund, Scope.Province("Noord-Brabant"), null, []);

    private static readonly Dictionary<string, FundingTerms> All = new[] { Fund, Earmarked, Levy, Sponsor, Hours, Brabant }.ToDictionary(t => t.Source);

    private readonly ApplicationKit _kit = new();

    private static FundingPart P(string source, string amount) => new(source, M(amount));

    /// <summary>Costs 50,000; asked 40,000: 30,000 from the fund (60 %), 6,000 levy, 4,000 sponsor (8 %).</summary>
    private static DraftContent Plan(string fund = "30000", string levy = "6000", string sponsor = "4000", string costs = "50000", string? theme = null) =>
        new("Keurmerk", M(fund) + M(levy) + M(sponsor), M(costs), theme,
            [new FundingPart("prov-limburg", M(fund)), new FundingPart("levy-limburg", M(levy)), new FundingPart("sponsor", M(sponsor))]);

    private TransitionResult Create(DraftContent content, FundingTerms? lead = null) =>
        ApplicationWorkflow.CreateDraft("app-cf", "limburg", lead ?? Fund, All, SchemeRules.Default, Manager, content, Rules, _kit.Clock);

    private ApplicationWorkflow UnderReview(DraftContent? content = null)
    {
        var created = Create(content ?? Plan());
        Assert.True(created.IsOk, created.ToString());
        var wf = new ApplicationWorkflow(created.Application, Rules, _kit.Clock, All);
        Ok(wf, T.Submit, Manager);
        Ok(wf, T.StartReview, Officer);
        return wf;
    }

    [Fact]
    public void A_plan_records_its_parts_costs_and_the_terms_of_each_source()
    {
        var app = Create(Plan()).Application;
        Assert.Equal(M("40000"), app.Requested);
        Assert.Equal(M("50000"), app.ProjectCosts);
        Assert.Equal(["prov-limburg", "levy-limburg", "sponsor"], app.Plan.Select(p => p.Source));
        Assert.Equal(["prov-limburg", "levy-limburg", "sponsor"], app.Sources.Select(t => t.Source));
        Assert.Equal("prov-limburg", app.LeadSource);
        Assert.Empty(ApplicationInvariants.Violations(app));
    }

    [Theory]
    [InlineData("30000", "6000", "4000", "50000", null, null)]                  // exactly 60 % and 8 %
    [InlineData("30000.01", "6000", "4000", "50000", "funding[0].amount", "60.00 %")] // one cent over the fund's share
    [InlineData("30000", "5000", "5000.01", "50000", "funding[2].amount", "10.00 %")] // the sponsor over 10 %
    [InlineData("30000", "6000", "4000", "39999.99", "projectCosts", "cannot be less")]
    public void Shares_are_judged_exactly_against_the_costs(string fund, string levy, string sponsor, string costs, string? field, string? words)
    {
        var r = Create(Plan(fund, levy, sponsor, costs));
        if (field is null)
        {
            Assert.True(r.IsOk, r.ToString());
            return;
        }
        Assert.False(r.IsOk);
        Assert.Equal(field, r.Refusal!.Field);
        Assert.Contains(words!, r.Refusal.Reason);
    }

    [Fact]
    public void Parts_must_add_up_be_distinct_known_and_include_the_fund_applied_to()
    {
        DraftContent With(params FundingPart[] parts) => new("Keurmerk", M("10000"), M("100000"), null, parts);
        var cases = new (DraftContent Content, string Field)[]
        {
            (With(P("prov-limburg", "6000"), P("levy-limburg", "3000")), "funding"),
            (With(P("prov-limburg", "6000"), P("prov-limburg", "4000")), "funding[1].source"),
            (With(P("prov-limburg", "6000"), P("nobody", "4000")), "funding[1].source"),
            (With(P("levy-limburg", "10000")), "funding"),
            (With(P("prov-limburg", "10000"), P("levy-limburg", "0")), "funding[1].amount"),
        };
        foreach (var (content, field) in cases)
        {
            var r = Create(content);
            Assert.False(r.IsOk, $"{string.Join(", ", content.Funding!)} should be refused");
            Assert.Equal(field, r.Refusal!.Field);
        }
    }

    [Fact]
    public void Hours_in_kind_and_another_owners_fund_cannot_pay_but_the_same_owners_fund_can()
    {
        DraftContent With(string other) => new("Keurmerk", M("10000"), M("100000"), "Ondermijning", [new("prov-limburg", M("6000")), new(other, M("4000"))]);
        var hours = Create(With("hours"));
        Assert.Contains("in kind", hours.Refusal!.Reason);
        var brabant = Create(With("prov-brabant"));
        Assert.Equal("funding[1].source", brabant.Refusal!.Field);
        Assert.Contains("Apply to that fund separately", brabant.Refusal.Reason);
        Assert.True(Create(With("prov-limburg-ond")).IsOk);
    }

    [Fact]
    public void An_earmarked_source_pays_only_for_its_theme()
    {
        DraftContent With(string? theme) => new("Keurmerk", M("10000"), M("100000"), theme, [new("prov-limburg", M("6000")), new("prov-limburg-ond", M("4000"))]);
        Assert.Equal("theme", Create(With(null)).Refusal!.Field);
        Assert.Equal("theme", Create(With("Winkelcriminaliteit")).Refusal!.Field);
        Assert.True(Create(With("ondermijning")).IsOk, "themes compare without case");
    }

    [Fact]
    public void Granting_less_than_requested_scales_the_plan_and_commits_each_part()
    {
        var wf = UnderReview();
        // 32,000 of 40,000 over 30,000 / 6,000 / 4,000 → 24,000 / 4,800 / 3,200.
        var r = Ok(wf, T.Grant, Officer, _kit.Grant("32000"));
        Assert.Equal(["prov-limburg=24000.00", "levy-limburg=4800.00", "sponsor=3200.00"], wf.Application.Split.Select(p => p.ToString()));
        Assert.Equal(
            [("prov-limburg", K.Commit, M("24000")), ("levy-limburg", K.Commit, M("4800")), ("sponsor", K.Commit, M("3200"))],
            r.Effects.Select(e => (e.Source, e.Kind, e.Amount)));
    }

    [Fact]
    public void A_named_split_stays_within_each_planned_part_and_adds_up()
    {
        var wf = UnderReview();
        GrantDecision With(params FundingPart[] split) => _kit.Grant("36000") with { Split = split };
        No(wf, T.Grant, Officer, With(new("prov-limburg", M("30000")), new("levy-limburg", M("6000.01"))), "split[1].amount");
        No(wf, T.Grant, Officer, With(new("prov-limburg", M("30000")), new("levy-limburg", M("5000"))), "split");
        No(wf, T.Grant, Officer, With(new("prov-limburg", M("30000")), new("prov-brabant", M("6000"))), "split[1].source");
        No(wf, T.Grant, Officer, With(new("levy-limburg", M("6000")), new("sponsor", M("4000"))), "split");
        var r = Ok(wf, T.Grant, Officer, With(new("prov-limburg", M("30000")), new("levy-limburg", M("6000"))));
        Assert.Equal([M("30000"), M("6000")], r.Effects.Select(e => e.Amount));
    }

    [Fact]
    public void Advances_determination_and_reclaim_are_spread_over_the_sources_to_the_cent()
    {
        var wf = UnderReview();
        // Granted 40,000 (30,000 / 6,000 / 4,000); one advance of 30,000.01 → spread by what each has committed.
        Ok(wf, T.Grant, Officer, _kit.Grant("40000", (0, "30000.01")));
        var advance = Ok(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("30000.01")));
        Assert.Equal([M("22500.01"), M("4500"), M("3000")], advance.Effects.Select(e => e.Amount));

        Ok(wf, T.SubmitAccountability, Manager, new AccountabilityReport("gedaan"));
        // Determined 20,000: 10,000.01 to reclaim, spread by what each advanced; every commitment released.
        var d = Ok(wf, T.Determine, Officer, new Determination(M("20000"), "minder activiteiten"));
        var reclaim = d.Effects.Where(e => e.Kind == K.Receivable).Select(e => (e.Source, e.Amount)).ToList();
        Assert.Equal([("prov-limburg", M("7500.01")), ("levy-limburg", M("1500")), ("sponsor", M("1000"))], reclaim);
        var released = d.Effects.Where(e => e.Kind == K.Release).Select(e => (e.Source, e.Amount)).ToList();
        Assert.Equal([("prov-limburg", M("7499.99")), ("levy-limburg", M("1500")), ("sponsor", M("1000"))], released);
        Assert.Equal(M("10000.01"), wf.Application.Amounts.Receivable);

        // Each source now holds what it paid minus its reclaim: 15,000 / 3,000 / 2,000 = the 20,000 determined.
        var kept = wf.Application.Positions().Select(p => p.Amounts.NetPaid - p.Amounts.Receivable).ToList();
        Assert.Equal([M("15000"), M("3000"), M("2000")], kept);

        var receipt = Ok(wf, T.RecordReclaim, Treasurer, new MoneyRecord(M("10000.01")));
        Assert.Equal(3, receipt.Effects.Count);
        Assert.Equal(S.Settled, wf.Application.State);
    }

    [Fact]
    public void An_amendment_takes_a_decrease_from_what_stays_committed_never_below_an_advance()
    {
        var wf = UnderReview();
        Ok(wf, T.Grant, Officer, _kit.Grant("40000", (0, "6000")));
        Ok(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("6000"))); // 4,500 / 900 / 600
        Ok(wf, T.RequestAmendment, Manager, new AmendmentRequest(M("20000"), null, "kleiner project"));
        // Amended to 20,000: take 20,000 back by what each still has committed (25,500 / 5,100 / 3,400).
        var r = Ok(wf, T.ApproveAmendment, Officer, new AmendmentDecision(M("20000"), wf.Application.EndDate!.Value, Reason: "akkoord"));
        Assert.Equal([("prov-limburg", M("15000")), ("levy-limburg", M("3000")), ("sponsor", M("2000"))],
            r.Effects.Select(e => (e.Source, e.Amount)));
        Assert.All(r.Effects, e => Assert.Equal(K.Release, e.Kind));
        Assert.Equal(["prov-limburg=15000.00", "levy-limburg=3000.00", "sponsor=2000.00"], wf.Application.Split.Select(p => p.ToString()));

        // A named split that leaves the sponsor below its 600 advanced is refused.
        Ok(wf, T.RequestAmendment, Manager, new AmendmentRequest(M("20000"), null, "verschuiven"));
        No(wf, T.ApproveAmendment, Officer, new AmendmentDecision(M("20000"), wf.Application.EndDate!.Value, Reason: "akkoord",
            Split: [new("prov-limburg", M("17000")), new("levy-limburg", M("2500.01")), new("sponsor", M("499.99"))]), "split");
    }

    [Fact]
    public void An_amendment_increase_is_spread_over_the_granted_parts_and_kept_within_the_shares()
    {
        var wf = UnderReview(Plan(fund: "20000", levy: "6000", sponsor: "4000", costs: "50000"));
        Ok(wf, T.Grant, Officer, _kit.Grant("30000"));
        Ok(wf, T.RequestAmendment, Manager, new AmendmentRequest(M("45000"), null, "groter"));
        // +15,000 over 20,000 / 6,000 / 4,000 → the fund to 30,000 (60 %), the sponsor to 6,000 (12 % > 10 %): refused.
        No(wf, T.ApproveAmendment, Officer, new AmendmentDecision(M("45000"), wf.Application.EndDate!.Value, Reason: "akkoord"), "split[2].amount");
        var r = Ok(wf, T.ApproveAmendment, Officer, new AmendmentDecision(M("45000"), wf.Application.EndDate!.Value, Reason: "akkoord",
            Split: [new("prov-limburg", M("30000")), new("levy-limburg", M("10000")), new("sponsor", M("5000"))]));
        Assert.Equal([("prov-limburg", M("10000")), ("levy-limburg", M("4000")), ("sponsor", M("1000"))], r.Effects.Select(e => (e.Source, e.Amount)));
        Assert.All(r.Effects, e => Assert.Equal(K.Commit, e.Kind));
    }

    [Fact]
    public void Revocation_reverses_and_reclaims_per_source()
    {
        var wf = UnderReview();
        Ok(wf, T.Grant, Officer, _kit.Grant("40000", (0, "10000")));
        Ok(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("10000"))); // 7,500 / 1,500 / 1,000
        var r = Ok(wf, T.Revoke, Officer, new Note("fraude"));
        Assert.Equal(
            [("prov-limburg", K.Reverse, M("22500")), ("prov-limburg", K.Receivable, M("7500")),
             ("levy-limburg", K.Reverse, M("4500")), ("levy-limburg", K.Receivable, M("1500")),
             ("sponsor", K.Reverse, M("3000")), ("sponsor", K.Receivable, M("1000"))],
            r.Effects.Select(e => (e.Source, e.Kind, e.Amount)));
    }

    [Fact]
    public void A_second_approver_of_a_tier_C_grant_approves_the_same_split_whether_named_or_implied()
    {
        var wf = UnderReview(Plan(fund: "150000", levy: "30000", sponsor: "20000", costs: "250000"));
        // 180,000 of 200,000: implied 135,000 / 27,000 / 18,000.
        var implied = _kit.Grant("180000");
        Ok(wf, T.Grant, Officer, implied);
        No(wf, T.Grant, Officer2, implied with { Split = [P("prov-limburg", "150000"), P("levy-limburg", "20000"), P("sponsor", "10000")] }, "terms");
        Ok(wf, T.Grant, Officer2, implied with { Split = [P("prov-limburg", "135000"), P("levy-limburg", "27000"), P("sponsor", "18000")] });
        Assert.Equal(S.Granted, wf.Application.State);
    }

    [Fact]
    public void Stored_single_source_applications_read_as_a_plan_of_their_source()
    {
        var wf = _kit.Granted("60000", (0, "10000"));
        Ok(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("10000")));
        var old = wf.Application with
        {
            LeadSource = "",
            Plan = [],
            Sources = [],
            Split = [],
            History = [.. wf.Application.History.Select(h => h with { Effects = [.. h.Effects.Select(e => e with { Source = null! })] })],
        };
        Assert.True(ApplicationUpgrade.NeedsPlan(old));
        var upgraded = ApplicationUpgrade.ToPlan(old, "prov-limburg");
        Assert.Empty(ApplicationInvariants.Violations(upgraded));
        Assert.Equal([new SourcePosition("prov-limburg", wf.Application.Amounts)], upgraded.Positions());
        Assert.Same(upgraded, ApplicationUpgrade.ToPlan(upgraded, "other"));
    }
}
