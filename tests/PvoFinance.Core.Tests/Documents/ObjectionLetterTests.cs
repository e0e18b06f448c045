using NodaTime;
using PvoFinance.Applications;
using PvoFinance.Core.Tests.Applications;
using PvoFinance.Documents;
using static PvoFinance.Core.Tests.Applications.ApplicationKit;
using static PvoFinance.Core.Tests.Documents.LetterText;
using T = PvoFinance.Applications.ApplicationTrigger;

namespace PvoFinance.Core.Tests.Documents;

/// <summary>
/// "Every decision is a letter" (issue 18), also after the first: the decision on an objection (with the appeal clause
/// instead of the objection clause) and the decision on the penalty for a late decision (its days per band, to the cent).
/// </summary>
public sealed class ObjectionLetterTests
{
    private static DecisionLetter Letter(ApplicationWorkflow wf, DecisionKind kind)
    {
        Assert.Equal(kind, DecisionLetters.KindOf(wf.Application));
        var letter = DecisionLetters.Compose(wf.Application);
        Assert.Equal(kind, letter.Kind);
        Assert.Equal(wf.Application.History[^1].Sequence, letter.Sequence);
        return letter;
    }

    private static string PdfText(DecisionLetter letter) => LetterText.Of(LetterPdf.Render(letter));

    // Rejected on Monday 2 March 2026; the objection is received on Thursday 12 March.
    private static (ApplicationKit Kit, ApplicationWorkflow Wf, int Rejection) ObjectedRejection(string requested = "60000")
    {
        var kit = new ApplicationKit();
        var wf = kit.UnderReview(requested);
        Ok(wf, T.Reject, Officer, new Note("past niet in de regeling"));
        var rejection = wf.Application.History[^1].Sequence;
        kit.AdvanceDays(10);
        Ok(wf, T.LodgeObjection, Manager, new ObjectionLodging("de activiteit past wel in de regeling"));
        return (kit, wf, rejection);
    }

