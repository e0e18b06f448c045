namespace PvoFinance.Applications;

/// <summary>
/// The kinds of ledger movement a transition asks for. The workflow only names them; the grain books them
/// (commitments against the fund's budget ceiling, payments from cash) after it has stored the transition.
/// </summary>
public enum LedgerEffectKind
{
    /// <summary>Reserve the amount under the fund's budget year for this grant (commitment).</summary>
    Commit,
    /// <summary>Pay an advance out of the commitment.</summary>
    Advance,
    /// <summary>Give an unused part of the commitment back to the budget.</summary>
    Release,
    /// <summary>Claim money back from the recipient (terugvordering, Awb 4:57).</summary>
    Receivable,
    /// <summary>Move what is still due after the determination from the commitment to a payable.</summary>
    Payable,
    /// <summary>Undo an earlier commitment or payable (<see cref="LedgerEffect.Reverses"/> says which), e.g. on revocation.</summary>
    Reverse,
    /// <summary>Pay (part of) the payable.</summary>
    Payment,
    /// <summary>Receive (part of) the receivable back.</summary>
    Receipt,
}
