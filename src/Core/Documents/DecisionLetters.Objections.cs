using NodaTime;
using PvoFinance.Applications;

namespace PvoFinance.Documents;

/// <summary>The letters of what comes after a decision: the decision on an objection and the decision on the penalty.</summary>
public static partial class DecisionLetters
{
    /// <summary>The objection the last entry of <paramref name="app"/> decided: the newest, since only one is open at a time.</summary>
    private static Objection? DecidedObjection(Application app) => app.Objections is [.., { Outcome: not null } last] ? last : null;

    // The contested decision named in a sentence: "ons besluit tot weigering van 2 maart 2026 (kenmerk app-1/4)".
    private static string Contested(Application app, Objection o) =>
        $"ons besluit tot {DecisionNoun(o.DecisionTrigger)} van {DutchText.Date(o.MadeKnown)} (kenmerk {app.Id}/{o.Decision})";

    private static string DecisionNoun(ApplicationTrigger trigger) => trigger switch
    {
        ApplicationTrigger.Grant => "verlening van subsidie",
        ApplicationTrigger.Reject => "weigering van subsidie",
        ApplicationTrigger.ApproveAmendment => "wijziging van de subsidieverlening",
        ApplicationTrigger.RefuseAmendment => "afwijzing van uw verzoek om wijziging",
        ApplicationTrigger.Determine => "vaststelling van subsidie",
        ApplicationTrigger.Revoke => "intrekking van subsidie",
        _ => "een besluit op uw aanvraag",
    };

    private static IEnumerable<LetterSection> ObjectionBody(Application app, HistoryEntry entry)
    {
        var o = DecidedObjection(app)!;
        List<string> about =
        [
            $"Op {DutchText.Date(o.LodgedOn)} hebben wij uw bezwaarschrift ontvangen tegen {Contested(app, o)}.",
        ];
        if (o.AdvisoryCommittee)
        {
            about.Add("Wij hebben uw bezwaar voorgelegd aan een adviescommissie (artikel 7:13 Awb).");
        }
        about.Add($"De termijn voor deze beslissing liep tot en met {DutchText.Date(o.DecisionDue)} (artikel 7:10 Awb).");
        yield return new("Uw bezwaar", about);
        if (o.Outcome != ObjectionOutcome.Founded)
        {
            yield return new("Beslissing", [$"Wij verklaren uw bezwaar ongegrond. {Capital(Contested(app, o))} blijft in stand (artikel 7:11 Awb)."]);
            yield break;
        }
        var founded = $"Wij verklaren uw bezwaar gegrond en herroepen {Contested(app, o)} (artikel 7:11 lid 2 Awb).";
        if (o.DecisionTrigger == ApplicationTrigger.Reject && entry.To != entry.From)
        {
            // The rejection is replaced by a grant: the letter says all a grant letter says.
            yield return new("Beslissing", [founded, "Daarvoor in de plaats nemen wij het volgende besluit."]);
            foreach (var section in GrantBody(app, "Wij verlenen u alsnog een subsidie van {0} voor de activiteiten '{1}' (artikel 4:29 Awb).",
                app.State == ApplicationState.Determined || app.Determined is not null))
            {
                yield return section;
            }
            yield break;
        }
        if (o.DecisionTrigger == ApplicationTrigger.Determine)
        {
            yield return new("Beslissing", [founded, .. RedeterminationLines(app, entry)]);
            yield return new("Bedrag per financieringsbron", PerSource(entry));
            yield break;
        }
        yield return new("Beslissing",
        [
            founded,
            "Deze beslissing verandert geen bedragen. Voor zover de herziening een nieuw besluit over uw subsidie vraagt, ontvangt u dat als afzonderlijk besluit.",
        ]);
    }

    private static List<string> RedeterminationLines(Application app, HistoryEntry entry)
    {
        List<string> lines = [$"Wij stellen de subsidie opnieuw vast op {DutchText.Euros(app.Determined ?? Money.Zero)} (artikel 4:42 Awb)."];
        var payable = Sum(entry, LedgerEffectKind.Payable);
        var reclaim = Sum(entry, LedgerEffectKind.Receivable);
        var lessReclaim = Reversed(entry, LedgerEffectKind.Receivable);
        var lessPayable = Reversed(entry, LedgerEffectKind.Payable);
        if (lessReclaim.Cents > 0)
        {
            lines.Add($"Wat wij van u terugvorderden, wordt {DutchText.Euros(lessReclaim)} minder.");
        }
        if (payable.Cents > 0)
        {
            lines.Add($"Wij betalen u nog {DutchText.Euros(payable)}" + (app.Deadlines.Payment is { } pay ? $", uiterlijk op {DutchText.Date(pay)}." : "."));
        }
        if (lessPayable.Cents > 0)
        {
            lines.Add($"Wat wij u nog zouden betalen, wordt {DutchText.Euros(lessPayable)} minder.");
        }
        if (reclaim.Cents > 0)
        {
            lines.Add($"U hebt {DutchText.Euros(reclaim)} te veel ontvangen. Wij vorderen dat bedrag terug (artikel 4:57 Awb).");
        }
        if (lines.Count == 1)
        {
            lines.Add("Er hoeft niets meer te worden betaald of terugbetaald.");
        }
        return lines;
    }

