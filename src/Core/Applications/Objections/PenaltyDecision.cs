namespace PvoFinance.Applications;

/// <summary>
/// The decision on the amount of the penalty for a late decision (Awb 4:18). The amount is the law's
/// (<see cref="Penalty.OwedOn"/>); zero only with a ground of Awb 4:17 lid 6 (the notice came unreasonably late, or
/// the application was manifestly inadmissible or unfounded), given as <see cref="Reason"/>.
/// </summary>
/// <param name="Amount">The amount owed.</param>
/// <param name="Reason">The motivation; required for zero.</param>
public sealed record PenaltyDecision(Money Amount, string? Reason = null);
