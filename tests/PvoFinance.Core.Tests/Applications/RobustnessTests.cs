using PvoFinance.Applications;
using static PvoFinance.Core.Tests.Applications.ApplicationKit;
using S = PvoFinance.Applications.ApplicationState;
using T = PvoFinance.Applications.ApplicationTrigger;

namespace PvoFinance.Core.Tests.Applications;

/// <summary>Requests that are malformed never throw and never change anything.</summary>
public sealed class RobustnessTests
{
    [Fact]
    public void A_payload_of_the_wrong_type_or_a_missing_one_is_refused()
    {
        var kit = new ApplicationKit();
        var wf = kit.UnderReview("60000");
        No(wf, T.Grant, Officer, new Note("x"), field: "payload", code: RefusalCode.Invalid);
        No(wf, T.Grant, Officer, null, field: "payload");
        No(wf, T.Grant, Officer, "60000", field: "payload");
        // Motivation-only triggers accept a missing note where no reason is required ...
        var withdrawn = kit.UnderReview("60000");
        Ok(withdrawn, T.Withdraw, Manager);
        // ... and refuse it where one is.
        No(wf, T.Reject, Officer, null, field: "reason");
    }

    [Fact]
    public void An_undefined_trigger_or_a_missing_actor_is_refused()
    {
        var kit = new ApplicationKit();
        var wf = kit.Draft("60000");
        No(wf, (T)999, Manager, field: "trigger");
        No(wf, T.Submit, null!, field: "caller");
    }

    [Fact]
    public void Over_long_texts_are_refused_not_truncated()
    {
        var kit = new ApplicationKit();
        var wf = kit.UnderReview("60000");
        var essay = new string('x', ApplicationLimits.MaxTextLength + 1);
        No(wf, T.Reject, Officer, new Note(essay), field: "reason");
        No(wf, T.Grant, Officer, kit.Grant("60000") with { Reason = essay }, field: "reason");
        Ok(wf, T.Reject, Officer, new Note(new string('x', ApplicationLimits.MaxTextLength)));
    }

    [Fact]
    public void Information_requests_are_bounded()
    {
        var kit = new ApplicationKit();
        var wf = kit.UnderReview("60000");
        for (var i = 0; i < ApplicationLimits.MaxInformationRequests; i++)
        {
            Ok(wf, T.RequestInformation, Officer, new Note($"vraag {i}"));
            Ok(wf, T.SupplyInformation, Manager, new Note($"antwoord {i}"));
        }
        No(wf, T.RequestInformation, Officer, new Note("nog een"), field: "state", code: RefusalCode.Conflict);
        Assert.Contains(T.Grant, wf.PermittedTriggers(Officer));
    }

    [Fact]
    public void Advance_schedules_are_bounded()
    {
        var kit = new ApplicationKit();
        var wf = kit.UnderReview("60000");
        var many = Enumerable.Range(0, ApplicationLimits.MaxAdvances + 1).Select(i => (i, "100")).ToArray();
        No(wf, T.Grant, Officer, kit.Grant("60000", many), field: "advances");
        Ok(wf, T.Grant, Officer, kit.Grant("60000", many[..ApplicationLimits.MaxAdvances]));
    }

    [Fact]
    public void A_grant_with_an_end_date_in_the_past_or_accountability_before_the_end_is_refused()
    {
        var kit = new ApplicationKit();
        var wf = kit.UnderReview("60000");
        No(wf, T.Grant, Officer, kit.Grant("60000") with { EndDate = kit.Today.PlusDays(-1) }, field: "endDate");
        var g = kit.Grant("60000");
        No(wf, T.Grant, Officer, g with { AccountabilityDue = g.EndDate.PlusDays(-1) }, field: "accountabilityDue");
        No(wf, T.Grant, Officer, g with { AccountabilityDue = null }, field: "accountabilityDue");
        Assert.Equal(S.UnderReview, wf.Application.State);
    }

    [Fact]
    public void A_workflow_rebuilt_from_the_stored_value_continues_where_it_was()
    {
        var kit = new ApplicationKit();
        var wf = kit.Granted("60000", (0, "20000"));
        var stored = wf.Application;
        var reloaded = new ApplicationWorkflow(stored, Rules, kit.Clock);
        Assert.Equal(S.Granted, reloaded.Application.State);
        Assert.Equal(wf.PermittedTriggers(Treasurer), reloaded.PermittedTriggers(Treasurer));
        Ok(reloaded, T.PayAdvance, Treasurer, new AdvancePayment(M("20000")));
        // The old workflow's value is untouched: values are immutable, the caller decides what to persist.
        Assert.Equal(0, stored.AdvancesPaidCount);
    }

    [Fact]
    public void Invariants_catch_a_tampered_value()
    {
        var kit = new ApplicationKit();
        var wf = kit.Granted("60000");
        var app = wf.Application;
        Assert.Empty(ApplicationInvariants.Violations(app));
        Assert.NotEmpty(ApplicationInvariants.Violations(app with { Granted = M("70000") }));
        Assert.NotEmpty(ApplicationInvariants.Violations(app with { Amounts = app.Amounts with { OpenCommitment = M("1") } }));
        Assert.NotEmpty(ApplicationInvariants.Violations(app with { Determined = M("60000.01") }));
        Assert.NotEmpty(ApplicationInvariants.Violations(app with { State = S.Settled }));
        Assert.NotEmpty(ApplicationInvariants.Violations(app with { AdvancesPaidCount = 1 }));
    }

    [Fact]
    public async Task A_tampered_value_is_refused_rather_than_carried_forward()
    {
        var kit = new ApplicationKit();
        var good = kit.Granted("60000", (0, "20000")).Application;
        // A value whose position does not match its history (as if a store had lost an entry).
        var broken = good with { Amounts = good.Amounts with { OpenCommitment = M("100000") }, Granted = M("100000") };
        var wf = new ApplicationWorkflow(broken, Rules, kit.Clock);
        var r = await wf.FireAsync(T.PayAdvance, Treasurer, new AdvancePayment(M("20000")));
        Assert.False(r.IsOk);
        Assert.Equal(RefusalCode.Internal, r.Refusal!.Code);
        Assert.Same(broken, wf.Application);
    }
}
