namespace PvoFinance.Applications;

/// <summary>
/// What must hold for every application value, whatever happened to it. The workflow checks these after every
/// transition and refuses (changing nothing) if one breaks; tests check them after random walks.
/// </summary>
public static class ApplicationInvariants
{
    private static readonly ApplicationState[] BeforeGrant =
    [
        ApplicationState.Draft, ApplicationState.Submitted, ApplicationState.UnderReview, ApplicationState.InformationRequested,
        ApplicationState.Rejected, ApplicationState.Withdrawn,
    ];

    private static readonly ApplicationState[] Running =
        [ApplicationState.Granted, ApplicationState.AmendmentRequested, ApplicationState.AccountabilitySubmitted];

    /// <summary>Every broken invariant, one sentence each; empty when the application is consistent.</summary>
    public static IReadOnlyList<string> Violations(Application app)
    {
        var v = new List<string>();
        var a = app.Amounts;
        if (a.OpenCommitment.IsNegative || a.AdvancesPaid.IsNegative || a.Payable.IsNegative || a.Receivable.IsNegative || a.Paid.IsNegative || a.Reclaimed.IsNegative)
        {
            v.Add($"A money position is negative: {a}.");
        }

        // The position is the fold of the history's effects, and the commitment covers every advance.
        // Effects compacted into Carried were checked when they were made; they seed the fold and the commitment check.
        var fold = app.Carried.Aggregate(ApplicationAmounts.None, (sum, c) => sum.Add(c.Amounts));
        Money committed = fold.OpenCommitment + fold.AdvancesPaid, released = Money.Zero, advanced = fold.AdvancesPaid;
        for (var i = 0; i < app.History.Count; i++)
        {
            var entry = app.History[i];
            if (entry.Sequence != i + 1)
            {
                v.Add($"History entry {i + 1} has sequence {entry.Sequence}.");
            }
            foreach (var e in entry.Effects)
            {
                if (e.Amount.Cents <= 0)
                {
                    v.Add($"Effect {e} is not positive.");
                }
                fold = fold.Apply(e);
                switch (e.Kind)
                {
                    case LedgerEffectKind.Commit: committed += e.Amount; break;
                    case LedgerEffectKind.Release: released += e.Amount; break;
                    case LedgerEffectKind.Reverse when e.Reverses == LedgerEffectKind.Commit: released += e.Amount; break;
                    case LedgerEffectKind.Advance: advanced += e.Amount; break;
                }
            }
        }
        if (fold != a)
        {
            v.Add($"The money position {a} is not the fold of the history's effects {fold}.");
        }
        if (committed - released < advanced)
        {
            v.Add($"Advances {advanced} exceed what stays committed ({committed} - {released}).");
        }
        if (app.History.Count > 0 && app.History[^1].To != app.State)
        {
            v.Add($"The last history entry ends in {app.History[^1].To}, the application is {app.State}.");
        }
        if (app.History.Count > ApplicationLimits.MaxHistoryEntries)
        {
            v.Add("The history is longer than its limit.");
        }

        if (app.Determined is { } d && (d.IsNegative || d > app.Granted))
        {
            v.Add($"The determination {d} is outside 0..{app.Granted}.");
        }
        if (a.AdvancesPaid > app.Granted && app.State != ApplicationState.Revoked && app.State != ApplicationState.Closed)
        {
            v.Add($"Advances {a.AdvancesPaid} exceed the grant {app.Granted}.");
        }
        if (app.AdvancesPaidCount < 0 || app.AdvancesPaidCount > app.Advances.Count)
        {
            v.Add("More advances paid than scheduled.");
        }
        else
        {
            var paidBySchedule = Money.Zero;
            foreach (var s in app.Advances.Take(app.AdvancesPaidCount))
            {
                paidBySchedule += s.Amount;
            }
            if (paidBySchedule != a.AdvancesPaid)
            {
                v.Add($"Advances paid {a.AdvancesPaid} differ from the paid part of the schedule {paidBySchedule}.");
            }
        }

        if (BeforeGrant.Contains(app.State) && (a != ApplicationAmounts.None || app.Granted.Cents != 0 || app.Tier is not null))
        {
            v.Add($"An application that is {app.State} has no grant and no money.");
        }
        if (Running.Contains(app.State))
        {
            if (app.Tier is null or AccountabilityTier.A || app.Granted.Cents <= 0)
            {
                v.Add($"A running grant has tier B or C and a positive amount ({app.Tier}, {app.Granted}).");
            }
            if (a.OpenCommitment + a.AdvancesPaid != app.Granted || a.Payable.Cents != 0 || a.Receivable.Cents != 0)
            {
                v.Add($"A running grant's commitment and advances ({a.OpenCommitment} + {a.AdvancesPaid}) equal the grant {app.Granted}.");
            }
            var scheduled = Money.Zero;
            foreach (var s in app.Advances)
            {
                scheduled += s.Amount;
            }
            if (scheduled > app.Granted)
            {
                v.Add($"The schedule {scheduled} exceeds the grant {app.Granted}.");
            }
        }
        if (app.State is ApplicationState.Determined or ApplicationState.Settled or ApplicationState.Revoked or ApplicationState.Closed && a.OpenCommitment.Cents != 0)
        {
            v.Add($"Nothing stays committed once {app.State}; {a.OpenCommitment} does.");
        }
        if (app.State is ApplicationState.Determined or ApplicationState.Settled && app.Determined is null)
        {
            v.Add($"A {app.State} application has a determined amount.");
        }
        if (app.State is ApplicationState.Settled or ApplicationState.Closed && !a.NothingOutstanding)
        {
            v.Add($"A {app.State} application owes nothing either way; {a} is outstanding.");
        }
        if (app.State == ApplicationState.Revoked && a.Payable.Cents != 0)
        {
            v.Add("A revoked application has nothing payable.");
        }
        if (app.PendingApproval is { } p && !PendingFits(app.State, p.Trigger))
        {
            v.Add($"A first approval for {p.Trigger} cannot wait while {app.State}.");
        }
        CoFinanced(app, v);
        return v;
    }

