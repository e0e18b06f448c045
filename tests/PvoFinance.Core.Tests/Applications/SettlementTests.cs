using PvoFinance.Applications;
using static PvoFinance.Core.Tests.Applications.ApplicationKit;
using K = PvoFinance.Applications.LedgerEffectKind;
using S = PvoFinance.Applications.ApplicationState;
using T = PvoFinance.Applications.ApplicationTrigger;

namespace PvoFinance.Core.Tests.Applications;

/// <summary>Amounts: grants within requests, determinations within grants, advances within schedules, and the set-off at the determination.</summary>
public sealed class SettlementTests
{
    [Fact]
    public void A_grant_above_the_request_is_refused_and_exactly_the_request_is_fine()
    {
        var kit = new ApplicationKit();
        var wf = kit.UnderReview("60000");
        var r = No(wf, T.Grant, Officer, kit.Grant("60000.01"), field: "amount", code: RefusalCode.Invalid);
        Assert.Contains("exceeds the requested 60000.00", r.Reason);
        No(wf, T.Grant, Officer, kit.Grant("60000") with { Amount = Money.Zero }, field: "amount");
        Ok(wf, T.Grant, Officer, kit.Grant("60000"));
    }

    [Fact]
    public void A_determination_above_the_grant_is_refused()
    {
        var kit = new ApplicationKit();
        var wf = kit.Granted("60000");
        Ok(wf, T.SubmitAccountability, Manager, new AccountabilityReport("resultaten"));
        No(wf, T.Determine, Officer, new Determination(M("60000.01"), "meer gedaan"), field: "amount", code: RefusalCode.Invalid);
        No(wf, T.Determine, Officer, new Determination(M("-1")), field: "amount");
        No(wf, T.Determine, Officer, new Determination(M("50000")), field: "reason");   // lower needs its 4:46 ground
    }

