using NodaTime;
using PvoFinance.Applications;
using static PvoFinance.Core.Tests.Applications.ApplicationKit;
using K = PvoFinance.Applications.LedgerEffectKind;
using S = PvoFinance.Applications.ApplicationState;
using T = PvoFinance.Applications.ApplicationTrigger;

namespace PvoFinance.Core.Tests.Applications;

/// <summary>Objections (Awb 6:7, 6:8, 7:10, 7:11) at their edges, and the money a revised decision moves.</summary>
public sealed class ObjectionTests
{
    private static ApplicationWorkflow Rejected(ApplicationKit kit, string requested = "60000")
    {
        var wf = kit.UnderReview(requested);
        Ok(wf, T.Reject, Officer, new Note("past niet in de regeling"));
        return wf;
    }

    [Fact]
    public void An_objection_is_lodged_on_the_last_day_of_its_term_and_not_the_day_after()
    {
        var kit = new ApplicationKit();
        var late = Rejected(kit);
        var madeKnown = kit.Today;   // Monday 2 March 2026
        Assert.Equal(madeKnown.PlusWeeks(6), late.Application.Deadlines.ObjectionTerm);
        Assert.Contains(late.Application.Deadlines.Listing(kit.Clock.GetCurrentInstant(), 42), i => i.Kind == DeadlineKind.ObjectionTerm && i.DaysLeft == 42);
        kit.AdvanceDays(43);
        var refused = No(late, T.LodgeObjection, Manager, new ObjectionLodging("ten onrechte afgewezen"), field: "decision", code: RefusalCode.Conflict);
        Assert.Contains("2026-04-13", refused.Reason);
        Assert.Contains("6:7", refused.Reason);

        var kit2 = new ApplicationKit();
        var wf = Rejected(kit2);
        kit2.AdvanceDays(42);
        No(wf, T.LodgeObjection, Manager, new ObjectionLodging("  "), field: "grounds", code: RefusalCode.Invalid);
        No(wf, T.LodgeObjection, Manager, new ObjectionLodging(new string('x', ApplicationLimits.MaxTextLength + 1)), field: "grounds");
        No(wf, T.LodgeObjection, Officer, new ObjectionLodging("ten onrechte"), field: "caller", code: RefusalCode.Forbidden);
        No(wf, T.LodgeObjection, Manager, new ObjectionLodging("ten onrechte", Decision: 2), field: "decision", code: RefusalCode.Invalid);
        var lodged = Ok(wf, T.LodgeObjection, Manager, new ObjectionLodging("ten onrechte afgewezen"));
        Assert.Equal("ten onrechte afgewezen", lodged.Entry!.Reason);
        var o = Assert.Single(wf.Application.Objections);
        Assert.Equal(T.Reject, o.DecisionTrigger);
        Assert.Equal(new LocalDate(2026, 4, 13), kit2.Today);
        // Decided within six weeks from the day after the objection term ended (Awb 7:10 lid 1).
        // Six weeks after the term ended on 13 April is Monday 25 May, Whit Monday: the term runs to Tuesday (Algemene termijnenwet).
        Assert.Equal(new LocalDate(2026, 5, 26), o.DecisionDue);
        Assert.Equal(o.DecisionDue, wf.Application.Deadlines.ObjectionDecision);
        Assert.Null(wf.Application.Deadlines.ObjectionTerm);
        No(wf, T.LodgeObjection, Manager, new ObjectionLodging("nogmaals"), field: "decision", code: RefusalCode.Conflict);
        No(wf, T.Close, Officer, new Note(), field: "state");
    }

    [Fact]
    public void The_term_is_lengthened_by_a_committee_and_extended_once()
    {
        var kit = new ApplicationKit();
        var wf = Rejected(kit);
        kit.AdvanceDays(10);
        Ok(wf, T.LodgeObjection, Manager, new ObjectionLodging("ten onrechte"));
        No(wf, T.ExtendObjectionTerm, Officer, new ObjectionTermExtension(" "), field: "reason");
        Ok(wf, T.ExtendObjectionTerm, Officer, new ObjectionTermExtension("bezwaarcommissie", AdvisoryCommittee: true));
        Assert.Equal(new LocalDate(2026, 4, 13).PlusWeeks(12), wf.Application.Objections[0].DecisionDue);
        No(wf, T.ExtendObjectionTerm, Officer, new ObjectionTermExtension("nog een commissie", AdvisoryCommittee: true), field: "advisoryCommittee", code: RefusalCode.Conflict);
        Ok(wf, T.ExtendObjectionTerm, Officer, new ObjectionTermExtension("hoorzitting later"));
        Assert.Equal(new LocalDate(2026, 4, 13).PlusWeeks(18), wf.Application.Deadlines.ObjectionDecision);
        No(wf, T.ExtendObjectionTerm, Officer, new ObjectionTermExtension("nog langer"), field: "advisoryCommittee", code: RefusalCode.Conflict);
    }

