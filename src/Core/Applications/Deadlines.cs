using NodaTime;

namespace PvoFinance.Applications;

/// <summary>
/// The dates that run for an application now. A date is null when its term does not run (not started yet,
/// or met). The workflow sets and clears them on each transition; <see cref="Listing"/> answers "what is
/// overdue or due soon".
/// </summary>
/// <param name="Decision">
/// The last day of the decision term (Awb 4:13): its calendar end, moved to the next working day when that is a weekend
/// or general holiday (<see cref="AlgemeneTermijnenwet"/>); null before submission and after the decision.
/// </param>
/// <param name="DecisionSuspendedSince">Set while information is awaited: the decision term stands still (Awb 4:15).</param>
/// <param name="DecisionExtensionReason">Set once the decision term was extended; a second extension is refused.</param>
/// <param name="Accountability">When the accountability is due, as set in the grant.</param>
/// <param name="Determination">When the determination is due after the accountability.</param>
/// <param name="Payment">When what is still due after the determination must be paid.</param>
/// <param name="BarredFrom">From this day the determination can no longer be revoked, nor money reclaimed.</param>
/// <param name="ObjectionTerm">The last day to object to the newest decision not yet objected to (derived, <see cref="ObjectionClocks"/>).</param>
/// <param name="ObjectionDecision">When the decision on the open objection is due (derived).</param>
/// <param name="PenaltyRunning">The first day of the penalty for a late decision while the application is undecided (derived).</param>
/// <param name="PenaltyDecision">When the penalty's amount must be decided (derived).</param>
/// <param name="DecisionCalendarEnd">
/// The decision term's calendar end before the Algemene termijnenwet moved it: extensions (Awb 4:14) and suspensions (4:15)
/// count from this day, not from the moved one. Null in values recorded before it was kept; <see cref="Decision"/> is then that end.
/// </param>
public sealed record Deadlines(
    LocalDate? Decision = null,
    LocalDate? DecisionSuspendedSince = null,
    string? DecisionExtensionReason = null,
    LocalDate? Accountability = null,
    LocalDate? Determination = null,
    LocalDate? Payment = null,
    LocalDate? BarredFrom = null,
    LocalDate? ObjectionTerm = null,
    LocalDate? ObjectionDecision = null,
    LocalDate? PenaltyRunning = null,
    LocalDate? PenaltyDecision = null,
    LocalDate? DecisionCalendarEnd = null)
{
    /// <summary>No dates running.</summary>
    public static Deadlines None { get; } = new();

    /// <summary>The largest look-ahead a listing accepts, in days (ten years).</summary>
    public const int MaxWithinDays = 3_660;

    /// <summary>
    /// These dates with the decision term ending on <paramref name="calendarEnd"/> by the calendar, and on the working day
    /// the Algemene termijnenwet makes of it (art. 1: a term set by law does not end on a weekend or general holiday).
    /// </summary>
    public Deadlines WithDecisionTerm(LocalDate calendarEnd) =>
        this with { Decision = AlgemeneTermijnenwet.Extend(calendarEnd), DecisionCalendarEnd = calendarEnd };

    /// <summary>The calendar end of the running decision term, which extensions and suspensions move; null when none runs.</summary>
    public LocalDate? DecisionTermCalendarEnd => Decision is null ? null : DecisionCalendarEnd ?? Decision;

    /// <summary>True when the decision term was already extended once.</summary>
    public bool DecisionExtended => DecisionExtensionReason is not null;

    /// <summary>
    /// Everything overdue at <paramref name="now"/> or due within <paramref name="withinDays"/> days of it
    /// (Amsterdam calendar days), earliest first. A suspended decision term is left out: it does not run.
    /// The limitation date is listed as the last day on which action is still possible.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="withinDays"/> outside 0..<see cref="MaxWithinDays"/>.</exception>
    public IReadOnlyList<DueItem> Listing(Instant now, int withinDays)
    {
        if (withinDays is < 0 or > MaxWithinDays)
        {
            throw new ArgumentOutOfRangeException(nameof(withinDays), $"0..{MaxWithinDays} days.");
        }
        var today = LegalClocks.Today(now);
        var items = new List<DueItem>(9);
        void Add(DeadlineKind kind, LocalDate? due, bool canBeOverdue = true)
        {
            if (due is { } d)
            {
                var left = Period.Between(today, d, PeriodUnits.Days).Days;
                if (left <= withinDays && (canBeOverdue || left >= 0))
                {
                    items.Add(new DueItem(kind, d, left));
                }
            }
        }
        if (DecisionSuspendedSince is null)
        {
            Add(DeadlineKind.Decision, Decision);
        }
        Add(DeadlineKind.Accountability, Accountability);
        Add(DeadlineKind.Determination, Determination);
        Add(DeadlineKind.Payment, Payment);
        // The bar is the first day action is impossible, so the last day to act is the day before. Once
        // passed it is not "overdue" but simply over: nothing can be done any more, so it drops off.
        Add(DeadlineKind.Limitation, BarredFrom?.PlusDays(-1), canBeOverdue: false);
        // A passed objection term is not overdue: the chance to object is simply gone.
        Add(DeadlineKind.ObjectionTerm, ObjectionTerm, canBeOverdue: false);
        Add(DeadlineKind.ObjectionDecision, ObjectionDecision);
        Add(DeadlineKind.PenaltyRunning, PenaltyRunning);
        Add(DeadlineKind.PenaltyDecision, PenaltyDecision);
        return [.. items.OrderBy(i => i.Due).ThenBy(i => i.Kind)];
    }
}