    [Fact]
    public void A_partial_determination_below_the_advances_reclaims_the_difference_and_releases_the_rest()
    {
        var kit = new ApplicationKit();
        var wf = kit.Granted("30000", (0, "10000"), (0, "10000"), (30, "10000"));
        Ok(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("10000")));
        Ok(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("10000")));
        Ok(wf, T.SubmitAccountability, Manager, new AccountabilityReport("helft van de activiteiten"));
        var d = Ok(wf, T.Determine, Officer, new Determination(M("15000"), "activiteiten deels niet verricht (4:46 lid 2 a)"));
        Assert.Equal(S.Determined, d.Entry!.To);
        Assert.Equal([E(K.Receivable, "5000"), E(K.Release, "10000")], d.Effects);
        Assert.Equal(M("5000"), wf.Application.Amounts.Receivable);
        Assert.Null(wf.Application.Deadlines.Payment);

        No(wf, T.RecordPayment, Treasurer, new MoneyRecord(M("1")), field: "amount", code: RefusalCode.Conflict);
        No(wf, T.RecordReclaim, Treasurer, new MoneyRecord(M("5000.01")), field: "amount");
        Assert.Equal(S.Determined, Ok(wf, T.RecordReclaim, Treasurer, new MoneyRecord(M("2000"))).Entry!.To);
        var last = Ok(wf, T.RecordReclaim, Treasurer, new MoneyRecord(M("3000")));
        Assert.Equal(S.Settled, last.Entry!.To);
        Assert.Equal([E(K.Receipt, "3000")], last.Effects);
        Assert.Equal(M("15000"), wf.Application.Amounts.NetPaid);
    }

    [Fact]
    public void A_determination_above_the_advances_makes_the_rest_payable()
    {
        var kit = new ApplicationKit();
        var wf = kit.Granted("30000", (0, "10000"), (60, "10000"));
        Ok(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("10000")));
        Ok(wf, T.SubmitAccountability, Manager, new AccountabilityReport("deels"));
        var d = Ok(wf, T.Determine, Officer, new Determination(M("15000"), "minder deelnemers"));
        Assert.Equal([E(K.Payable, "5000"), E(K.Release, "15000")], d.Effects);
        Assert.Equal(kit.Today.PlusWeeks(6), wf.Application.Deadlines.Payment);
        No(wf, T.RecordPayment, Treasurer, new MoneyRecord(M("5000.01")), field: "amount");
        No(wf, T.RecordPayment, RegionTreasurer, new MoneyRecord(M("5000")), field: "caller");
        Assert.Equal(S.Settled, Ok(wf, T.RecordPayment, Treasurer, new MoneyRecord(M("5000"))).Entry!.To);
    }

    [Fact]
    public void A_determination_equal_to_the_advances_settles_at_once()
    {
        var kit = new ApplicationKit();
        var wf = kit.Granted("30000", (0, "12000"));
        Ok(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("12000")));
        Ok(wf, T.SubmitAccountability, Manager, new AccountabilityReport("klein"));
        var d = Ok(wf, T.Determine, Officer, new Determination(M("12000"), "minder gedaan"));
        Assert.Equal(S.Settled, d.Entry!.To);
        Assert.Equal([E(K.Release, "18000")], d.Effects);
    }

    [Fact]
    public void Advances_follow_the_schedule_and_never_exceed_the_grant()
    {
        var kit = new ApplicationKit();
        var wf = kit.UnderReview("60000");
        No(wf, T.Grant, Officer, kit.Grant("60000", (0, "40000"), (30, "20000.01")), field: "advances");
        No(wf, T.Grant, Officer, kit.Grant("60000", (30, "10000"), (0, "10000")), field: "advances");
        No(wf, T.Grant, Officer, kit.Grant("60000", (0, "0")), field: "advances");
        Ok(wf, T.Grant, Officer, kit.Grant("60000", (0, "40000"), (30, "20000")));
        No(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("39999.99")), field: "amount");
        No(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("60000")), field: "amount");
        No(wf, T.PayAdvance, Officer, new AdvancePayment(M("40000")), field: "caller");
        No(wf, T.PayAdvance, OtherTreasurer, new AdvancePayment(M("40000")), field: "caller");
        Ok(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("40000")));
        Assert.Equal(1, wf.Application.AdvancesPaidCount);
        Assert.Equal(M("20000"), wf.Application.Amounts.OpenCommitment);
    }

    [Fact]
    public void An_amendment_commits_an_increase_and_releases_a_decrease_but_never_below_what_was_advanced()
    {
        var kit = new ApplicationKit();
        var wf = kit.Granted("60000", (0, "20000"), (30, "20000"));
        Ok(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("20000")));
        var end = wf.Application.EndDate!.Value;

        No(wf, T.RequestAmendment, Manager, new AmendmentRequest(null, null, "niets"), field: "budget");
        No(wf, T.RequestAmendment, Manager, new AmendmentRequest(M("19999.99"), null, "minder"), field: "budget");
        Ok(wf, T.RequestAmendment, Manager, new AmendmentRequest(M("80000"), end.PlusMonths(2), "tweede winkelgebied"));
        No(wf, T.ApproveAmendment, Officer, new AmendmentDecision(M("80000.01"), end), field: "budget");
        No(wf, T.ApproveAmendment, Officer, new AmendmentDecision(M("80000"), end.PlusMonths(3)), field: "endDate");
        var up = Ok(wf, T.ApproveAmendment, Officer, new AmendmentDecision(M("70000"), end.PlusMonths(1)));
        Assert.Equal([E(K.Commit, "10000")], up.Effects);
        Assert.Equal((M("70000"), end.PlusMonths(1)), (wf.Application.Granted, wf.Application.EndDate));

        Ok(wf, T.RequestAmendment, Manager, new AmendmentRequest(M("35000"), null, "minder nodig"));
        // Keeping the schedule (20,000 paid + 20,000 to come) would exceed a 35,000 budget.
        No(wf, T.ApproveAmendment, Officer, new AmendmentDecision(M("35000"), end), field: "budget");
        var down = Ok(wf, T.ApproveAmendment, Officer, new AmendmentDecision(M("35000"), end, RemainingAdvances: [new(kit.Today, M("15000"))]));
        Assert.Equal([E(K.Release, "35000")], down.Effects);
        Assert.Equal(M("15000"), wf.Application.NextAdvance!.Amount);

        Ok(wf, T.RequestAmendment, Manager, new AmendmentRequest(null, end.PlusMonths(4), "vertraging"));
        var refused = Ok(wf, T.RefuseAmendment, Officer, new Note("geen grond"));
        Assert.Equal((S.AmendmentRequested, S.Granted), (refused.Entry!.From, refused.Entry.To));
        Assert.Null(wf.Application.Amendment);
        Assert.Equal(M("35000"), wf.Application.Granted);
    }

    [Fact]
    public void An_amendment_into_tier_C_needs_two_approvers_and_raises_the_tier()
    {
        var kit = new ApplicationKit();
        var wf = kit.Granted("100000");
        Ok(wf, T.RequestAmendment, Manager, new AmendmentRequest(M("150000"), null, "uitbreiding"));
        var decision = new AmendmentDecision(M("150000"), wf.Application.EndDate!.Value);
        Assert.Equal(S.AmendmentRequested, Ok(wf, T.ApproveAmendment, Officer, decision).Entry!.To);
        Assert.Equal(S.Granted, Ok(wf, T.ApproveAmendment, Officer2, decision).Entry!.To);
        Assert.Equal(AccountabilityTier.C, wf.Application.Tier);
        No(wf, T.SubmitAccountability, Manager, new AccountabilityReport("resultaten"), field: "realisedCosts");
    }
}
