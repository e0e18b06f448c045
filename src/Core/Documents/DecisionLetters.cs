using NodaTime;
using PvoFinance.Access;
using PvoFinance.Applications;

namespace PvoFinance.Documents;

/// <summary>
/// Composes the letter of a decision from the application as it was right after the decision (its last history entry
/// is the decision): who decides, on what application, the amount per source, what the tier asks, the advance schedule,
/// the deadlines and the objection clause with its actual last day. The same decision always gives the same letter.
/// </summary>
public static partial class DecisionLetters
{
    /// <summary>
    /// Which decision <paramref name="entry"/> is, or null when it is none (a first of two approvals, an advance, a note).
    /// A determination that leaves money to be paid back is a reclaim. A decision on an objection cannot be told from a
    /// first of its two approvals by the entry alone: <see cref="KindOf(Application)"/> knows.
    /// </summary>
    public static DecisionKind? KindOf(HistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var moved = entry.To != entry.From;
        return entry.Trigger switch
        {
            ApplicationTrigger.Grant when moved => DecisionKind.Grant,
            ApplicationTrigger.Reject => DecisionKind.Rejection,
            ApplicationTrigger.ApproveAmendment when moved => DecisionKind.Amendment,
            ApplicationTrigger.RefuseAmendment => DecisionKind.AmendmentRefusal,
            ApplicationTrigger.Determine when moved && entry.Effects.Any(e => e.Kind == LedgerEffectKind.Receivable) => DecisionKind.Reclaim,
            ApplicationTrigger.Determine when moved => DecisionKind.Determination,
            ApplicationTrigger.Revoke => DecisionKind.Revocation,
            ApplicationTrigger.DecidePenalty => DecisionKind.PenaltyDecision,
            _ => null,
        };
    }

