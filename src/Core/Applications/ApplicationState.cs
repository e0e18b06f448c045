namespace PvoFinance.Applications;

/// <summary>
/// Where a subsidy application stands in its life under Awb title 4.2: from draft, through the decision on
/// the grant (verlening), advances and amendments, accountability, the final determination (vaststelling)
/// and settlement, to closure. <see cref="ApplicationWorkflow"/> decides which moves are allowed.
/// </summary>
public enum ApplicationState
{
    /// <summary>Being prepared by the PVO; nothing is decided and no clock runs.</summary>
    Draft,
    /// <summary>Submitted complete; the decision term (Awb 4:13) runs from here.</summary>
    Submitted,
    /// <summary>The fund's owner is assessing it; a tier C grant may hold its first of two approvals here.</summary>
    UnderReview,
    /// <summary>The owner asked for more information; the decision term is suspended (Awb 4:15).</summary>
    InformationRequested,
    /// <summary>Granted (verlening, Awb 4:29): the amount is committed, advances follow the schedule in the grant.</summary>
    Granted,
    /// <summary>The PVO asked to change the granted budget or end date; decided like a grant.</summary>
    AmendmentRequested,
    /// <summary>The PVO accounted for realised results (and, in tier C, costs with an auditor's statement) (Awb 4:44).</summary>
    AccountabilitySubmitted,
    /// <summary>The final amount is determined (vaststelling, Awb 4:42/4:46); what is still due is paid or reclaimed.</summary>
    Determined,
    /// <summary>Nothing is owed either way any more; a revocation is still possible within five years (Awb 4:49 lid 3).</summary>
    Settled,
    /// <summary>The grant was refused (Awb 4:35); final.</summary>
    Rejected,
    /// <summary>The PVO withdrew the application before a decision; final.</summary>
    Withdrawn,
    /// <summary>The grant or determination was withdrawn (intrekking, Awb 4:48/4:49); paid money is reclaimed (Awb 4:57).</summary>
    Revoked,
    /// <summary>Archived: nothing outstanding and nothing can change any more.</summary>
    Closed,
}
