namespace PvoFinance.Applications;

/// <summary>
/// Everything someone can ask of an application. Each trigger carries the acting <see cref="Actor"/> and one
/// payload type (see <see cref="ApplicationWorkflow.PayloadTypeOf"/>); the workflow checks role, scope,
/// four-eyes and content before it moves.
/// </summary>
public enum ApplicationTrigger
{
    /// <summary>PVO-manager changes the draft's title or requested amount (<see cref="DraftContent"/>).</summary>
    EditDraft,
    /// <summary>PVO-manager submits the complete draft (<see cref="Note"/>); starts the decision term.</summary>
    Submit,
    /// <summary>Fund owner takes the application into review (<see cref="Note"/>).</summary>
    StartReview,
    /// <summary>Fund owner extends the decision term once, with a reason (<see cref="DecisionTermExtension"/>; Awb 4:14 lid 3).</summary>
    ExtendDecisionTerm,
    /// <summary>Fund owner asks for more information (<see cref="Note"/>, reason required); suspends the decision term.</summary>
    RequestInformation,
    /// <summary>PVO-manager supplies the information asked for (<see cref="Note"/>); the term runs again.</summary>
    SupplyInformation,
    /// <summary>Fund owner grants (<see cref="GrantDecision"/>); tier C needs two different approvers.</summary>
    Grant,
    /// <summary>Fund owner refuses the application (<see cref="Note"/>, reason required).</summary>
    Reject,
    /// <summary>PVO-manager withdraws the application before a decision (<see cref="Note"/>).</summary>
    Withdraw,
    /// <summary>Treasurer records the next advance of the grant's schedule (<see cref="AdvancePayment"/>).</summary>
    PayAdvance,
    /// <summary>PVO-manager asks to change the granted budget or end date (<see cref="AmendmentRequest"/>).</summary>
    RequestAmendment,
    /// <summary>Fund owner approves an amendment (<see cref="AmendmentDecision"/>); decided like a grant.</summary>
    ApproveAmendment,
    /// <summary>Fund owner refuses an amendment (<see cref="Note"/>, reason required); the grant stands as it was.</summary>
    RefuseAmendment,
    /// <summary>PVO-manager accounts for results and, per tier, costs and an auditor's statement (<see cref="AccountabilityReport"/>).</summary>
    SubmitAccountability,
    /// <summary>Fund owner determines the final amount (<see cref="Determination"/>); tier C needs two different approvers.</summary>
    Determine,
    /// <summary>Treasurer records a payment of what is still due after the determination (<see cref="MoneyRecord"/>).</summary>
    RecordPayment,
    /// <summary>Treasurer records money received back on a reclaim (<see cref="MoneyRecord"/>).</summary>
    RecordReclaim,
    /// <summary>Fund owner revokes the grant or, within five years, the determination (<see cref="Note"/>, reason required).</summary>
    Revoke,
    /// <summary>Fund owner archives a finished file (<see cref="Note"/>).</summary>
    Close,
    /// <summary>PVO-manager objects to a decision (<see cref="ObjectionLodging"/>; Awb 6:4), within six weeks of it being made known.</summary>
    LodgeObjection,
    /// <summary>Fund owner refers the open objection to an advisory committee or extends its term once (<see cref="ObjectionTermExtension"/>; Awb 7:10).</summary>
    ExtendObjectionTerm,
    /// <summary>Fund owner decides the open objection (<see cref="ObjectionDecision"/>; Awb 7:11); founded revises the decision.</summary>
    DecideObjection,
    /// <summary>PVO-manager gives written notice of default after the decision term passed (<see cref="Note"/>; Awb 4:17 lid 3).</summary>
    GiveNoticeOfDefault,
    /// <summary>Fund owner decides the penalty for the late decision (<see cref="PenaltyDecision"/>; Awb 4:18).</summary>
    DecidePenalty,
    /// <summary>Treasurer records a payment of the penalty to the region (<see cref="MoneyRecord"/>).</summary>
    PayPenalty,
    /// <summary>
    /// A stored document is recorded in the history (<see cref="DocumentRecord"/>: its SHA-256, kind, name, type and size;
    /// issue 18): the region's PVO-manager for the applicant's kinds, whoever may read the application for <c>other</c>.
    /// Not an action one asks for (<see cref="ApplicationWorkflow.IsAction"/>): the upload fires it once the file is stored.
    /// </summary>
    RecordDocument,
}
