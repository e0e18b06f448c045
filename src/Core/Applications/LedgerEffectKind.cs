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
    /// <summary>Undo an earlier commitment, payable or receivable (<see cref="LedgerEffect.Reverses"/> says which), e.g. on revocation or a revised determination.</summary>
    Reverse,
    /// <summary>Pay (part of) the payable.</summary>
    Payment,
    /// <summary>Receive (part of) the receivable back.</summary>
    Receipt,
    /// <summary>
    /// The penalty for a late decision is owed to the applicant (Awb 4:18): a cost of the fund's owner, not of the grant.
    /// It never touches the money position of the grant (<see cref="ApplicationAmounts"/>) nor the scheme's ceiling.
    /// </summary>
    PenaltyPayable,
    /// <summary>Pay (part of) the penalty owed to the applicant's region.</summary>
    PenaltyPayment,
}
