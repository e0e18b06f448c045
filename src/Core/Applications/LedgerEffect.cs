namespace PvoFinance.Applications;

/// <summary>One intended ledger movement caused by a transition, on one funding source. Not executed by the workflow.</summary>
/// <param name="Source">The funding source whose money moves (one of the application's plan).</param>
/// <param name="Kind">What to book.</param>
/// <param name="Amount">How much; always positive.</param>
/// <param name="Reverses">For <see cref="LedgerEffectKind.Reverse"/>: the kind undone (<see cref="LedgerEffectKind.Commit"/> or <see cref="LedgerEffectKind.Payable"/>); otherwise null.</param>
public sealed record LedgerEffect(string Source, LedgerEffectKind Kind, Money Amount, LedgerEffectKind? Reverses = null)
{
    /// <summary>Text such as <c>Commit 30000.00 from prov-limburg</c> or <c>Reverse(Payable) 5000.00 from levy-limburg</c>.</summary>
    public override string ToString() => (Reverses is { } r ? $"{Kind}({r}) {Amount}" : $"{Kind} {Amount}") + $" from {Source}";
}
