using NodaTime;
using PvoFinance.Access;
using PvoFinance.Applications;
using static PvoFinance.Core.Tests.Applications.ApplicationKit;
using K = PvoFinance.Applications.LedgerEffectKind;
using S = PvoFinance.Applications.ApplicationState;
using T = PvoFinance.Applications.ApplicationTrigger;

namespace PvoFinance.Core.Tests.Applications;

/// <summary>The penalty for a late decision (Awb 4:17–4:18) at every edge, on a fake clock in Amsterdam.</summary>
public sealed class PenaltyTests
{
    // Submitted Monday 2 March 2026: the decision term's eight weeks end on King's Day, Monday 27 April, so it runs to
    // Tuesday 28 April (Algemene termijnenwet).
    private static readonly LocalDate TermEnds = new(2026, 4, 28);

    private static (ApplicationKit Kit, ApplicationWorkflow Wf) LateUnderReview(int daysAfterTerm = 1)
    {
        var kit = new ApplicationKit();
        var wf = kit.UnderReview("60000");
        Assert.Equal(TermEnds, wf.Application.Deadlines.Decision);
        kit.AdvanceDays(Period.Between(kit.Today, TermEnds, PeriodUnits.Days).Days + daysAfterTerm);
        return (kit, wf);
    }

    [Fact]
    public void The_amounts_and_the_maximum_are_the_laws_to_the_cent()
    {
        var terms = AwbTerms.At(new LocalDate(2026, 1, 1));
        Assert.Equal(M("0"), terms.PenaltyFor(0));
        Assert.Equal(M("23.00"), terms.PenaltyFor(1));
        Assert.Equal(M("322.00"), terms.PenaltyFor(14));
        Assert.Equal(M("357.00"), terms.PenaltyFor(15));
        Assert.Equal(M("812.00"), terms.PenaltyFor(28));
        Assert.Equal(M("857.00"), terms.PenaltyFor(29));
        Assert.Equal(M("1442.00"), terms.PenaltyFor(42));
        Assert.Equal(M("1442.00"), terms.PenaltyFor(43));
        Assert.Equal(M("1442.00"), terms.PenaltyMaximum);
        Assert.Equal(42, terms.PenaltyMaxDays);
        Assert.Contains("4:17", terms.Source);
    }

    [Fact]
    public void A_version_applies_from_its_date()
    {
        var older = AwbTerms.Versions[0];
        var newer = older with { ValidFrom = new LocalDate(2030, 1, 1), PenaltyBands = [new(1, 42, new Money(50_00))] };
        IReadOnlyList<AwbTermsVersion> table = [older, newer];
        Assert.Same(older, AwbTerms.At(table, new LocalDate(2029, 12, 31)));
        Assert.Same(newer, AwbTerms.At(table, new LocalDate(2030, 1, 1)));
        Assert.Equal(M("2100.00"), AwbTerms.At(table, new LocalDate(2030, 1, 1)).PenaltyMaximum);
    }

    [Fact]
    public void Notice_on_the_last_day_of_the_term_is_refused_and_the_day_after_starts_the_clock()
    {
        var (kit, wf) = LateUnderReview(daysAfterTerm: 0);
        Assert.Equal(TermEnds, kit.Today);
        var early = No(wf, T.GiveNoticeOfDefault, Manager, new Note("ingebrekestelling"), field: "notice", code: RefusalCode.Conflict);
        Assert.Contains("2026-04-29", early.Reason);
        Assert.Contains("4:17", early.Reason);
        Assert.DoesNotContain(T.GiveNoticeOfDefault, wf.PermittedTriggers(Manager));

        kit.AdvanceDays(1);
        Assert.Contains(T.GiveNoticeOfDefault, wf.PermittedTriggers(Manager));
        No(wf, T.GiveNoticeOfDefault, Officer, new Note("ingebrekestelling"), field: "caller", code: RefusalCode.Forbidden);
        Ok(wf, T.GiveNoticeOfDefault, Manager, new Note("ingebrekestelling"));
        var p = wf.Application.Penalty!;
        Assert.Equal(new LocalDate(2026, 4, 29), p.NoticeReceived);
        Assert.Equal(new LocalDate(2026, 5, 13), p.FirstDay);
        Assert.Equal(new LocalDate(2026, 5, 13), wf.Application.Deadlines.PenaltyRunning);
        Assert.Equal(new LocalDate(2026, 6, 23).PlusDays(14), wf.Application.Deadlines.PenaltyDecision);
        Assert.Contains(wf.Application.Deadlines.Listing(kit.Clock.GetCurrentInstant(), 14), i => i.Kind == DeadlineKind.PenaltyRunning && i.DaysLeft == 14);
        No(wf, T.GiveNoticeOfDefault, Manager, new Note("nogmaals"), field: "notice", code: RefusalCode.Conflict);
    }

