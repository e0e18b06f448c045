using PvoFinance.Applications;
using static PvoFinance.Core.Tests.Applications.ApplicationKit;
using K = PvoFinance.Applications.LedgerEffectKind;
using S = PvoFinance.Applications.ApplicationState;
using T = PvoFinance.Applications.ApplicationTrigger;

namespace PvoFinance.Core.Tests.Applications;

public sealed class RevocationTests
{
    [Fact]
    public void Revoking_a_running_grant_reverses_the_commitment_and_reclaims_the_advances()
    {
        var kit = new ApplicationKit();
        var wf = kit.Granted("60000", (0, "20000"));
        Ok(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("20000")));
        No(wf, T.Revoke, Officer, new Note(" "), field: "reason");
        No(wf, T.Revoke, Manager, new Note("fraude"), field: "caller");
        var r = Ok(wf, T.Revoke, Officer, new Note("onjuiste gegevens verstrekt (4:48 lid 1 c)"));
        Assert.Equal((S.Granted, S.Revoked), (r.Entry!.From, r.Entry.To));
        Assert.Equal([E(K.Reverse, "40000", K.Commit), E(K.Receivable, "20000")], r.Effects);

        No(wf, T.Close, Officer, field: "state");   // 20,000 still to come back
        Ok(wf, T.RecordReclaim, Treasurer, new MoneyRecord(M("20000")));
        Assert.Equal(S.Revoked, wf.Application.State);
        Ok(wf, T.Close, Officer);
    }

    [Fact]
    public void An_amendment_request_or_an_accountability_can_be_revoked_too()
    {
        var kit = new ApplicationKit();
        var amending = kit.Granted("60000");
        Ok(amending, T.RequestAmendment, Manager, new AmendmentRequest(M("60000"), amending.Application.EndDate!.Value.PlusMonths(1), "later"));
        Assert.Equal([E(K.Reverse, "60000", K.Commit)], Ok(amending, T.Revoke, Officer, new Note("activiteiten gestaakt")).Effects);
        Assert.Null(amending.Application.Amendment);

        var accounted = kit.Granted("60000");
        Ok(accounted, T.SubmitAccountability, Manager, new AccountabilityReport("x"));
        Assert.Equal(S.Revoked, Ok(accounted, T.Revoke, Officer, new Note("verantwoording vals")).Entry!.To);
    }

    [Fact]
    public void A_determination_is_revocable_within_five_years_and_reclaims_what_was_paid()
    {
        var kit = new ApplicationKit();
        var wf = kit.Granted("60000", (0, "20000"));
        Ok(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("20000")));
        Ok(wf, T.SubmitAccountability, Manager, new AccountabilityReport("resultaten"));
        Ok(wf, T.Determine, Officer, new Determination(M("50000"), "deels"));
        Ok(wf, T.RecordPayment, Treasurer, new MoneyRecord(M("10000")));   // 20,000 of 30,000 still payable
        kit.AdvanceDays(4 * 365);
        var r = Ok(wf, T.Revoke, Officer, new Note("nieuw gebleken feiten (4:49 lid 1 a)"));
        Assert.Equal([E(K.Reverse, "20000", K.Payable), E(K.Receivable, "30000")], r.Effects);
        Assert.Equal(M("30000"), wf.Application.Amounts.Receivable);
        Assert.Equal(0, wf.Application.Amounts.Payable.Cents);
    }

    [Fact]
    public void A_settled_determination_can_no_longer_be_revoked_after_five_years()
    {
        var kit = new ApplicationKit();
        var wf = kit.UnderReview("20000");
        Ok(wf, T.Grant, Officer, kit.Grant("20000"));   // tier A: determined today
        Ok(wf, T.RecordPayment, Treasurer, new MoneyRecord(M("20000")));
        var barred = wf.Application.Deadlines.BarredFrom!.Value;
        Assert.Equal(kit.Today.PlusYears(5), barred);

        kit.Clock.Reset(barred.PlusDays(-1).AtStartOfDayInZone(LegalClocks.Zone).ToInstant());
        Assert.Contains(T.Revoke, wf.PermittedTriggers(Officer));
        kit.AdvanceDays(1);
        Assert.DoesNotContain(T.Revoke, wf.PermittedTriggers(Officer));
        var r = No(wf, T.Revoke, Officer, new Note("te laat"), field: "state", code: RefusalCode.Conflict);
        Assert.Contains("4:49 lid 3", r.Reason);
        Assert.Contains(T.Close, wf.PermittedTriggers(Officer));
    }

    [Fact]
    public void A_revocation_of_an_unpaid_tier_A_determination_reverses_the_payable()
    {
        var kit = new ApplicationKit();
        var wf = kit.UnderReview("20000");
        Ok(wf, T.Grant, Officer, kit.Grant("20000"));
        var r = Ok(wf, T.Revoke, Officer, new Note("activiteit gaat niet door"));
        Assert.Equal([E(K.Reverse, "20000", K.Payable)], r.Effects);
        Assert.True(wf.Application.Amounts.NothingOutstanding);
        Ok(wf, T.Close, Officer);
    }
}
