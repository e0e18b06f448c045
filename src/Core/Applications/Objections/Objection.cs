using NodaTime;

namespace PvoFinance.Applications;

/// <summary>
/// An objection (bezwaar, Awb 6:4, 7:1) to one decision on the application, named by the decision's history sequence.
/// Each decision can be objected to once. The grounds are in the history entry that lodged it (a row), not here, so
/// the stored value stays small.
/// </summary>
/// <param name="Decision">The history sequence of the contested decision.</param>
/// <param name="DecisionTrigger">What the contested decision was (grant, rejection, amendment, determination, revocation).</param>
/// <param name="MadeKnown">The day the decision was made known; the objection term starts the day after (Awb 6:8 lid 1).</param>
/// <param name="LodgedOn">The day the objection was received.</param>
/// <param name="LodgedAt">The history sequence of the entry that lodged it (its grounds).</param>
/// <param name="DecisionDue">The last day for the decision on the objection (Awb 7:10), after any committee and extension.</param>
/// <param name="AdvisoryCommittee">True once it was referred to an advisory committee (twelve weeks instead of six).</param>
/// <param name="Extended">True once the term was extended by six weeks (Awb 7:10 lid 3; once).</param>
/// <param name="Outcome">Null while open.</param>
/// <param name="DecidedOn">The day it was decided.</param>
public sealed record Objection(
    int Decision,
    ApplicationTrigger DecisionTrigger,
    LocalDate MadeKnown,
    LocalDate LodgedOn,
    int LodgedAt,
    LocalDate DecisionDue,
    bool AdvisoryCommittee = false,
    bool Extended = false,
    ObjectionOutcome? Outcome = null,
    LocalDate? DecidedOn = null)
{
    /// <summary>True while no decision on it was taken.</summary>
    public bool IsOpen => Outcome is null;
}
