using NodaTime;
using PvoFinance.Applications;
using static PvoFinance.Core.Tests.Applications.ApplicationKit;
using T = PvoFinance.Applications.ApplicationTrigger;

namespace PvoFinance.Core.Tests.Applications;

public sealed class DeadlineTests
{
    [Fact]
    public void The_decision_is_due_8_weeks_after_submission()
    {
        var kit = new ApplicationKit();
        var wf = kit.Draft("60000");
        Assert.Null(wf.Application.Deadlines.Decision);
        Ok(wf, T.Submit, Manager);
        // Eight weeks after Monday 2 March 2026 is King's Day, Monday 27 April: the Algemene termijnenwet moves the term's
        // end to the next working day.
        Assert.Equal(new LocalDate(2026, 4, 27), wf.Application.Deadlines.DecisionCalendarEnd);
        Assert.Equal(new LocalDate(2026, 4, 28), wf.Application.Deadlines.Decision);
    }

    [Fact]
    public void A_term_ending_on_a_weekend_ends_on_the_monday_and_extensions_count_from_the_calendar_end()
    {
        var kit = new ApplicationKit();
        kit.AdvanceDays(19);   // Saturday 21 March 2026: eight weeks later is Saturday 16 May
        var wf = kit.UnderReview("60000");
        Assert.Equal(new LocalDate(2026, 5, 16), wf.Application.Deadlines.DecisionCalendarEnd);
        Assert.Equal(new LocalDate(2026, 5, 18), wf.Application.Deadlines.Decision);
        // Two weeks more from the calendar end (30 May, a Saturday): Monday 1 June — not two weeks from the moved Monday.
        Ok(wf, T.ExtendDecisionTerm, Officer, new DecisionTermExtension(2, "advies commissie"));
        Assert.Equal(new LocalDate(2026, 5, 30), wf.Application.Deadlines.DecisionCalendarEnd);
        Assert.Equal(new LocalDate(2026, 6, 1), wf.Application.Deadlines.Decision);
        // A suspension of 5 days counts from the calendar end too: Thursday 4 June (from the moved Monday it would be Saturday 6 June → Monday 8 June).
        Ok(wf, T.RequestInformation, Officer, new Note("begroting ontbreekt"));
        kit.AdvanceDays(5);
        Ok(wf, T.SupplyInformation, Manager, new Note("begroting bijgevoegd"));
        Assert.Equal(new LocalDate(2026, 6, 4), wf.Application.Deadlines.Decision);
        Assert.Equal(new LocalDate(2026, 6, 4), wf.Application.Deadlines.DecisionCalendarEnd);
    }

    [Fact]
    public void The_decision_term_extends_once_with_a_recorded_reason_and_not_twice()
    {
        var kit = new ApplicationKit();
        var wf = kit.UnderReview("60000");
        No(wf, T.ExtendDecisionTerm, Officer, new DecisionTermExtension(4, " "), field: "reason");
        No(wf, T.ExtendDecisionTerm, Officer, new DecisionTermExtension(9, "advies commissie"), field: "weeks");
        No(wf, T.ExtendDecisionTerm, Manager, new DecisionTermExtension(4, "advies commissie"), field: "caller", code: RefusalCode.Forbidden);
        var r = Ok(wf, T.ExtendDecisionTerm, Officer, new DecisionTermExtension(4, "advies commissie"));
        Assert.Equal("advies commissie", r.Entry!.Reason);
        // 27 April + 4 weeks is Whit Monday, 25 May 2026: the term ends on Tuesday 26 May.
        Assert.Equal(new LocalDate(2026, 5, 26), wf.Application.Deadlines.Decision);
        Assert.Equal("advies commissie", wf.Application.Deadlines.DecisionExtensionReason);
        var second = No(wf, T.ExtendDecisionTerm, Officer, new DecisionTermExtension(2, "nog meer advies"), field: "extension", code: RefusalCode.Conflict);
        Assert.Contains("once", second.Reason);
        Assert.DoesNotContain(T.ExtendDecisionTerm, wf.PermittedTriggers(Officer));
    }

    [Fact]
    public void An_information_request_suspends_the_decision_term_until_answered()
    {
        var kit = new ApplicationKit();
        var wf = kit.UnderReview("60000");
        kit.AdvanceDays(10);
        Ok(wf, T.RequestInformation, Officer, new Note("begroting per gemeente ontbreekt"));
        Assert.Equal(kit.Today, wf.Application.Deadlines.DecisionSuspendedSince);
        // While suspended the term does not run, so it is not listed even when its date has passed.
        kit.AdvanceDays(60);
        Assert.Empty(wf.Application.Deadlines.Listing(kit.Clock.GetCurrentInstant(), 30));
        Ok(wf, T.SupplyInformation, Manager, new Note("begroting bijgevoegd"));
        Assert.Equal(new LocalDate(2026, 4, 27).PlusDays(60), wf.Application.Deadlines.Decision);
        Assert.Null(wf.Application.Deadlines.DecisionSuspendedSince);
    }

