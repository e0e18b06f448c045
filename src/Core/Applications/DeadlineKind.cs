namespace PvoFinance.Applications;

/// <summary>The kinds of date a subsidy file can be late on.</summary>
public enum DeadlineKind
{
    /// <summary>The decision on the application (Awb 4:13).</summary>
    Decision,
    /// <summary>The recipient's accountability (Awb 4:44), as set in the grant.</summary>
    Accountability,
    /// <summary>The final determination after the accountability.</summary>
    Determination,
    /// <summary>Payment of what is still due after the determination (Awb 4:87).</summary>
    Payment,
    /// <summary>The last day on which the determination can be revoked or money reclaimed (Awb 4:49 lid 3, 4:57 lid 4).</summary>
    Limitation,
    /// <summary>The last day to object to the newest decision (Awb 6:7, 6:8).</summary>
    ObjectionTerm,
    /// <summary>The decision on the open objection (Awb 7:10).</summary>
    ObjectionDecision,
    /// <summary>The first day the penalty for a late decision runs (Awb 4:17 lid 3): decide before it to owe nothing.</summary>
    PenaltyRunning,
    /// <summary>The decision on the penalty's amount (Awb 4:18).</summary>
    PenaltyDecision,
}