    private static Money Reversed(HistoryEntry entry, LedgerEffectKind kind) =>
        entry.Effects.Where(e => e.Kind == LedgerEffectKind.Reverse && e.Reverses == kind).Aggregate(Money.Zero, (sum, e) => sum + e.Amount);

    private static IEnumerable<LetterSection> PenaltyBody(Application app, HistoryEntry entry)
    {
        var p = app.Penalty!;
        var date = LegalClocks.Today(entry.At);
        var terms = p.Terms;
        List<string> notice =
        [
            $"Op {DutchText.Date(p.NoticeReceived)} hebben wij uw schriftelijke ingebrekestelling ontvangen; de beslistermijn van uw aanvraag was toen verstreken (artikel 4:17 lid 1 Awb).",
            $"Een dwangsom is verschuldigd vanaf {DutchText.Date(p.FirstDay)}, de dag waarop twee weken zijn verstreken na die ontvangst (artikel 4:17 lid 3 Awb).",
            p.StoppedOn is { } stopped
                ? app.State == ApplicationState.Withdrawn
                    ? $"Op {DutchText.Date(stopped)} hebt u uw aanvraag ingetrokken; vanaf die dag loopt geen dwangsom meer."
                    : $"Op {DutchText.Date(stopped)} hebben wij op uw aanvraag beslist; die dag telt niet mee."
                : $"Wij hebben niet beslist binnen {terms.PenaltyMaxDays} dagen na die dag; de dwangsom loopt niet verder (artikel 4:17 lid 1 Awb).",
        ];
        yield return new("Uw ingebrekestelling", notice);
        var amount = p.Decided ?? Money.Zero;
        var days = p.DaysOwed(date);
        if (amount.Cents == 0 || days == 0)
        {
            yield return new("Besluit", [$"Wij stellen vast dat u geen dwangsom toekomt (artikel 4:17 Awb). Het bedrag is {DutchText.Euros(Money.Zero)}."]);
            yield break;
        }
        List<string> lines =
        [
            $"Wij stellen de dwangsom vast op {DutchText.Euros(amount)} voor {days} {(days == 1 ? "dag" : "dagen")} in gebreke, "
                + $"van {DutchText.Date(p.FirstDay)} tot en met {DutchText.Date(p.FirstDay.PlusDays(days - 1))} (artikelen 4:17 en 4:18 Awb):",
        ];
        foreach (var band in terms.PenaltyBands)
        {
            var last = Math.Min(days, band.ToDay);
            var inBand = last - band.FromDay + 1;
            if (inBand > 0)
            {
                lines.Add($"- dag {band.FromDay} tot en met {last}: {inBand} × {DutchText.Euros(band.Daily)} = {DutchText.Euros(new Money(band.Daily.Cents * inBand))}");
            }
        }
        lines.Add($"Het hoogste bedrag dat de wet kent, is {DutchText.Euros(terms.PenaltyMaximum)} ({terms.PenaltyMaxDays} dagen).");
        yield return new("Besluit", lines);
        yield return new("Betaling",
        [
            $"Wij betalen de dwangsom aan de PVO van regio {app.Region}. Zij komt ten laste van {Authority(app.FundOwner)}, niet van het subsidieplafond van de regeling.",
        ]);
    }

    // A decision on an objection is open to appeal at the court, not to a second objection (Awb 7:1 lid 1 onder a, 8:1).
    private static LetterSection AppealClause(LocalDate lastDay) => new("Beroep",
    [
        "Bent u het niet eens met deze beslissing op bezwaar, dan kunt u beroep instellen bij de bestuursrechter van de rechtbank "
            + "(artikel 8:1 van de Algemene wet bestuursrecht). Opnieuw bezwaar maken kan niet (artikel 7:1 lid 1, onder a, Awb).",
        "De termijn is zes weken en begint op de dag na de dag waarop deze beslissing bekend is gemaakt (artikelen 6:7 en 6:8 Awb).",
        $"Uw beroepschrift moet uiterlijk op {DutchText.Date(lastDay)} zijn ontvangen door de rechtbank.",
    ]);

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
