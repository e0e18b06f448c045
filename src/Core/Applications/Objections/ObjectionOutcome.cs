namespace PvoFinance.Applications;

/// <summary>How an objection was decided (Awb 7:11).</summary>
public enum ObjectionOutcome
{
    /// <summary>The objection fails: the decision stands.</summary>
    Unfounded,
    /// <summary>The objection succeeds: the decision is revised (a rejection becomes a grant, a determination changes).</summary>
    Founded,
}
