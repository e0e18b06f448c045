namespace PvoFinance.Ledger;

/// <summary>
/// A bound an account's balance may never cross, checked when an entry is made, including pending
/// reservations — so a ceiling holds at reservation time, not only when money is finally paid.
/// </summary>
public enum BalanceLimit
{
    /// <summary>No bound.</summary>
    None,
    /// <summary>Posted debits plus pending debits may not exceed posted credits (a budget, a commitment).</summary>
    DebitsMustNotExceedCredits,
    /// <summary>Posted credits plus pending credits may not exceed posted debits (a bank account).</summary>
    CreditsMustNotExceedDebits,
}