    [Fact]
    public void A_founded_objection_turns_a_rejection_into_a_grant_and_commits_the_money()
    {
        var kit = new ApplicationKit();
        var wf = Rejected(kit);
        kit.AdvanceDays(20);
        Ok(wf, T.LodgeObjection, Manager, new ObjectionLodging("de regeling is wel van toepassing"));
        No(wf, T.DecideObjection, Officer, new ObjectionDecision(true, "gegrond"), field: "grant");
        No(wf, T.DecideObjection, Officer, new ObjectionDecision(true, "gegrond", kit.Grant("60000.01")), field: "grant.amount");
        No(wf, T.DecideObjection, Officer, new ObjectionDecision(false, " "), field: "reason");
        No(wf, T.DecideObjection, Manager, new ObjectionDecision(true, "gegrond", kit.Grant("60000")), field: "caller");
        var r = Ok(wf, T.DecideObjection, Officer2, new ObjectionDecision(true, "gegrond: de activiteit past in de regeling", kit.Grant("60000", (0, "30000"))));
        Assert.Equal((S.Rejected, S.Granted), (r.Entry!.From, r.Entry.To));
        Assert.Equal([E(K.Commit, "60000")], r.Effects);
        Assert.Equal(ObjectionOutcome.Founded, wf.Application.Objections[0].Outcome);
        Assert.Equal(M("60000"), wf.Application.Granted);
        Assert.Null(wf.Application.Deadlines.ObjectionDecision);
        // The revised grant is a grant like any other: advances follow, and it has its own clocks.
        Ok(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("30000")));
        Assert.NotNull(wf.Application.Deadlines.Accountability);
        // A decision on an objection is not objected to again (the next step is a court).
        No(wf, T.LodgeObjection, Manager, new ObjectionLodging("nogmaals"), field: "decision", code: RefusalCode.Conflict);
    }

    [Fact]
    public void An_unfounded_objection_leaves_the_decision_and_a_tier_A_grant_is_determined_at_once()
    {
        var kit = new ApplicationKit();
        var wf = Rejected(kit, "20000");
        Ok(wf, T.LodgeObjection, Manager, new ObjectionLodging("ten onrechte"));
        var r = Ok(wf, T.DecideObjection, Officer, new ObjectionDecision(false, "ongegrond"));
        Assert.Equal((S.Rejected, S.Rejected), (r.Entry!.From, r.Entry.To));
        Assert.Empty(r.Effects);

        var kit2 = new ApplicationKit();
        var a = Rejected(kit2, "20000");
        Ok(a, T.LodgeObjection, Manager, new ObjectionLodging("ten onrechte"));
        var g = Ok(a, T.DecideObjection, Officer2, new ObjectionDecision(true, "gegrond", kit2.Grant("20000")));
        Assert.Equal(S.Determined, g.Entry!.To);
        Assert.Equal([E(K.Commit, "20000"), E(K.Payable, "20000")], g.Effects);
    }

    [Fact]
    public void A_tier_C_revision_needs_two_different_approvers()
    {
        var kit = new ApplicationKit();
        var wf = Rejected(kit, "200000");
        Ok(wf, T.LodgeObjection, Manager, new ObjectionLodging("ten onrechte"));
        var decision = new ObjectionDecision(true, "gegrond", kit.Grant("200000"));
        var first = Ok(wf, T.DecideObjection, Officer, decision);
        Assert.Equal(S.Rejected, first.Entry!.To);
        Assert.Empty(first.Effects);
        No(wf, T.DecideObjection, Officer, decision, field: "caller");
        No(wf, T.DecideObjection, Officer2, new ObjectionDecision(true, "gegrond", kit.Grant("190000")), field: "amount");
        var second = Ok(wf, T.DecideObjection, Officer2, decision);
        Assert.Equal(S.Granted, second.Entry!.To);
        Assert.Equal([E(K.Commit, "200000")], second.Effects);
    }

    private static ApplicationWorkflow DeterminedWithReclaim(ApplicationKit kit)
    {
        // 60,000 granted, 30,000 advanced, 20,000 determined: 10,000 reclaimed.
        var wf = kit.Granted("60000", (0, "30000"));
        Ok(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("30000")));
        Ok(wf, T.SubmitAccountability, Manager, new AccountabilityReport("deels behaald"));
        var d = Ok(wf, T.Determine, Officer, new Determination(M("20000"), "prestaties deels geleverd"));
        Assert.Equal([E(K.Receivable, "10000"), E(K.Release, "30000")], d.Effects);
        return wf;
    }

    [Fact]
    public void A_founded_objection_to_a_determination_shrinks_the_reclaim()
    {
        var kit = new ApplicationKit();
        var wf = DeterminedWithReclaim(kit);
        Ok(wf, T.LodgeObjection, Manager2, new ObjectionLodging("meer prestaties geleverd dan erkend"));
        No(wf, T.DecideObjection, Officer2, new ObjectionDecision(true, "gegrond"), field: "determined");
        No(wf, T.DecideObjection, Officer2, new ObjectionDecision(true, "gegrond", Determined: M("60000.01")), field: "determined");
        var r = Ok(wf, T.DecideObjection, Officer2, new ObjectionDecision(true, "gegrond: meer erkend", Determined: M("25000")));
        Assert.Equal([E(K.Reverse, "5000", K.Receivable)], r.Effects);
        Assert.Equal(S.Determined, r.Entry!.To);
        Assert.Equal(M("5000"), wf.Application.Amounts.Receivable);
        Assert.Equal(M("25000"), wf.Application.Determined);
    }

    [Fact]
    public void A_revised_determination_above_what_was_advanced_makes_the_rest_payable()
    {
        var kit = new ApplicationKit();
        var wf = DeterminedWithReclaim(kit);
        Ok(wf, T.LodgeObjection, Manager2, new ObjectionLodging("alles geleverd"));
        var r = Ok(wf, T.DecideObjection, Officer2, new ObjectionDecision(true, "gegrond", Determined: M("35000")));
        Assert.Equal([E(K.Commit, "5000"), E(K.Reverse, "10000", K.Receivable), E(K.Payable, "5000")], r.Effects);
        Assert.Equal(M("5000"), wf.Application.Amounts.Payable);
        Assert.Equal(kit.Today.PlusWeeks(6), wf.Application.Deadlines.Payment);
        Ok(wf, T.RecordPayment, Treasurer, new MoneyRecord(M("5000")));
        Assert.Equal(S.Settled, wf.Application.State);
    }

    [Fact]
    public void A_revised_determination_that_cancels_the_reclaim_settles_the_file()
    {
        var kit = new ApplicationKit();
        var wf = DeterminedWithReclaim(kit);
        Ok(wf, T.LodgeObjection, Manager2, new ObjectionLodging("alles geleverd"));
        var r = Ok(wf, T.DecideObjection, Officer2, new ObjectionDecision(true, "gegrond", Determined: M("30000")));
        Assert.Equal(S.Settled, r.Entry!.To);
        Assert.True(wf.Application.Amounts.NothingOutstanding);
    }

    [Fact]
    public void Each_decision_is_objected_to_once_and_an_older_one_by_its_sequence()
    {
        var kit = new ApplicationKit();
        var wf = kit.Granted("60000", (0, "30000"));
        var grant = wf.Application.History[^1].Sequence;
        Ok(wf, T.LodgeObjection, Manager, new ObjectionLodging("te weinig toegekend"));
        Ok(wf, T.DecideObjection, Officer2, new ObjectionDecision(false, "ongegrond"));
        var second = No(wf, T.LodgeObjection, Manager, new ObjectionLodging("nogmaals", grant), field: "decision", code: RefusalCode.Conflict);
        Assert.Contains("once", second.Reason);
        // A founded objection to a grant is recorded; the revision goes through an amendment, so no money moves here.
        Ok(wf, T.RequestAmendment, Manager, new AmendmentRequest(M("60000"), kit.Today.PlusMonths(11), "meer deelnemers"));
        Ok(wf, T.RefuseAmendment, Officer, new Note("niet nodig"));
        Ok(wf, T.LodgeObjection, Manager, new ObjectionLodging("weigering onterecht"));
        No(wf, T.DecideObjection, Officer2, new ObjectionDecision(true, "gegrond", Determined: M("1")), field: "determined");
        var r = Ok(wf, T.DecideObjection, Officer2, new ObjectionDecision(true, "gegrond; wijziging volgt"));
        Assert.Empty(r.Effects);
        Assert.Equal(2, wf.Application.Objections.Count);
    }
}
