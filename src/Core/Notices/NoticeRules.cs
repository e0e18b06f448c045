using NodaTime;
using PvoFinance.Applications;

namespace PvoFinance.Notices;

/// <summary>
/// The dated table of <see cref="NoticeRule"/>s: per deadline kind, how far ahead and to whom. The newest rule whose
/// <see cref="NoticeRule.From"/> is on or before the day of the sweep applies; before the first rule of a kind no
/// notice is made.
/// </summary>
public static class NoticeRules
{
    /// <summary>The day notices were introduced (the first sweep this product made).</summary>
    public static LocalDate Introduced { get; } = new(2026, 1, 1);

    /// <summary>The largest lead time of any rule, in days: how far ahead a sweep must look.</summary>
    public static int MaxLeadDays => All.Max(r => r.LeadDays);

    /// <summary>Every rule, oldest first per kind.</summary>
    public static IReadOnlyList<NoticeRule> All { get; } =
    [
        new(DeadlineKind.Decision, Introduced, 14, NoticeAudience.FundOwner | NoticeAudience.RegionManager,
            "Besluiten op de aanvraag of de beslistermijn (eenmaal) verlengen",
            "Awb 4:13 en 4:14: de beslistermijn van acht weken mag eenmaal worden verlengd, mits vóór het einde gemeld; twee weken vooraf laat ruimte om te besluiten of te verlengen."),
        new(DeadlineKind.ObjectionTerm, Introduced, 7, NoticeAudience.RegionManager,
            "Bezwaar maken als u het niet eens bent met het besluit",
            "Awb 6:7 en 6:8: zes weken vanaf de dag na bekendmaking; daarna is bezwaar niet meer ontvankelijk. Een week vooraf is genoeg om een bezwaarschrift in te dienen."),
        new(DeadlineKind.ObjectionDecision, Introduced, 14, NoticeAudience.FundOwner,
            "Beslissen op het bezwaar of de beslistermijn verlengen",
            "Awb 7:10: zes weken (twaalf met adviescommissie), eenmaal met zes weken te verlengen; twee weken vooraf laat ruimte voor het besluit."),
        new(DeadlineKind.Accountability, Introduced, 30, NoticeAudience.RegionManager | NoticeAudience.Treasurer,
            "Verantwoording indienen met inhoudelijk verslag en financiële verantwoording",
            "Awb 4:44 en de verleningsbeschikking: een financiële verantwoording (en bij niveau C een controleverklaring) vraagt een maand voorbereiding."),
        new(DeadlineKind.Determination, Introduced, 14, NoticeAudience.FundOwner,
            "De subsidie vaststellen",
            "Awb 4:46: de vaststelling volgt op de verantwoording binnen de termijn van de verleningsbeschikking."),
        new(DeadlineKind.Payment, Introduced, 14, NoticeAudience.FundOwner | NoticeAudience.Treasurer,
            "Het restant betalen of de terugbetaling vastleggen",
            "Awb 4:87: betalen binnen zes weken na de vaststelling, anders is wettelijke rente verschuldigd."),
        new(DeadlineKind.Limitation, Introduced, 30, NoticeAudience.FundOwner,
            "Laatste kans om de vaststelling in te trekken of terug te vorderen",
            "Awb 4:49 lid 3 en 4:57 lid 4: na vijf jaar kan niet meer worden ingetrokken of teruggevorderd."),
        new(DeadlineKind.PenaltyRunning, Introduced, 0, NoticeAudience.FundOwner | NoticeAudience.RegionManager,
            "Vandaag gaat de dwangsom lopen: besluit zo snel mogelijk",
            "Awb 4:17 lid 3: de dwangsom loopt vanaf de dag twee weken na ontvangst van de ingebrekestelling; elke dag kost € 23 tot € 45."),
        new(DeadlineKind.PenaltyDecision, Introduced, 7, NoticeAudience.FundOwner,
            "De hoogte van de dwangsom vaststellen",
            "Awb 4:18: binnen twee weken na de laatste dag waarover de dwangsom verschuldigd is."),
    ];

    /// <summary>The rule for <paramref name="kind"/> that applies on <paramref name="day"/>, or null when none does yet.</summary>
    public static NoticeRule? For(DeadlineKind kind, LocalDate day) =>
        All.Where(r => r.Kind == kind && r.From <= day).OrderBy(r => r.From).LastOrDefault();
}