    [Fact]
    public void Overdue_listing_follows_a_moving_clock()
    {
        var kit = new ApplicationKit();
        var wf = kit.Draft("60000");
        Ok(wf, T.Submit, Manager);
        Assert.Empty(wf.Application.Deadlines.Listing(kit.Clock.GetCurrentInstant(), 7));

        kit.AdvanceDays(50);   // 21 April: 7 days left (the term ends on 28 April, the day after King's Day)
        var soon = Assert.Single(wf.Application.Deadlines.Listing(kit.Clock.GetCurrentInstant(), 7));
        Assert.Equal(DeadlineKind.Decision, soon.Kind);
        Assert.Equal(7, soon.DaysLeft);
        Assert.False(soon.IsOverdue);

        kit.AdvanceDays(7);    // 28 April: the due day itself is not overdue
        Assert.Equal(0, Assert.Single(wf.Application.Deadlines.Listing(kit.Clock.GetCurrentInstant(), 0)).DaysLeft);

        kit.AdvanceDays(1);    // 29 April: overdue, listed even with a zero look-ahead
        var late = Assert.Single(wf.Application.Deadlines.Listing(kit.Clock.GetCurrentInstant(), 0));
        Assert.True(late.IsOverdue);
        Assert.Equal(-1, late.DaysLeft);

        // Deciding stops the decision clock and starts the accountability clock of the grant.
        Ok(wf, T.StartReview, Officer);
        Ok(wf, T.Grant, Officer, kit.Grant("60000"));
        var items = wf.Application.Deadlines.Listing(kit.Clock.GetCurrentInstant(), 400);
        // The grant is a decision: the objection term against it runs six weeks (Awb 6:7).
        Assert.Equal([DeadlineKind.ObjectionTerm, DeadlineKind.Accountability], items.Select(i => i.Kind));
        Assert.Empty(wf.Application.Deadlines.Listing(kit.Clock.GetCurrentInstant(), 30));
    }

    [Fact]
    public void Accountability_then_determination_then_payment_deadlines_follow_each_other()
    {
        var kit = new ApplicationKit();
        var wf = kit.Granted("60000");
        var grantDue = wf.Application.Deadlines.Accountability!.Value;
        kit.Clock.Reset(grantDue.PlusDays(3).AtStartOfDayInZone(LegalClocks.Zone).ToInstant());
        var overdue = Assert.Single(wf.Application.Deadlines.Listing(kit.Clock.GetCurrentInstant(), 0));
        Assert.Equal((DeadlineKind.Accountability, -3), (overdue.Kind, overdue.DaysLeft));

        Ok(wf, T.SubmitAccountability, Manager, new AccountabilityReport("40 ondernemers gecertificeerd"));
        Assert.Null(wf.Application.Deadlines.Accountability);
        Assert.Equal(kit.Today.PlusWeeks(22), wf.Application.Deadlines.Determination);

        kit.AdvanceDays(30);
        Ok(wf, T.Determine, Officer, new Determination(M("60000")));
        var d = wf.Application.Deadlines;
        Assert.Null(d.Determination);
        Assert.Equal(kit.Today.PlusWeeks(6), d.Payment);
        Assert.Equal(kit.Today.PlusYears(5), d.BarredFrom);

        Ok(wf, T.RecordPayment, Treasurer, new MoneyRecord(M("60000"), "bank 2027-11"));
        Assert.Null(wf.Application.Deadlines.Payment);
        // Only the last day to revoke remains, and only when it comes near.
        Assert.Empty(wf.Application.Deadlines.Listing(kit.Clock.GetCurrentInstant(), 30));
        kit.Clock.Reset(d.BarredFrom!.Value.PlusDays(-10).AtStartOfDayInZone(LegalClocks.Zone).ToInstant());
        var last = Assert.Single(wf.Application.Deadlines.Listing(kit.Clock.GetCurrentInstant(), 30));
        Assert.Equal((DeadlineKind.Limitation, 9), (last.Kind, last.DaysLeft));
        kit.AdvanceDays(20);
        Assert.Empty(wf.Application.Deadlines.Listing(kit.Clock.GetCurrentInstant(), 30));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(Deadlines.MaxWithinDays + 1)]
    public void A_listing_window_outside_its_bound_is_refused(int days) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Deadlines.None.Listing(ApplicationKit.Start, days));
}