    [Fact]
    public void A_suspended_term_has_not_passed()
    {
        var kit = new ApplicationKit();
        var wf = kit.UnderReview("60000");
        Ok(wf, T.RequestInformation, Officer, new Note("begroting ontbreekt"));
        kit.AdvanceDays(70);
        No(wf, T.GiveNoticeOfDefault, Manager, new Note("ingebrekestelling"), field: "notice");
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(1, "23.00")]
    [InlineData(14, "322.00")]
    [InlineData(15, "357.00")]
    [InlineData(28, "812.00")]
    [InlineData(29, "857.00")]
    [InlineData(42, "1442.00")]
    [InlineData(43, "1442.00")]
    public void The_penalty_runs_from_two_weeks_after_the_notice_until_the_decision(int daysInDefault, string? owed)
    {
        var (kit, wf) = LateUnderReview();
        Ok(wf, T.GiveNoticeOfDefault, Manager, new Note("ingebrekestelling"));
        var first = wf.Application.Penalty!.FirstDay;
        kit.AdvanceDays(14 + daysInDefault);
        Assert.Equal(first.PlusDays(daysInDefault), kit.Today);
        // The decision on the application stops the penalty; that day is not in default.
        Ok(wf, T.Reject, Officer, new Note("past niet in de regeling"));
        Assert.Equal(kit.Today, wf.Application.Penalty!.StoppedOn);
        Assert.Null(wf.Application.Deadlines.PenaltyRunning);
        kit.AdvanceDays(3);
        if (owed is null)
        {
            No(wf, T.DecidePenalty, Officer2, new PenaltyDecision(M("23.00")), field: "penalty", code: RefusalCode.Conflict);
            Assert.Null(wf.Application.Deadlines.PenaltyDecision);
            return;
        }
        // Due within two weeks after the last day owed (Awb 4:18).
        Assert.Equal(first.PlusDays(Math.Min(daysInDefault, 42) - 1 + 14), wf.Application.Deadlines.PenaltyDecision);
        var wrong = No(wf, T.DecidePenalty, Officer2, new PenaltyDecision(M(owed) + new Money(1)), field: "amount", code: RefusalCode.Invalid);
        Assert.Contains(owed, wrong.Reason);
        No(wf, T.DecidePenalty, Manager, new PenaltyDecision(M(owed)), field: "caller");
        var decided = Ok(wf, T.DecidePenalty, Officer2, new PenaltyDecision(M(owed), "te laat beslist"));
        Assert.Equal([new LedgerEffect("fund", K.PenaltyPayable, M(owed))], decided.Effects);
        Assert.Equal(ApplicationAmounts.None, wf.Application.Amounts);   // never the grant's money
        Assert.Null(wf.Application.Deadlines.PenaltyDecision);
        No(wf, T.DecidePenalty, Officer2, new PenaltyDecision(M(owed)), field: "penalty");
        No(wf, T.Close, Officer, new Note(), field: "state");

        // Four-eyes where money moves: the decider does not pay it, even with a treasurer's token.
        No(wf, T.PayPenalty, new Actor("o2", Caller.Create(Role.Treasurer, Scope.Province("Limburg"))), new MoneyRecord(M(owed)), field: "caller", code: RefusalCode.Forbidden);
        No(wf, T.PayPenalty, Treasurer, new MoneyRecord(M(owed) + new Money(1)), field: "amount");
        var paid = Ok(wf, T.PayPenalty, Treasurer, new MoneyRecord(M(owed), "SEPA dwangsom"));
        Assert.Equal([new LedgerEffect("fund", K.PenaltyPayment, M(owed))], paid.Effects);
        Assert.Equal(M(owed), wf.Application.Penalty!.Paid);
        No(wf, T.PayPenalty, Treasurer, new MoneyRecord(M("1.00")), field: "amount");
        Ok(wf, T.Close, Officer, new Note());
    }

    [Fact]
    public void Without_a_decision_the_penalty_stops_after_42_days_and_is_decided_while_undecided()
    {
        var (kit, wf) = LateUnderReview();
        Ok(wf, T.GiveNoticeOfDefault, Manager, new Note("ingebrekestelling"));
        var first = wf.Application.Penalty!.FirstDay;
        kit.AdvanceDays(14 + 41);
        Assert.Equal(first.PlusDays(41), kit.Today);   // the 42nd day: it still runs
        No(wf, T.DecidePenalty, Officer2, new PenaltyDecision(M("1442.00")), field: "penalty");
        kit.AdvanceDays(1);
        var d = Ok(wf, T.DecidePenalty, Officer2, new PenaltyDecision(M("1442.00")));
        Assert.Equal(S.UnderReview, d.Entry!.To);
        // Deciding the application later adds nothing.
        Ok(wf, T.Grant, Officer, kit.Grant("60000"));
        Assert.Equal(M("1442.00"), wf.Application.Penalty!.Decided);
    }

    [Fact]
    public void None_is_owed_on_a_ground_of_lid_6_with_its_reason()
    {
        var (kit, wf) = LateUnderReview();
        Ok(wf, T.GiveNoticeOfDefault, Manager, new Note("ingebrekestelling"));
        kit.AdvanceDays(20);
        Ok(wf, T.Reject, Officer, new Note("kennelijk niet-ontvankelijk"));
        No(wf, T.DecidePenalty, Officer2, new PenaltyDecision(Money.Zero), field: "reason");
        var d = Ok(wf, T.DecidePenalty, Officer2, new PenaltyDecision(Money.Zero, "aanvraag kennelijk niet-ontvankelijk (Awb 4:17 lid 6 c)"));
        Assert.Empty(d.Effects);
        Assert.DoesNotContain(T.PayPenalty, wf.PermittedTriggers(Treasurer));
    }
}
