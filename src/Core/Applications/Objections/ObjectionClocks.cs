using NodaTime;
using S = PvoFinance.Applications.ApplicationState;
using T = PvoFinance.Applications.ApplicationTrigger;

namespace PvoFinance.Applications;

/// <summary>
/// Which history entries are decisions one can object to, and the dates objections and the penalty add to
/// <see cref="Deadlines"/>. Those dates are derived after every transition from <see cref="Application.Objections"/>,
/// <see cref="Application.Penalty"/> and the history, so no transition that resets the other dates can lose them.
/// </summary>
public static class ObjectionClocks
{
    /// <summary>The states in which the application is still undecided: the decision term (and a penalty) runs.</summary>
    public static IReadOnlyList<ApplicationState> Undecided { get; } = [S.Submitted, S.UnderReview, S.InformationRequested];

    /// <summary>
    /// True when <paramref name="entry"/> is a decision on the application that can be objected to: a grant (also tier A's
    /// grant and determination at once), a rejection, an amendment approved or refused, a determination, a revocation. First
    /// approvals are not decisions; a decision on an objection is not objected to again (the next step is appeal to a court).
    /// </summary>
    public static bool IsObjectable(HistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return (entry.Trigger, entry.To) switch
        {
            (T.Grant, S.Granted or S.Determined) => true,
            (T.Reject, S.Rejected) => true,
            (T.ApproveAmendment, S.Granted) => true,
            (T.RefuseAmendment, S.Granted) => true,
            (T.Determine, S.Determined or S.Settled) => true,
            (T.Revoke, S.Revoked) => true,
            _ => false,
        };
    }

    /// <summary>The newest decision one can object to, or null.</summary>
    public static HistoryEntry? NewestDecision(Application app)
    {
        ArgumentNullException.ThrowIfNull(app);
        for (var i = app.History.Count - 1; i >= 0; i--)
        {
            if (IsObjectable(app.History[i]))
            {
                return app.History[i];
            }
        }
        return null;
    }

    /// <summary>The decision with history sequence <paramref name="sequence"/> when it is one can object to; else null.</summary>
    public static HistoryEntry? DecisionAt(Application app, int sequence)
    {
        ArgumentNullException.ThrowIfNull(app);
        return sequence >= 1 && sequence <= app.History.Count && IsObjectable(app.History[sequence - 1]) ? app.History[sequence - 1] : null;
    }

    /// <summary>The day a decision was made known: the Amsterdam day it was taken (the letter goes out the same day).</summary>
    public static LocalDate MadeKnown(HistoryEntry decision) => LegalClocks.Today(decision.At);

    /// <summary>The open objection, if any.</summary>
    public static Objection? Open(Application app) => app.Objections.FirstOrDefault(o => o.IsOpen);

    /// <summary>
    /// The term for the decision on an objection to a decision made known on <paramref name="madeKnown"/>: six weeks (twelve
    /// with an advisory committee) from the day after the objection term ended, plus six with the one extension (Awb 7:10);
    /// an end on a weekend or holiday moves to the next working day (<see cref="AlgemeneTermijnenwet"/>).
    /// </summary>
    public static LocalDate DecisionDue(LocalDate madeKnown, bool committee, bool extended)
    {
        var terms = AwbTerms.At(madeKnown);
        var due = terms.ObjectionTermEnds(madeKnown).PlusWeeks(committee ? terms.ObjectionDecisionWeeksWithCommittee : terms.ObjectionDecisionWeeks);
        return AlgemeneTermijnenwet.Extend(extended ? due.PlusWeeks(terms.ObjectionExtensionWeeks) : due);
    }

    /// <summary>
    /// <paramref name="after"/> with what a transition from <paramref name="before"/> on <paramref name="today"/> implies:
    /// the penalty stops on the day the application is decided or withdrawn, and the derived dates are set.
    /// </summary>
    public static Application Settle(Application before, Application after, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (after.Penalty is { StoppedOn: null } p && Undecided.Contains(before.State) && !Undecided.Contains(after.State))
        {
            after = after with { Penalty = p with { StoppedOn = today } };
        }
        return after with { Deadlines = Derived(after, today) };
    }

    /// <summary>The application's deadlines with the objection and penalty dates derived from its value on <paramref name="today"/>.</summary>
    public static Deadlines Derived(Application app, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(app);
        LocalDate? term = null;
        if (NewestDecision(app) is { } newest && !app.Objections.Any(o => o.Decision == newest.Sequence) && app.State != S.Closed)
        {
            var end = AwbTerms.At(MadeKnown(newest)).ObjectionTermEnds(MadeKnown(newest));
            term = end >= today ? end : null;
        }
        var penalty = app.Penalty;
        return app.Deadlines with
        {
            ObjectionTerm = term,
            ObjectionDecision = Open(app)?.DecisionDue,
            PenaltyRunning = penalty is { StoppedOn: null } && Undecided.Contains(app.State) ? penalty.FirstDay : null,
            // The latest the amount can be due: after the decision, or after the maximum when none comes.
            PenaltyDecision = penalty?.DecisionDue(LocalDate.MaxIsoValue),
        };
    }
}