    // The plan, the split and every source's own position hold together as the whole does.
    private static void CoFinanced(Application app, List<string> v)
    {
        if (app.Plan.Count == 0 || Sum(app.Plan) != app.Requested || !app.Plan.Any(p => p.Source == app.LeadSource))
        {
            v.Add($"The plan [{string.Join(", ", app.Plan)}] adds up to the requested {app.Requested} and includes the fund applied to ('{app.LeadSource}').");
        }
        if (app.Sources.Count != app.Plan.Count || app.Plan.Any(p => !app.Sources.Any(t => t.Source == p.Source)))
        {
            v.Add("Every source in the plan has its terms recorded.");
        }
        var planned = app.Plan.Select(p => p.Source).ToHashSet(StringComparer.Ordinal);
        if (app.Split.Any(p => !planned.Contains(p.Source)) || app.History.Any(h => h.Effects.Any(e => !planned.Contains(e.Source))))
        {
            v.Add("Money moves only on sources of the plan.");
        }
        if (app.Granted.Cents > 0 ? Sum(app.Split) != app.Granted : app.Split.Count != 0)
        {
            v.Add($"The split [{string.Join(", ", app.Split)}] adds up to the grant {app.Granted}.");
        }
        var positions = app.Positions();
        if (Settlement.Total(positions) != app.Amounts)
        {
            v.Add("The sources' positions add up to the application's position.");
        }
        foreach (var (source, a) in positions)
        {
            if (a.OpenCommitment.IsNegative || a.AdvancesPaid.IsNegative || a.Payable.IsNegative || a.Receivable.IsNegative || a.Paid.IsNegative || a.Reclaimed.IsNegative)
            {
                v.Add($"The position of '{source}' is negative somewhere: {a}.");
            }
            var part = app.Split.FirstOrDefault(p => p.Source == source)?.Amount ?? Money.Zero;
            if (Running.Contains(app.State) && a.OpenCommitment + a.AdvancesPaid != part)
            {
                v.Add($"'{source}' has {a.OpenCommitment} committed and {a.AdvancesPaid} advanced; its part of the grant is {part}.");
            }
        }
    }

    private static Money Sum(IReadOnlyList<FundingPart> parts)
    {
        var total = Money.Zero;
        foreach (var p in parts)
        {
            total += p.Amount;
        }
        return total;
    }

    private static bool PendingFits(ApplicationState state, ApplicationTrigger trigger) => (state, trigger) switch
    {
        (ApplicationState.UnderReview, ApplicationTrigger.Grant) => true,
        (ApplicationState.AmendmentRequested, ApplicationTrigger.ApproveAmendment) => true,
        (ApplicationState.AccountabilitySubmitted, ApplicationTrigger.Determine) => true,
        (ApplicationState.Rejected or ApplicationState.Determined or ApplicationState.Settled, ApplicationTrigger.DecideObjection) => true,
        _ => false,
    };
}
