using PvoFinance.Applications;
using static PvoFinance.Core.Tests.Applications.ApplicationKit;
using S = PvoFinance.Applications.ApplicationState;
using T = PvoFinance.Applications.ApplicationTrigger;

namespace PvoFinance.Core.Tests.Applications;

public sealed class FourEyesTests
{
    [Fact]
    public void Whoever_submitted_cannot_grant_even_with_an_officers_token()
    {
        var kit = new ApplicationKit();
        var wf = kit.UnderReview("60000");
        var refusal = No(wf, T.Grant, ManagerAsOfficer, kit.Grant("60000"), field: "caller", code: RefusalCode.Forbidden);
        Assert.Contains("someone else", refusal.Reason);
        Assert.DoesNotContain(T.Grant, wf.PermittedTriggers(ManagerAsOfficer));
        Assert.Contains(T.Grant, wf.PermittedTriggers(Officer));
        // Rejecting is not an approval: four-eyes does not apply to it.
        Assert.Contains(T.Reject, wf.PermittedTriggers(ManagerAsOfficer));
    }

    [Fact]
    public void Whoever_only_edited_the_draft_cannot_grant_either()
    {
        var kit = new ApplicationKit();
        var wf = kit.Draft("60000");
        Ok(wf, T.EditDraft, Manager2, new DraftContent("Keurmerk", M("60000")));
        Ok(wf, T.Submit, Manager);
        Ok(wf, T.StartReview, Officer);
        var m2AsOfficer = new Actor("m2", ManagerAsOfficer.Caller);
        No(wf, T.Grant, m2AsOfficer, kit.Grant("60000"), field: "caller");
    }

    [Fact]
    public void The_same_approver_twice_is_refused_for_tier_C()
    {
        var kit = new ApplicationKit();
        var wf = kit.UnderReview("200000");
        var grant = kit.Grant("200000");
        Ok(wf, T.Grant, Officer, grant);
        No(wf, T.Grant, Officer, grant, field: "caller", code: RefusalCode.Forbidden);
        Assert.DoesNotContain(T.Grant, wf.PermittedTriggers(Officer));
        Assert.Contains(T.Grant, wf.PermittedTriggers(Officer2));
        Assert.Equal(S.UnderReview, wf.Application.State);
    }

    [Fact]
    public void The_second_approver_must_approve_the_same_amount_and_terms()
    {
        var kit = new ApplicationKit();
        var wf = kit.UnderReview("200000");
        var grant = kit.Grant("200000");
        Ok(wf, T.Grant, Officer, grant);
        No(wf, T.Grant, Officer2, grant with { Amount = M("190000") }, field: "amount");
        No(wf, T.Grant, Officer2, grant with { EndDate = grant.EndDate.PlusDays(1) }, field: "terms");
        Ok(wf, T.Grant, Officer2, grant with { Reason = "eens" });
    }

    [Fact]
    public void An_information_request_voids_a_first_approval()
    {
        var kit = new ApplicationKit();
        var wf = kit.UnderReview("200000");
        Ok(wf, T.Grant, Officer, kit.Grant("200000"));
        Ok(wf, T.RequestInformation, Officer2, new Note("nieuwe offerte nodig"));
        Assert.Null(wf.Application.PendingApproval);
        Ok(wf, T.SupplyInformation, Manager, new Note("offerte bijgevoegd"));
        var again = Ok(wf, T.Grant, Officer2, kit.Grant("200000"));
        Assert.Equal(S.UnderReview, again.Entry!.To);   // a first approval again, not a completion
    }

    [Fact]
    public void A_tier_B_grant_needs_one_approver()
    {
        var kit = new ApplicationKit();
        var wf = kit.UnderReview("124999.99");
        Assert.Equal(S.Granted, Ok(wf, T.Grant, Officer, kit.Grant("124999.99")).Entry!.To);
    }

    [Fact]
    public void The_tier_C_boundary_comparator_decides_whether_a_second_approver_is_needed()
    {
        var kit = new ApplicationKit();
        var above = new SchemeRules(new TierRules(M("25000"), M("125000"), TierBoundary.AboveThresholdIsTierC), LegalClocks.Default);
        var rvo = kit.UnderReview("125000", scheme: above);
        Assert.Equal(S.Granted, Ok(rvo, T.Grant, Officer, kit.Grant("125000")).Entry!.To);
        var gelderland = kit.UnderReview("125000");
        Assert.Equal(S.UnderReview, Ok(gelderland, T.Grant, Officer, kit.Grant("125000")).Entry!.To);
    }

    [Fact]
    public void Whoever_asked_for_an_amendment_cannot_approve_it_and_tier_C_amendments_need_two()
    {
        var kit = new ApplicationKit();
        var wf = kit.Granted("200000");
        var m2AsOfficer = new Actor("m2", ManagerAsOfficer.Caller);
        Ok(wf, T.RequestAmendment, Manager2, new AmendmentRequest(M("220000"), null, "extra locaties"));
        Ok(wf, T.ApproveAmendment, Officer, new AmendmentDecision(M("210000"), wf.Application.EndDate!.Value));
        No(wf, T.ApproveAmendment, m2AsOfficer, new AmendmentDecision(M("210000"), wf.Application.EndDate!.Value), field: "caller");
        No(wf, T.ApproveAmendment, Officer, new AmendmentDecision(M("210000"), wf.Application.EndDate!.Value), field: "caller");
        var done = Ok(wf, T.ApproveAmendment, Officer2, new AmendmentDecision(M("210000"), wf.Application.EndDate!.Value));
        Assert.Equal(S.Granted, done.Entry!.To);
        Assert.Equal(M("210000"), wf.Application.Granted);
    }

    [Fact]
    public void Whoever_submitted_the_accountability_cannot_determine()
    {
        var kit = new ApplicationKit();
        var wf = kit.Granted("60000");
        var m2 = new Actor("m2", Manager.Caller);
        Ok(wf, T.SubmitAccountability, m2, new AccountabilityReport("resultaten"));
        No(wf, T.Determine, new Actor("m2", ManagerAsOfficer.Caller), new Determination(M("60000")), field: "caller", code: RefusalCode.Forbidden);
        Ok(wf, T.Determine, Officer, new Determination(M("60000")));
    }
}
