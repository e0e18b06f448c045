using System.Globalization;
using NodaTime.Text;
using PvoFinance.Applications;
using T = PvoFinance.Applications.ApplicationTrigger;

namespace PvoFinance.Exports;

/// <summary>
/// What an application's ledger entry (key <c>app:&lt;id&gt;:&lt;sequence&gt;[r&lt;attempt&gt;]:&lt;effect&gt;[:…]</c>) says
/// about itself: the transition and effect it books, the decision it rests on, who prepared and approved it, and the
/// tier at that moment. Everything comes from the application's history up to that transition, so later changes do
/// not rewrite earlier rows.
/// </summary>
internal sealed class ApplicationPart
{
    private ApplicationPart(Application application, HistoryEntry entry, LedgerEffect? effect)
    {
        Application = application;
        Entry = entry;
        Effect = effect;
    }

    /// <summary>The application.</summary>
    public Application Application { get; }

    /// <summary>The transition the entry books.</summary>
    public HistoryEntry Entry { get; }

    /// <summary>The effect the entry books, if the key names one the history has.</summary>
    public LedgerEffect? Effect { get; }

    /// <summary>The part of <paramref name="key"/>, or null when it is not an application's key or the application is unknown.</summary>
    public static ApplicationPart? Of(string key, ExportLookups lookups)
    {
        if (!key.StartsWith("app:", StringComparison.Ordinal))
        {
            return null;
        }
        var parts = key.Split(':');
        if (parts.Length < 4 || parts[0] != "app" || !lookups.Applications.TryGetValue(parts[1], out var app))
        {
            return null;
        }
        var seqText = parts[2].Split('r')[0];
        if (!int.TryParse(seqText, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) || seq < 1 || seq > app.History.Count)
        {
            return null;
        }
        var entry = app.History[seq - 1];
        var effect = int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < entry.Effects.Count ? entry.Effects[i] : null;
        return new ApplicationPart(app, entry, effect);
    }

    /// <summary>The Awb phase of the effect.</summary>
    public string Phase => (Effect?.Kind, Entry.Trigger) switch
    {
        (LedgerEffectKind.PenaltyPayable or LedgerEffectKind.PenaltyPayment, _) => "dwangsom",
        (not null, T.DecideObjection) => "bezwaar",
        (LedgerEffectKind.Commit or LedgerEffectKind.Release, T.ApproveAmendment) => "wijziging",
        (LedgerEffectKind.Commit, _) => "verlening",
        (LedgerEffectKind.Advance, _) => "voorschot",
        (LedgerEffectKind.Release or LedgerEffectKind.Payable, _) => "vaststelling",
        (LedgerEffectKind.Receivable, T.Revoke) or (LedgerEffectKind.Reverse, _) => "intrekking",
        (LedgerEffectKind.Receivable or LedgerEffectKind.Receipt, _) => "terugvordering",
        (LedgerEffectKind.Payment, _) => "betaling",
        _ => "",
    };

    /// <summary>Adds the application's columns to <paramref name="row"/>.</summary>
    public TransactionRow Describe(TransactionRow row, string? sourceId)
    {
        var app = Application;
        var decision = Decision();
        var source = sourceId ?? Effect?.Source;
        var planned = app.Plan.FirstOrDefault(p => p.Source == source);
        return row with
        {
            GrantId = source is null ? "" : $"360G-pvo-{app.Id}-{source}",
            ActivityId = GrantRows.ActivityId(app),
            ProjectTitle = app.Title,
            BeschikkingRef = decision is null ? "" : string.Create(CultureInfo.InvariantCulture, $"{app.Id}/{decision.Sequence}"),
            BeschikkingDate = decision is null ? "" : LocalDatePattern.Iso.Format(TransactionRows.DateOf(decision.At)),
            CofinancingPct = planned is null || app.ProjectCosts.Cents <= 0 ? "" : Percent(planned.Amount.Cents, app.ProjectCosts.Cents),
            AccountabilityTier = TierAt()?.ToString() ?? "",
            PreparedBy = app.SubmittedBy ?? "",
            ApprovedBy = decision is null ? "" : Approvers(decision),
            BankReference = BankReference(),
        };
    }

    // A payment or receipt records the reference it was made under (typed by hand, or the bank's when a statement
    // confirmed it): on the rows of the money it moved. Other transitions' reasons are motivations, not references.
    private string BankReference()
    {
        if (Entry.Trigger is not (T.PayAdvance or T.RecordPayment or T.RecordReclaim or T.PayPenalty)
            || Effect?.Kind is not (LedgerEffectKind.Advance or LedgerEffectKind.Payment or LedgerEffectKind.Receipt or LedgerEffectKind.PenaltyPayment)
            || string.IsNullOrWhiteSpace(Entry.Reason))
        {
            return "";
        }
        // Before the exports showed it, a statement's confirmation recorded the bank's entry key ("bank:<reference>").
        var reference = Entry.Reason.Trim();
        return Banking.StatementLine.ReferenceOfKey(reference) ?? reference;
    }

    // The decision the money rests on: the transition itself when it decides, else the last decision before it.
    private HistoryEntry? Decision()
    {
        for (var s = Entry.Sequence; s >= 1; s--)
        {
            var h = Application.History[s - 1];
            if (IsDecision(h))
            {
                return h;
            }
        }
        return null;
    }

    private static bool IsDecision(HistoryEntry h) => h.Trigger switch
    {
        T.Grant or T.ApproveAmendment or T.Determine => h.From != h.To, // a first approval of two decides nothing yet
        T.Revoke => true,
        _ => false,
    };

    // Tier C decisions have two approvers: the first approval is the entry of the same trigger just before.
    private string Approvers(HistoryEntry decision)
    {
        var before = decision.Sequence >= 2 ? Application.History[decision.Sequence - 2] : null;
        return before is not null && before.Trigger == decision.Trigger && before.From == before.To && decision.Trigger != T.Revoke
            ? $"{before.UserId}+{decision.UserId}"
            : decision.UserId;
    }

    // The tier fixed by the largest amount granted up to this transition (a grant's commitments; an amendment's change).
    private AccountabilityTier? TierAt()
    {
        long granted = 0, largest = 0;
        var amended = false;
        foreach (var h in Application.History.Take(Entry.Sequence))
        {
            if (h.Trigger is T.Grant or T.ApproveAmendment && h.From != h.To)
            {
                var change = h.Effects.Sum(e => e.Kind == LedgerEffectKind.Commit ? e.Amount.Cents : e.Kind == LedgerEffectKind.Release ? -e.Amount.Cents : 0);
                granted = h.Trigger == T.Grant ? change : granted + change;
                largest = Math.Max(largest, granted);
                amended |= h.Trigger == T.ApproveAmendment;
            }
        }
        if (largest == 0)
        {
            return null;
        }
        var tier = Application.Scheme.Tiers.TierOf(new Money(largest));
        return amended && tier == AccountabilityTier.A ? AccountabilityTier.B : tier;
    }

    // part / whole as a percentage with two decimals, rounded half away from zero, exactly.
    private static string Percent(long part, long whole)
    {
        var basisPoints = ((Int128)part * 10_000 * 2 + whole) / (2 * (Int128)whole);
        return new Money((long)basisPoints).ToString();
    }
}
