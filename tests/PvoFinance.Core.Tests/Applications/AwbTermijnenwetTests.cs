using NodaTime;
using PvoFinance.Applications;
using PvoFinance.Documents;
using static PvoFinance.Core.Tests.Applications.ApplicationKit;
using T = PvoFinance.Applications.ApplicationTrigger;

namespace PvoFinance.Core.Tests.Applications;

/// <summary>
/// The Algemene termijnenwet in the workflow's objection clocks: a term ending on a Saturday, Sunday or general holiday
/// runs to the next working day — the objection term (Awb 6:7) and the term for the decision on it (Awb 7:10) — and the
/// workflow's dates are the letters' dates.
/// </summary>
public sealed class AwbTermijnenwetTests
{
    [Theory]
    [InlineData("2026-03-28", "2026-05-11")] // ends Saturday 9 May → Monday 11 May
    [InlineData("2026-03-29", "2026-05-11")] // ends Sunday 10 May → Monday 11 May
    [InlineData("2026-03-24", "2026-05-06")] // ends Tuesday 5 May (Bevrijdingsdag) → Wednesday
    [InlineData("2026-04-02", "2026-05-15")] // ends Thursday 14 May (Hemelvaartsdag) → Friday
    [InlineData("2026-11-13", "2026-12-28")] // ends Friday 25 December → Monday 28 December (Boxing Day, then a weekend)
    [InlineData("2026-03-16", "2026-04-28")] // ends Monday 27 April (Koningsdag) → Tuesday 28 April
    public void The_objection_term_ends_on_a_working_day(string madeKnown, string lastDay)
    {
        var known = LocalDate.FromDateTime(DateTime.Parse(madeKnown, System.Globalization.CultureInfo.InvariantCulture));
        var expected = LocalDate.FromDateTime(DateTime.Parse(lastDay, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, AwbTerms.At(known).ObjectionTermEnds(known));
        Assert.Equal(ObjectionTerm.LastDay(known), AwbTerms.At(known).ObjectionTermEnds(known));
        Assert.True(ObjectionTerm.IsWorkingDay(expected));
    }

    [Fact]
    public void A_working_day_end_stays_and_the_decision_on_the_objection_is_moved_too()
    {
        Assert.Equal(new LocalDate(2026, 4, 14), AlgemeneTermijnenwet.Extend(new LocalDate(2026, 4, 14)));
        // Made known Monday 2 March: term ends Monday 13 April; decision six weeks later, Monday 25 May, is Whit Monday → Tuesday.
        Assert.Equal(new LocalDate(2026, 5, 26), ObjectionClocks.DecisionDue(new LocalDate(2026, 3, 2), committee: false, extended: false));
        // Made known Saturday 7 March: term ends Monday 20 April (from Saturday 18 April); decision Monday 1 June.
        Assert.Equal(new LocalDate(2026, 6, 1), ObjectionClocks.DecisionDue(new LocalDate(2026, 3, 7), committee: false, extended: false));
    }

    [Fact]
    public void A_rejection_made_known_on_a_saturday_can_be_objected_to_on_the_monday_after_six_weeks_and_not_the_tuesday()
    {
        var kit = new ApplicationKit();   // Monday 2 March 2026
        var onTime = kit.UnderReview("60000");
        var late = kit.UnderReview("60000");
        kit.AdvanceDays(5);               // Saturday 7 March
        Ok(onTime, T.Reject, Officer, new Note("past niet in de regeling"));
        Ok(late, T.Reject, Officer, new Note("past niet in de regeling"));
        Assert.Equal(new LocalDate(2026, 4, 20), onTime.Application.Deadlines.ObjectionTerm);
        kit.AdvanceDays(44);              // Monday 20 April: the calendar term ended on Saturday 18 April
        Ok(onTime, T.LodgeObjection, Manager, new ObjectionLodging("de activiteit past wel"));
        Assert.Equal(new LocalDate(2026, 6, 1), onTime.Application.Objections[0].DecisionDue);
        Assert.Equal(new LocalDate(2026, 6, 1), onTime.Application.Deadlines.ObjectionDecision);
        kit.AdvanceDays(1);               // Tuesday 21 April
        var refused = No(late, T.LodgeObjection, Manager, new ObjectionLodging("de activiteit past wel"), field: "decision", code: RefusalCode.Conflict);
        Assert.Contains("2026-04-20", refused.Reason);
    }
}
