namespace PvoFinance.Documents;

/// <summary>The kinds of decision (beschikking) an application has, each with its own letter.</summary>
public enum DecisionKind
{
    /// <summary>The grant (verlening, Awb 4:29); in tier A together with the determination.</summary>
    Grant,
    /// <summary>The refusal of the application (weigering, Awb 4:35).</summary>
    Rejection,
    /// <summary>An approved amendment of the grant (wijziging van de verlening).</summary>
    Amendment,
    /// <summary>A refused amendment: the grant stands as it was.</summary>
    AmendmentRefusal,
    /// <summary>The determination (vaststelling, Awb 4:42) with what is still to be paid.</summary>
    Determination,
    /// <summary>A determination below what was advanced: the difference is reclaimed (terugvordering, Awb 4:57).</summary>
    Reclaim,
    /// <summary>The revocation of the grant or determination (intrekking, Awb 4:48/4:49); paid money is reclaimed.</summary>
    Revocation,
    /// <summary>
    /// The decision on an objection (beslissing op bezwaar, Awb 7:11): unfounded (the decision stands) or founded (it is
    /// revoked and, where money moves, replaced). Open to appeal at the court, not to a second objection (Awb 7:1, 8:1).
    /// </summary>
    ObjectionDecision,
    /// <summary>The decision on the penalty for a late decision (beschikking tot vaststelling van de dwangsom, Awb 4:18).</summary>
    PenaltyDecision,
}
