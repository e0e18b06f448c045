using PvoFinance.Access;
using PvoFinance.Applications;
using static PvoFinance.Core.Tests.Applications.ApplicationKit;
using K = PvoFinance.Applications.LedgerEffectKind;
using S = PvoFinance.Applications.ApplicationState;
using T = PvoFinance.Applications.ApplicationTrigger;

namespace PvoFinance.Core.Tests.Applications;

public sealed class LifecycleTests
{
    [Fact]
    public void Tier_A_is_granted_and_determined_at_once_then_paid_and_closed_after_five_years()
    {
        var kit = new ApplicationKit();
        var wf = kit.UnderReview("20000");
        var r = Ok(wf, T.Grant, Officer, kit.Grant("20000"));
        Assert.Equal((S.UnderReview, S.Determined), (r.Entry!.From, r.Entry.To));
        Assert.Equal([E(K.Commit, "20000"), E(K.Payable, "20000")], r.Effects);
        var app = wf.Application;
        Assert.Equal(AccountabilityTier.A, app.Tier);
        Assert.Equal(M("20000"), app.Determined);
        Assert.Equal(kit.Today, app.DeterminedOn);
        Assert.Equal(kit.Today.PlusWeeks(6), app.Deadlines.Payment);
        Assert.Equal([T.RecordPayment], wf.PermittedTriggers(Treasurer));

        var paid = Ok(wf, T.RecordPayment, Treasurer, new MoneyRecord(M("20000"), "SEPA 0001"));
        Assert.Equal(S.Settled, paid.Entry!.To);
        Assert.Equal([E(K.Payment, "20000")], paid.Effects);

        No(wf, T.Close, Officer, field: "state", code: RefusalCode.Conflict);
        kit.AdvanceDays(5 * 366);
        Ok(wf, T.Close, Officer);
        Assert.Equal(S.Closed, wf.Application.State);
        Assert.Empty(wf.PermittedTriggers(Officer));
    }

    [Fact]
    public void Tier_A_has_no_advances_and_no_accountability_date()
    {
        var kit = new ApplicationKit();
        var wf = kit.UnderReview("20000");
        No(wf, T.Grant, Officer, kit.Grant("20000", (0, "5000")), field: "advances");
        No(wf, T.Grant, Officer, kit.Grant("20000") with { AccountabilityDue = kit.Today.PlusMonths(12) }, field: "accountabilityDue");
    }

