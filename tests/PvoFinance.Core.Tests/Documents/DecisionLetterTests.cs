using PvoFinance.Applications;
using PvoFinance.Core.Tests.Applications;
using PvoFinance.Documents;
using static PvoFinance.Core.Tests.Applications.ApplicationKit;
using static PvoFinance.Core.Tests.Documents.LetterText;
using T = PvoFinance.Applications.ApplicationTrigger;

namespace PvoFinance.Core.Tests.Documents;

/// <summary>
/// Every decision kind gives its Dutch letter, composed from the decision as recorded, and the PDF says it: read back with
/// PdfPig. The same decision gives the same bytes.
/// </summary>
public sealed class DecisionLetterTests
{
    // The kit's clock starts on Monday 2 March 2026: the objection term ends on Monday 13 April 2026.
    private const string LastDay = "13 april 2026";

    private static DecisionLetter Letter(ApplicationWorkflow wf, DecisionKind kind)
    {
        var letter = DecisionLetters.Compose(wf.Application);
        Assert.Equal(kind, letter.Kind);
        Assert.Equal(wf.Application.History[^1].Sequence, letter.Sequence);
        return letter;
    }

    private static string PdfText(byte[] pdf) => LetterText.Of(pdf);

    [Fact]
    public void A_tier_B_grant_names_the_authority_the_amount_per_source_the_duties_the_advances_and_the_objection_day()
    {
        var kit = new ApplicationKit();
        var wf = kit.Granted("60000", (0, "20000"), (90, "10000"));
        var letter = Letter(wf, DecisionKind.Grant);
        var text = PdfText(LetterPdf.Render(letter));
        Says(text, "Besluit tot verlening van subsidie");
        Says(text, "Gedeputeerde Staten van de provincie Limburg");
        Says(text, "namens deze door de provinciale subsidieambtenaar o1");
        Says(text, "Wij verlenen u een subsidie van € 60.000,00");
        Says(text, "Verantwoordingsniveau B.");
        Says(text, "een inhoudelijk verslag van de gerealiseerde activiteiten (artikel 4:44 Awb)");
        Says(text, "uiterlijk op 2 februari 2027");
        Says(text, "vanaf 2 maart 2026: € 20.000,00");
        Says(text, "vanaf 31 mei 2026: € 10.000,00");
        Says(text, "past the committee");
        Says(text, $"uiterlijk op {LastDay} zijn ontvangen");
        Says(text, "Kenmerk: app-1/");
        Assert.Equal(new NodaTime.LocalDate(2026, 4, 13), letter.ObjectionLastDay);
    }

