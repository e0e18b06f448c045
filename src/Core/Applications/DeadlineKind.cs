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
}