    [Fact]
    public void A_payment_of_a_named_advance_is_not_booked_as_the_next_one()
    {
        // Two equal advances due at once: the amount alone cannot tell which one a bank's confirmation pays.
        var kit = new ApplicationKit();
        var wf = kit.Granted("60000", (0, "20000"), (0, "20000"));
        No(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("20000"), "batch", Number: 2), field: "advance", code: RefusalCode.Conflict);
        Ok(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("20000"), "by hand"));   // advance 1, recorded by hand
        var twice = No(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("20000"), "batch", Number: 1), field: "advance", code: RefusalCode.Conflict);
        Assert.Contains("already paid", twice.Reason, StringComparison.Ordinal);
        Assert.Equal(1, wf.Application.AdvancesPaidCount);
        Ok(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("20000"), "batch", Number: 2));
        Assert.Equal(M("40000"), wf.Application.Amounts.AdvancesPaid);
    }

    [Fact]
    public void Tier_B_pays_advances_by_schedule_accounts_for_results_only_and_is_determined()
    {
        var kit = new ApplicationKit();
        var wf = kit.Granted("60000", (0, "20000"), (90, "20000"));
        Assert.Equal(AccountabilityTier.B, wf.Application.Tier);
        Assert.Equal([E(K.Commit, "60000")], wf.Application.History[^1].Effects);

        var first = Ok(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("20000"), "SEPA 1"));
        Assert.Equal((S.Granted, S.Granted), (first.Entry!.From, first.Entry.To));
        Assert.Equal([E(K.Advance, "20000")], first.Effects);
        No(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("20000")), field: "amount");   // second not yet due
        kit.AdvanceDays(90);
        Ok(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("20000"), "SEPA 2"));
        No(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("20000")), field: "advances"); // schedule done
        Assert.DoesNotContain(T.PayAdvance, wf.PermittedTriggers(Treasurer));

        // Results only: no costs, no auditor's statement needed in tier B.
        No(wf, T.SubmitAccountability, Manager, new AccountabilityReport(" "), field: "results");
        Ok(wf, T.SubmitAccountability, Manager, new AccountabilityReport("Keurmerk behaald"));
        var d = Ok(wf, T.Determine, Officer, new Determination(M("60000"), "prestaties geleverd"));
        Assert.Equal(S.Determined, d.Entry!.To);
        Assert.Equal([E(K.Payable, "20000")], d.Effects);
        Ok(wf, T.RecordPayment, Treasurer, new MoneyRecord(M("20000")));
        Assert.Equal(S.Settled, wf.Application.State);
        Assert.True(wf.Application.Amounts.NothingOutstanding);
        Assert.Equal(M("60000"), wf.Application.Amounts.NetPaid);
    }

    [Fact]
    public void Tier_C_needs_costs_an_auditors_statement_and_two_different_approvers()
    {
        var kit = new ApplicationKit();
        var wf = kit.UnderReview("200000");
        var grant = kit.Grant("200000", (0, "100000"));
        var first = Ok(wf, T.Grant, Officer, grant);
        Assert.Equal((S.UnderReview, S.UnderReview), (first.Entry!.From, first.Entry.To));
        Assert.Empty(first.Effects);
        Assert.Equal("o1", wf.Application.PendingApproval!.UserId);
        var second = Ok(wf, T.Grant, Officer2, grant);
        Assert.Equal(S.Granted, second.Entry!.To);
        Assert.Equal([E(K.Commit, "200000")], second.Effects);
        Assert.Equal(AccountabilityTier.C, wf.Application.Tier);
        Assert.Null(wf.Application.PendingApproval);

        Ok(wf, T.PayAdvance, NationalTreasurer, new AdvancePayment(M("100000")));
        No(wf, T.SubmitAccountability, Manager, new AccountabilityReport("resultaten"), field: "realisedCosts");
        No(wf, T.SubmitAccountability, Manager, new AccountabilityReport("resultaten", M("180000")), field: "auditorStatement");
        Ok(wf, T.SubmitAccountability, Manager, FullReport("180000"));

        var d1 = Ok(wf, T.Determine, Officer2, new Determination(M("180000"), "kosten lager dan begroot"));
        Assert.Equal(S.AccountabilitySubmitted, d1.Entry!.To);
        Assert.Empty(d1.Effects);
        No(wf, T.Determine, Officer2, new Determination(M("180000"), "kosten lager dan begroot"), field: "caller", code: RefusalCode.Forbidden);
        var d2 = Ok(wf, T.Determine, Officer, new Determination(M("180000"), "kosten lager dan begroot"));
        Assert.Equal(S.Determined, d2.Entry!.To);
        Assert.Equal([E(K.Payable, "80000"), E(K.Release, "20000")], d2.Effects);
    }

    [Fact]
    public void A_national_scheme_is_decided_by_the_ministry_not_by_a_province()
    {
        var kit = new ApplicationKit();
        var wf = kit.Draft("60000", fund: Scope.National);
        Ok(wf, T.Submit, Manager);
        No(wf, T.StartReview, Officer, field: "caller", code: RefusalCode.Forbidden);
        Ok(wf, T.StartReview, Ministry);
        Ok(wf, T.Grant, Ministry, kit.Grant("60000", (0, "10000")));
        No(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("10000")), field: "caller");  // a province's treasurer does not keep national books
        Ok(wf, T.PayAdvance, NationalTreasurer, new AdvancePayment(M("10000")));
    }

    [Fact]
    public void Withdrawal_is_possible_before_a_decision_and_not_after()
    {
        foreach (var stop in new[] { S.Draft, S.Submitted, S.UnderReview, S.InformationRequested })
        {
            var kit = new ApplicationKit();
            var wf = kit.Draft("60000");
            if (stop != S.Draft) Ok(wf, T.Submit, Manager);
            if (stop is S.UnderReview or S.InformationRequested) Ok(wf, T.StartReview, Officer);
            if (stop == S.InformationRequested) Ok(wf, T.RequestInformation, Officer, new Note("welke gemeenten?"));
            Assert.Equal(stop, wf.Application.State);
            No(wf, T.Withdraw, Officer, field: "caller");
            var r = Ok(wf, T.Withdraw, Manager2, new Note("elders gefinancierd"));
            Assert.Equal((stop, S.Withdrawn), (r.Entry!.From, r.Entry.To));
            Assert.Equal(Deadlines.None, wf.Application.Deadlines);
            Ok(wf, T.Close, Officer);
        }
        var granted = new ApplicationKit().Granted("60000");
        No(granted, T.Withdraw, Manager, field: "state", code: RefusalCode.Conflict);
    }

    [Fact]
    public void A_rejection_needs_a_reason_and_ends_the_decision_term()
    {
        var kit = new ApplicationKit();
        var wf = kit.UnderReview("60000");
        No(wf, T.Reject, Officer, new Note(""), field: "reason", code: RefusalCode.Invalid);
        var r = Ok(wf, T.Reject, Officer, new Note("plafond bereikt (Awb 4:25)"));
        Assert.Equal("plafond bereikt (Awb 4:25)", r.Entry!.Reason);
        Assert.Empty(r.Effects);
        Assert.Null(wf.Application.Deadlines.Decision);
        No(wf, T.Grant, Officer, kit.Grant("60000"), field: "state");
    }

    [Fact]
    public void Editing_a_draft_is_the_regions_managers_and_makes_them_a_preparer()
    {
        var kit = new ApplicationKit();
        var wf = kit.Draft("60000");
        No(wf, T.EditDraft, OtherManager, new DraftContent("x", M("1")), field: "caller");
        No(wf, T.EditDraft, Manager2, new DraftContent("", M("1")), field: "title");
        No(wf, T.EditDraft, Manager2, new DraftContent("x", M("0")), field: "requested");
        Ok(wf, T.EditDraft, Manager2, new DraftContent("Keurmerk Heerlen", M("70000")));
        Assert.Equal(M("70000"), wf.Application.Requested);
        Assert.Equal(["m1", "m2"], wf.Application.ApplicantSide);
    }

    [Fact]
    public void Creating_a_draft_checks_region_fund_and_content()
    {
        var kit = new ApplicationKit();
        var content = new DraftContent("Keurmerk", M("1000"));
        var byOther = ApplicationWorkflow.CreateDraft("a", "limburg", LimburgFund, SchemeRules.Default, OtherManager, content, Rules, kit.Clock);
        Assert.Equal("caller", byOther.Refusal?.Field);
        var regionFund = ApplicationWorkflow.CreateDraft("a", "limburg", Scope.Region("limburg"), SchemeRules.Default, Manager, content, Rules, kit.Clock);
        Assert.Equal("fundOwner", regionFund.Refusal?.Field);
        var empty = ApplicationWorkflow.CreateDraft("a", "limburg", LimburgFund, SchemeRules.Default, Manager, content with { Requested = Money.Zero }, Rules, kit.Clock);
        Assert.Equal("requested", empty.Refusal?.Field);
        var ok = ApplicationWorkflow.CreateDraft("a", "limburg", LimburgFund, SchemeRules.Default, Manager, content, Rules, kit.Clock);
        Assert.True(ok.IsOk);
        Assert.Equal(S.Draft, ok.Application.State);
        Assert.Equal("created", Assert.Single(ok.Application.History).Reason);
    }

    [Fact]
    public void The_history_records_who_in_which_role_when_why_from_to_and_the_effects()
    {
        var kit = new ApplicationKit();
        var wf = kit.UnderReview("60000");
        kit.AdvanceDays(3);
        Ok(wf, T.Grant, Officer, kit.Grant("60000"));
        var h = wf.Application.History;
        Assert.Equal([1, 2, 3, 4], h.Select(e => e.Sequence));
        Assert.Equal([T.EditDraft, T.Submit, T.StartReview, T.Grant], h.Select(e => e.Trigger));
        var grant = h[^1];
        Assert.Equal(("o1", Role.ProvincialOfficer), (grant.UserId, grant.Role));
        Assert.Equal(Start.Plus(NodaTime.Duration.FromDays(3)), grant.At);
        Assert.Equal((S.UnderReview, S.Granted), (grant.From, grant.To));
        Assert.Equal("past the committee", grant.Reason);
        Assert.Equal([E(K.Commit, "60000")], grant.Effects);
        Assert.Equal(("m1", Role.PvoManager, S.Draft, S.Submitted), (h[1].UserId, h[1].Role, h[1].From, h[1].To));
    }
}