    [Fact]
    public void An_unfounded_objection_gets_a_letter_that_keeps_the_decision_and_opens_appeal_not_a_second_objection()
    {
        var (kit, wf, rejection) = ObjectedRejection();
        // Decided on Monday 16 March: six weeks later is King's Day (Monday 27 April 2026), so appeal runs to the 28th.
        kit.AdvanceDays(4);
        Ok(wf, T.DecideObjection, Officer2, new ObjectionDecision(false, "de regeling sluit deze activiteit uit"));
        var letter = Letter(wf, DecisionKind.ObjectionDecision);
        Assert.Equal(new LocalDate(2026, 4, 28), letter.ObjectionLastDay);
        var text = PdfText(letter);
        Says(text, "Beslissing op bezwaar");
        Says(text, $"Op 12 maart 2026 hebben wij uw bezwaarschrift ontvangen tegen ons besluit tot weigering van subsidie van 2 maart 2026 (kenmerk app-1/{rejection}).");
        // The decision term: six weeks after the objection term (ending 13 April) is Whit Monday 25 May 2026.
        Says(text, "De termijn voor deze beslissing liep tot en met 26 mei 2026 (artikel 7:10 Awb).");
        Says(text, "Wij verklaren uw bezwaar ongegrond. Ons besluit tot weigering van subsidie van 2 maart 2026");
        Says(text, "blijft in stand (artikel 7:11 Awb).");
        Says(text, "de regeling sluit deze activiteit uit");
        Says(text, "beroep instellen bij de bestuursrechter van de rechtbank");
        Says(text, "Uw beroepschrift moet uiterlijk op 28 april 2026 zijn ontvangen door de rechtbank.");
        Assert.DoesNotContain("bezwaarschrift moet", letter.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_founded_objection_to_a_rejection_is_a_grant_letter_and_only_its_second_approval_is_a_decision()
    {
        var (kit, wf, _) = ObjectedRejection("200000");
        var decision = new ObjectionDecision(true, "gegrond: de activiteit past in de regeling", kit.Grant("200000", (0, "50000")));
        Ok(wf, T.DecideObjection, Officer, decision);
        Assert.Null(DecisionLetters.KindOf(wf.Application));
        Assert.Throws<ArgumentException>(() => DecisionLetters.Compose(wf.Application));
        Ok(wf, T.DecideObjection, Officer2, decision);
        var text = PdfText(Letter(wf, DecisionKind.ObjectionDecision));
        Says(text, "Wij verklaren uw bezwaar gegrond en herroepen ons besluit tot weigering van subsidie van 2 maart 2026");
        Says(text, "Wij verlenen u alsnog een subsidie van € 200.000,00");
        Says(text, "een financieel verslag van de gerealiseerde kosten en een controleverklaring van een accountant");
        Says(text, "vanaf 12 maart 2026: € 50.000,00");
        Says(text, "namens deze door de provinciale subsidieambtenaar o2");
        Says(text, "Uw beroepschrift moet uiterlijk op 23 april 2026 zijn ontvangen door de rechtbank.");
    }

    private static ApplicationWorkflow DeterminedWithReclaim(ApplicationKit kit)
    {
        // 60,000 granted, 30,000 advanced, 20,000 determined: 10,000 reclaimed.
        var wf = kit.Granted("60000", (0, "30000"));
        Ok(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("30000")));
        Ok(wf, T.SubmitAccountability, Manager, new AccountabilityReport("deels behaald"));
        Ok(wf, T.Determine, Officer, new Determination(M("20000"), "prestaties deels geleverd"));
        Ok(wf, T.LodgeObjection, Manager2, new ObjectionLodging("meer prestaties geleverd dan erkend"));
        return wf;
    }

    [Theory]
    [InlineData("25000", new[] { "opnieuw vast op € 25.000,00", "Wat wij van u terugvorderden, wordt € 5.000,00 minder." }, "Wij betalen u nog")]
    [InlineData("35000", new[] { "opnieuw vast op € 35.000,00", "wordt € 10.000,00 minder.", "Wij betalen u nog € 5.000,00, uiterlijk op 13 april 2026." }, "te veel ontvangen")]
    [InlineData("15000", new[] { "opnieuw vast op € 15.000,00", "U hebt € 5.000,00 te veel ontvangen. Wij vorderen dat bedrag terug (artikel 4:57 Awb)." }, "Wij betalen u nog")]
    public void A_revised_determination_says_what_changes_in_money(string determined, string[] says, string notSaid)
    {
        var kit = new ApplicationKit();
        var wf = DeterminedWithReclaim(kit);
        var decided = Ok(wf, T.DecideObjection, Officer2, new ObjectionDecision(true, "gegrond", Determined: M(determined)));
        Assert.NotEmpty(decided.Effects);
        var text = Letter(wf, DecisionKind.ObjectionDecision).PlainText;
        Assert.Contains("Wij verklaren uw bezwaar gegrond en herroepen ons besluit tot vaststelling van subsidie", text, StringComparison.Ordinal);
        foreach (var phrase in says)
        {
            Assert.Contains(phrase, text, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(notSaid, text, StringComparison.Ordinal);
    }

    // Submitted Monday 2 March 2026, the decision term ends Tuesday 28 April (27 April is King's Day); notice on the 29th, penalty from 13 May.
    private static (ApplicationKit Kit, ApplicationWorkflow Wf) PenaltyRunning()
    {
        var kit = new ApplicationKit();
        var wf = kit.UnderReview("60000");
        kit.AdvanceDays(Period.Between(kit.Today, new LocalDate(2026, 4, 29), PeriodUnits.Days).Days);
        Ok(wf, T.GiveNoticeOfDefault, Manager, new Note("ingebrekestelling"));
        Assert.Equal(new LocalDate(2026, 5, 13), wf.Application.Penalty!.FirstDay);
        return (kit, wf);
    }

    [Theory]
    [InlineData(1, "23.00", "13 mei 2026", new[] { "dag 1 tot en met 1: 1 × € 23,00 = € 23,00" })]
    [InlineData(14, "322.00", "26 mei 2026", new[] { "dag 1 tot en met 14: 14 × € 23,00 = € 322,00" })]
    [InlineData(15, "357.00", "27 mei 2026", new[] { "dag 1 tot en met 14: 14 × € 23,00 = € 322,00", "dag 15 tot en met 15: 1 × € 35,00 = € 35,00" })]
    [InlineData(28, "812.00", "9 juni 2026", new[] { "dag 15 tot en met 28: 14 × € 35,00 = € 490,00" })]
    [InlineData(29, "857.00", "10 juni 2026", new[] { "dag 29 tot en met 29: 1 × € 45,00 = € 45,00" })]
    [InlineData(42, "1442.00", "23 juni 2026", new[] { "dag 1 tot en met 14: 14 × € 23,00 = € 322,00", "dag 15 tot en met 28: 14 × € 35,00 = € 490,00", "dag 29 tot en met 42: 14 × € 45,00 = € 630,00" })]
    public void The_penalty_letter_counts_the_days_per_band_to_the_cent(int daysInDefault, string owed, string lastDay, string[] bands)
    {
        var (kit, wf) = PenaltyRunning();
        kit.AdvanceDays(14 + daysInDefault);
        Ok(wf, T.Reject, Officer, new Note("past niet in de regeling"));
        kit.AdvanceDays(3);
        Ok(wf, T.DecidePenalty, Officer2, new PenaltyDecision(M(owed), "te laat beslist"));
        var letter = Letter(wf, DecisionKind.PenaltyDecision);
        var text = letter.PlainText;
        var day = daysInDefault == 1 ? "dag" : "dagen";
        Assert.Contains($"Wij stellen de dwangsom vast op {DutchText.Euros(M(owed))} voor {daysInDefault} {day} in gebreke, van 13 mei 2026 tot en met {lastDay}", text, StringComparison.Ordinal);
        foreach (var band in bands)
        {
            Assert.Contains("- " + band, letter.Sections.SelectMany(s => s.Lines));
        }
        Assert.Equal(Math.Min(3, 1 + ((daysInDefault - 1) / 14)), letter.Sections.SelectMany(s => s.Lines).Count(l => l.StartsWith("- dag ", StringComparison.Ordinal)));
        Assert.Contains("Op 29 april 2026 hebben wij uw schriftelijke ingebrekestelling ontvangen", text, StringComparison.Ordinal);
        Assert.Contains("Zij komt ten laste van Gedeputeerde Staten van de provincie Limburg, niet van het subsidieplafond", text, StringComparison.Ordinal);
        // A decision on the penalty is a decision like any other: open to objection, with its actual last day.
        Assert.Contains($"Uw bezwaarschrift moet uiterlijk op {DutchText.Date(letter.ObjectionLastDay)} zijn ontvangen", text, StringComparison.Ordinal);
        Assert.Equal(ObjectionTerm.LastDay(letter.Date), letter.ObjectionLastDay);
    }

    [Fact]
    public void Without_a_decision_the_penalty_letter_gives_the_maximum_and_says_why_it_stopped()
    {
        var (kit, wf) = PenaltyRunning();
        kit.AdvanceDays(14 + 45);
        Ok(wf, T.DecidePenalty, Officer2, new PenaltyDecision(M("1442.00")));
        var text = PdfText(Letter(wf, DecisionKind.PenaltyDecision));
        Says(text, "Besluit over de dwangsom bij niet tijdig beslissen");
        Says(text, "Wij hebben niet beslist binnen 42 dagen na die dag");
        Says(text, "Wij stellen de dwangsom vast op € 1.442,00 voor 42 dagen in gebreke, van 13 mei 2026 tot en met 23 juni 2026");
        Says(text, "Het hoogste bedrag dat de wet kent, is € 1.442,00 (42 dagen).");
        Says(text, "Wij betalen de dwangsom aan de PVO van regio limburg.");
    }

    [Fact]
    public void None_owed_on_a_ground_of_lid_6_is_a_letter_with_its_reason()
    {
        var (kit, wf) = PenaltyRunning();
        kit.AdvanceDays(20);
        Ok(wf, T.Reject, Officer, new Note("kennelijk niet-ontvankelijk"));
        Ok(wf, T.DecidePenalty, Officer2, new PenaltyDecision(Money.Zero, "aanvraag kennelijk niet-ontvankelijk (Awb 4:17 lid 6 c)"));
        var text = Letter(wf, DecisionKind.PenaltyDecision).PlainText;
        Assert.Contains("Wij stellen vast dat u geen dwangsom toekomt", text, StringComparison.Ordinal);
        Assert.Contains("aanvraag kennelijk niet-ontvankelijk (Awb 4:17 lid 6 c)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Wij betalen de dwangsom", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_decision_on_an_objection_gives_the_same_bytes()
    {
        var (_, wf, _) = ObjectedRejection();
        Ok(wf, T.DecideObjection, Officer2, new ObjectionDecision(false, "ongegrond"));
        var first = LetterPdf.Render(DecisionLetters.Compose(wf.Application));
        var again = LetterPdf.Render(DecisionLetters.Compose(wf.Application));
        Assert.Equal(first, again);
    }
}