    [Fact]
    public void A_tier_C_grant_asks_costs_and_an_auditors_statement_and_only_the_second_approval_is_a_decision()
    {
        var kit = new ApplicationKit();
        var wf = kit.UnderReview("200000");
        var decision = kit.Grant("200000");
        var first = Ok(wf, T.Grant, Officer, decision);
        Assert.Null(DecisionLetters.KindOf(first.Entry!));
        Ok(wf, T.Grant, Officer2, decision);
        var text = Letter(wf, DecisionKind.Grant).PlainText;
        Assert.Contains("een financieel verslag van de gerealiseerde kosten en een controleverklaring van een accountant", text, StringComparison.Ordinal);
        Assert.Contains("door 2 verschillende personen goedgekeurd", text, StringComparison.Ordinal);
        Assert.Contains("o2", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tier_A_grant_is_determined_at_once_and_says_when_it_is_paid()
    {
        var kit = new ApplicationKit();
        var wf = kit.UnderReview("20000");
        Ok(wf, T.Grant, Officer, kit.Grant("20000"));
        var text = Letter(wf, DecisionKind.Grant).PlainText;
        Assert.Contains("ook vastgesteld (artikel 4:42 Awb)", text, StringComparison.Ordinal);
        Assert.Contains("Wij betalen € 20.000,00 uiterlijk op 13 april 2026.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rejection_gives_its_reason_and_the_objection_clause()
    {
        var kit = new ApplicationKit();
        var wf = kit.UnderReview("60000");
        Ok(wf, T.Reject, Officer, new Note("past niet in het beleidskader"));
        var text = PdfText(LetterPdf.Render(Letter(wf, DecisionKind.Rejection)));
        Says(text, "Besluit tot weigering van subsidie");
        Says(text, "Wij weigeren de subsidie van € 60.000,00");
        Says(text, "past niet in het beleidskader");
        Says(text, "artikelen 6:7 en 6:8 van de Algemene wet bestuursrecht");
        Says(text, LastDay);
    }

    [Fact]
    public void An_amendment_and_a_refused_amendment_have_their_own_letters()
    {
        var kit = new ApplicationKit();
        var wf = kit.Granted("60000");
        Ok(wf, T.RequestAmendment, Manager, new AmendmentRequest(M("50000"), null, "kleiner project"));
        Ok(wf, T.ApproveAmendment, Officer, new AmendmentDecision(M("50000"), wf.Application.EndDate!.Value, Reason: "akkoord"));
        Assert.Contains("de verleende subsidie bedraagt nu € 50.000,00", Letter(wf, DecisionKind.Amendment).PlainText, StringComparison.Ordinal);
        Ok(wf, T.RequestAmendment, Manager, new AmendmentRequest(M("90000"), null, "groter project"));
        Ok(wf, T.RefuseAmendment, Officer, new Note("geen budget"));
        var refused = Letter(wf, DecisionKind.AmendmentRefusal).PlainText;
        Assert.Contains("Wij wijzen uw verzoek om wijziging af. De verlening blijft zoals zij was: € 50.000,00", refused, StringComparison.Ordinal);
    }

    [Fact]
    public void A_determination_says_what_is_still_paid_and_one_below_the_advances_reclaims_the_difference()
    {
        var kit = new ApplicationKit();
        var paid = kit.Granted("60000", (0, "20000"));
        Ok(paid, T.PayAdvance, Treasurer, new AdvancePayment(M("20000")));
        Ok(paid, T.SubmitAccountability, Manager, new AccountabilityReport("resultaten"));
        Ok(paid, T.Determine, Officer, new Determination(M("50000"), "deels"));
        var text = Letter(paid, DecisionKind.Determination).PlainText;
        Assert.Contains("Wij stellen de subsidie vast op € 50.000,00", text, StringComparison.Ordinal);
        Assert.Contains("Aan voorschotten is betaald: € 20.000,00.", text, StringComparison.Ordinal);
        Assert.Contains("Wij betalen u nog € 30.000,00", text, StringComparison.Ordinal);

        var reclaimed = new ApplicationKit().Granted("60000", (0, "20000"));
        Ok(reclaimed, T.PayAdvance, Treasurer, new AdvancePayment(M("20000")));
        Ok(reclaimed, T.SubmitAccountability, Manager, new AccountabilityReport("resultaten"));
        Ok(reclaimed, T.Determine, Officer, new Determination(M("15000"), "minder activiteiten (4:46 lid 2 a)"));
        var reclaim = PdfText(LetterPdf.Render(Letter(reclaimed, DecisionKind.Reclaim)));
        Says(reclaim, "Besluit tot vaststelling en terugvordering van subsidie");
        Says(reclaim, "U hebt € 5.000,00 te veel ontvangen. Wij vorderen dat bedrag terug (artikel 4:57 Awb).");
    }

    [Fact]
    public void A_revocation_reclaims_what_was_paid()
    {
        var kit = new ApplicationKit();
        var wf = kit.Granted("60000", (0, "20000"));
        Ok(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("20000")));
        Ok(wf, T.Revoke, Officer, new Note("onjuiste gegevens verstrekt (4:48 lid 1 c)"));
        var text = Letter(wf, DecisionKind.Revocation).PlainText;
        Assert.Contains("Wij trekken de verlening van de subsidie in (artikel 4:48 Awb).", text, StringComparison.Ordinal);
        Assert.Contains("Wat al is betaald, € 20.000,00, vorderen wij terug", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_decision_gives_the_same_bytes_and_another_decision_other_bytes()
    {
        var kit = new ApplicationKit();
        var wf = kit.Granted("60000", (0, "20000"));
        var letter = DecisionLetters.Compose(wf.Application);
        var first = LetterPdf.Render(letter);
        Thread.Sleep(1100); // a clock-dependent creation date or id would differ now
        var again = LetterPdf.Render(DecisionLetters.Compose(wf.Application));
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(first)), Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(again)));
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(first, 0, 5), StringComparison.Ordinal);

        var other = new ApplicationKit().Granted("70000", (0, "20000"));
        Assert.NotEqual(first, LetterPdf.Render(DecisionLetters.Compose(other.Application)));
    }

    [Fact]
    public void An_entry_that_is_no_decision_has_no_letter()
    {
        var kit = new ApplicationKit();
        var wf = kit.Granted("60000", (0, "20000"));
        Ok(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("20000")));
        Assert.Null(DecisionLetters.KindOf(wf.Application.History[^1]));
        Assert.Throws<ArgumentException>(() => DecisionLetters.Compose(wf.Application));
    }

    [Fact]
    public void Amounts_and_dates_are_written_the_dutch_way()
    {
        Assert.Equal("€ 1.234.567,89", DutchText.Euros(M("1234567.89")));
        Assert.Equal("€ 0,05", DutchText.Euros(M("0.05")));
        Assert.Equal("1 januari 2027", DutchText.Date(new NodaTime.LocalDate(2027, 1, 1)));
    }
}