    /// <summary>
    /// Which decision the last history entry of <paramref name="app"/> is (the application as it was right after it), or
    /// null. A decision on an objection is one once it is taken: not while its first of two approvals waits for the second.
    /// </summary>
    public static DecisionKind? KindOf(Application app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.History.Count == 0)
        {
            return null;
        }
        var entry = app.History[^1];
        return entry.Trigger == ApplicationTrigger.DecideObjection
            ? app.PendingApproval is { Trigger: ApplicationTrigger.DecideObjection } || DecidedObjection(app) is null ? null : DecisionKind.ObjectionDecision
            : KindOf(entry);
    }

    /// <summary>
    /// The letter of the decision that is <paramref name="app"/>'s last history entry (whole: with its reason and user).
    /// </summary>
    /// <exception cref="ArgumentException">The application has no history, or its last entry is not a decision.</exception>
    public static DecisionLetter Compose(Application app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (KindOf(app) is not { } kind)
        {
            throw new ArgumentException("The application's last history entry is not a decision.", nameof(app));
        }
        var entry = app.History[^1];
        var date = LegalClocks.Today(entry.At);
        var lastDay = ObjectionTerm.LastDay(date);
        var reference = $"{app.Id}/{entry.Sequence}";
        List<LetterSection> sections =
        [
            new(null,
            [
                $"Datum: {DutchText.Date(date)}",
                $"Kenmerk: {reference}",
                $"Aan: het bestuur van de PVO van regio {app.Region}",
                $"Betreft: uw aanvraag '{app.Title}' ({app.Id})" + (app.SubmittedAt is { } s ? $", ingediend op {DutchText.Date(LegalClocks.Today(s))}" : ""),
            ]),
            new("Wie besluit", [$"Dit besluit is genomen door {Authority(app.FundOwner)}, namens deze door {RoleText(entry.Role)} {entry.UserId}."]),
            .. Body(kind, app, entry),
        ];
        if (Motivation(entry.Reason) is { } reason)
        {
            sections.Add(new("Motivering", [reason]));
        }
        sections.Add(kind == DecisionKind.ObjectionDecision ? AppealClause(lastDay) : ObjectionClause(app, reference, lastDay));
        return new DecisionLetter(app.Id, entry.Sequence, kind, date, lastDay, Title(kind), sections);
    }

    // Every decision but one on an objection can be objected to at the authority that took it (Awb 6:7, 6:8; 4:18's
    // decision on the penalty too).
    private static LetterSection ObjectionClause(Application app, string reference, LocalDate lastDay) => new("Bezwaar",
    [
        "Bent u het niet eens met dit besluit, dan kunt u daartegen bezwaar maken. De termijn is zes weken en begint op de dag "
            + "na de dag waarop dit besluit bekend is gemaakt (artikelen 6:7 en 6:8 van de Algemene wet bestuursrecht).",
        $"Uw bezwaarschrift moet uiterlijk op {DutchText.Date(lastDay)} zijn ontvangen door {Authority(app.FundOwner)}.",
        $"Vermeld in uw bezwaarschrift uw naam en adres, de datum, het kenmerk {reference} en de gronden van uw bezwaar, en onderteken het (artikel 6:5 Awb).",
    ]);

    /// <summary>The heading of each kind of letter.</summary>
    public static string Title(DecisionKind kind) => kind switch
    {
        DecisionKind.Grant => "Besluit tot verlening van subsidie",
        DecisionKind.Rejection => "Besluit tot weigering van subsidie",
        DecisionKind.Amendment => "Besluit tot wijziging van de subsidieverlening",
        DecisionKind.AmendmentRefusal => "Besluit op uw verzoek om wijziging van de subsidieverlening",
        DecisionKind.Determination => "Besluit tot vaststelling van subsidie",
        DecisionKind.Reclaim => "Besluit tot vaststelling en terugvordering van subsidie",
        DecisionKind.Revocation => "Besluit tot intrekking van subsidie",
        DecisionKind.ObjectionDecision => "Beslissing op bezwaar",
        DecisionKind.PenaltyDecision => "Besluit over de dwangsom bij niet tijdig beslissen",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static IEnumerable<LetterSection> Body(DecisionKind kind, Application app, HistoryEntry entry) => kind switch
    {
        DecisionKind.Grant => GrantBody(app, "Wij verlenen u een subsidie van {0} voor de activiteiten '{1}' (artikel 4:29 Awb).",
            app.State == ApplicationState.Determined || app.Determined is not null),
        DecisionKind.Amendment => GrantBody(app, "Wij wijzigen de verlening: de verleende subsidie bedraagt nu {0} voor de activiteiten '{1}'.", false),
        DecisionKind.Rejection =>
        [
            new("Besluit", [$"Wij weigeren de subsidie van {DutchText.Euros(app.Requested)} die u hebt aangevraagd (artikel 4:35 Awb)."]),
        ],
        DecisionKind.AmendmentRefusal =>
        [
            new("Besluit",
            [
                "Wij wijzen uw verzoek om wijziging af. De verlening blijft zoals zij was: "
                    + $"{DutchText.Euros(app.Granted)}" + (app.EndDate is { } end ? $", activiteiten tot en met {DutchText.Date(end)}." : "."),
            ]),
        ],
        DecisionKind.Determination or DecisionKind.Reclaim => DeterminationBody(app, entry),
        DecisionKind.Revocation => RevocationBody(app, entry),
        DecisionKind.ObjectionDecision => ObjectionBody(app, entry),
        DecisionKind.PenaltyDecision => PenaltyBody(app, entry),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static IEnumerable<LetterSection> GrantBody(Application app, string opening, bool determinedAtOnce)
    {
        yield return new("Besluit", [string.Format(System.Globalization.CultureInfo.InvariantCulture, opening, DutchText.Euros(app.Granted), app.Title)]);
        yield return new("Bedrag per financieringsbron", [.. app.Split.Select(p => $"- {p.Source}: {DutchText.Euros(p.Amount)}")]);
        var tier = app.Tier ?? AccountabilityTier.C;
        var need = TierRules.Requirements(tier);
        List<string> duties = [$"Verantwoordingsniveau {tier}."];
        if (app.EndDate is { } end)
        {
            duties.Add($"De activiteiten zijn uiterlijk op {DutchText.Date(end)} afgerond.");
        }
        if (!need.Accountability)
        {
            duties.Add("De subsidie is bij deze verlening ook vastgesteld (artikel 4:42 Awb); u hoeft geen verantwoording in te dienen. "
                + "Wij kunnen steekproefsgewijs controleren of de activiteiten zijn verricht.");
        }
        else
        {
            var asked = new List<string> { "een inhoudelijk verslag van de gerealiseerde activiteiten" };
            if (need.Costs)
            {
                asked.Add("een financieel verslag van de gerealiseerde kosten");
            }
            if (need.AuditorStatement)
            {
                asked.Add("een controleverklaring van een accountant");
            }
            var due = app.Deadlines.Accountability is { } a ? $"uiterlijk op {DutchText.Date(a)} " : "";
            duties.Add($"U dient {due}een aanvraag tot vaststelling in met {Join(asked)} (artikel 4:44 Awb).");
        }
        if (need.Approvers > 1)
        {
            duties.Add($"Besluiten over deze subsidie worden door {need.Approvers} verschillende personen goedgekeurd.");
        }
        yield return new("Verplichtingen en verantwoording", duties);
        if (determinedAtOnce)
        {
            yield return new("Betaling", [
                $"Wij betalen {DutchText.Euros(app.Granted)}" + (app.Deadlines.Payment is { } pay ? $" uiterlijk op {DutchText.Date(pay)}." : "."),
            ]);
        }
        else
        {
            yield return new("Voorschotten", app.Advances.Count == 0
                ? ["Er worden geen voorschotten verleend."]
                : [.. app.Advances.Select(x => $"- vanaf {DutchText.Date(x.Due)}: {DutchText.Euros(x.Amount)}")]);
        }
    }

    private static IEnumerable<LetterSection> DeterminationBody(Application app, HistoryEntry entry)
    {
        var determined = app.Determined ?? Money.Zero;
        List<string> lines =
        [
            $"Wij stellen de subsidie vast op {DutchText.Euros(determined)} (artikel 4:42 Awb). Verleend was {DutchText.Euros(app.Granted)}.",
            $"Aan voorschotten is betaald: {DutchText.Euros(app.Amounts.AdvancesPaid)}.",
        ];
        var reclaim = Sum(entry, LedgerEffectKind.Receivable);
        var payable = Sum(entry, LedgerEffectKind.Payable);
        if (reclaim.Cents > 0)
        {
            lines.Add($"U hebt {DutchText.Euros(reclaim)} te veel ontvangen. Wij vorderen dat bedrag terug (artikel 4:57 Awb).");
        }
        else if (payable.Cents > 0)
        {
            lines.Add($"Wij betalen u nog {DutchText.Euros(payable)}" + (app.Deadlines.Payment is { } pay ? $", uiterlijk op {DutchText.Date(pay)}." : "."));
        }
        else
        {
            lines.Add("Er hoeft niets meer te worden betaald of terugbetaald.");
        }
        yield return new("Besluit", lines);
        yield return new("Bedrag per financieringsbron", PerSource(entry));
        if (app.DeterminedOn is { } on)
        {
            yield return new("Termijnen", [$"Deze vaststelling kan tot {DutchText.Date(app.Scheme.Clocks.BarredFrom(on))} nog ten nadele van u worden gewijzigd of ingetrokken (artikel 4:49 lid 3 Awb)."]);
        }
    }

    private static IEnumerable<LetterSection> RevocationBody(Application app, HistoryEntry entry)
    {
        var reclaim = Sum(entry, LedgerEffectKind.Receivable);
        yield return new("Besluit",
        [
            (entry.From is ApplicationState.Determined or ApplicationState.Settled
                ? "Wij trekken de vaststelling van de subsidie in (artikel 4:49 Awb)."
                : "Wij trekken de verlening van de subsidie in (artikel 4:48 Awb).")
                + $" Verleend was {DutchText.Euros(app.Granted)}.",
            reclaim.Cents > 0
                ? $"Wat al is betaald, {DutchText.Euros(reclaim)}, vorderen wij terug (artikel 4:57 Awb)."
                : "Er is nog niets betaald; er wordt niets teruggevorderd.",
        ]);
        yield return new("Bedrag per financieringsbron", PerSource(entry));
    }

    // The movements of the decision per source, in the order the decision books them.
    private static List<string> PerSource(HistoryEntry entry)
    {
        var lines = entry.Effects
            .Where(e => e.Kind is LedgerEffectKind.Payable or LedgerEffectKind.Receivable or LedgerEffectKind.Release or LedgerEffectKind.Reverse)
            .Select(e => $"- {e.Source}: {EffectText(e)} {DutchText.Euros(e.Amount)}")
            .ToList();
        return lines.Count == 0 ? ["Geen bedragen per bron."] : lines;
    }

    private static string EffectText(LedgerEffect e) => e.Kind switch
    {
        LedgerEffectKind.Payable => "te betalen",
        LedgerEffectKind.Receivable => "terug te vorderen",
        LedgerEffectKind.Release => "vrijgevallen",
        _ => "teruggedraaid",
    };

    private static Money Sum(HistoryEntry entry, LedgerEffectKind kind) =>
        entry.Effects.Where(e => e.Kind == kind).Aggregate(Money.Zero, (sum, e) => sum + e.Amount);

    private static string? Motivation(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return null;
        }
        var text = reason.Trim();
        return text.Length <= LetterLimits.MaxReasonChars ? text : text[..(LetterLimits.MaxReasonChars - 1)] + "…";
    }

    private static string Join(List<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " en " + items[^1];

    /// <summary>The authority that decides for a fund's owner.</summary>
    public static string Authority(Scope owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return owner.Level switch
        {
            ScopeLevel.National => "de minister",
            ScopeLevel.Province => $"Gedeputeerde Staten van de provincie {owner.Name}",
            _ => $"het bestuur van regio {owner.Name}",
        };
    }

    private static string RoleText(Role role) => role switch
    {
        Role.ProvincialOfficer => "de provinciale subsidieambtenaar",
        Role.Ministry => "de ambtenaar van het ministerie",
        Role.Treasurer => "de penningmeester",
        _ => "de PVO-manager",
    };
}
