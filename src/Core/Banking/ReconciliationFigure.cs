namespace PvoFinance.Banking;

/// <summary>
/// The reconciliation of one bank account on one date: what the ledger says the account holds against the closing
/// balance of the last statement the bank sent up to that date. The difference should be explained, to the cent, by the
/// statement lines nobody has booked yet (proposed and unmatched); anything else is a booking made by hand that the bank
/// has not shown, or a bank movement missing from the ledger.
/// </summary>
/// <param name="Ledger">The ledger's figure of the account.</param>
/// <param name="Statement">The last statement's closing balance.</param>
/// <param name="Unbooked">The signed sum of the statements' lines not booked (proposed and unmatched).</param>
public sealed record ReconciliationFigure(Money Ledger, Money Statement, Money Unbooked)
{
    /// <summary>Statement minus ledger: positive when the bank holds more than the ledger knows.</summary>
    public Money Difference => Statement - Ledger;

    /// <summary>What the unbooked lines do not explain: zero when the account reconciles.</summary>
    public Money Unexplained => Difference - Unbooked;

    /// <summary>True when the difference is exactly the unbooked lines.</summary>
    public bool Reconciles => Unexplained == Money.Zero;

    /// <summary>
    /// The ledger's figure of an account: the balance brought forward (the first imported statement's opening balance:
    /// what the account held before the ledger followed it), plus the cash the ledger holds on the cash accounts of the
    /// sources whose money the account keeps, minus the batch payments the bank confirmed from it (the ledger books a
    /// payment out as a transfer of a commitment to the region, not from a cash account).
    /// </summary>
    public static Money LedgerFigure(Money broughtForward, Money cash, Money paidOut) => broughtForward + cash - paidOut;
}
