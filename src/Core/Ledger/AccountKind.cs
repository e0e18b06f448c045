namespace PvoFinance.Ledger;

/// <summary>
/// The chart of accounts: every account id starts with one of these kinds, and the kind alone decides the
/// account's type, whether it is memo, and its balance limit. Rules follow the kind, not the caller.
/// </summary>
public enum AccountKind
{
    /// <summary><c>appropriation:</c> where a funder's budget for a year comes from (the ceiling's counterpart).</summary>
    Appropriation,
    /// <summary><c>budget:</c> what is still available under a budget year's ceiling (the subsidieplafond).</summary>
    Budget,
    /// <summary><c>commitment:</c> money reserved for a grantee by a decision, not yet paid.</summary>
    Commitment,
    /// <summary><c>payable:</c> an amount due to be paid.</summary>
    Payable,
    /// <summary><c>receivable:</c> an amount due to be received (a levy invoice, a reclaim).</summary>
    Receivable,
    /// <summary><c>cash:</c> a bank account.</summary>
    Cash,
    /// <summary><c>region:</c> a PVO's own funds.</summary>
    Region,
    /// <summary><c>project:</c> money held for a project.</summary>
    Project,
    /// <summary><c>income:</c> income received.</summary>
    Income,
    /// <summary><c>expense:</c> costs incurred.</summary>
    Expense,
    /// <summary><c>clearing:</c> money in transit between two journals during a two-phase movement.</summary>
    Clearing,
    /// <summary><c>inkind:</c> the value of hours given in kind (memo).</summary>
    InKind,
    /// <summary><c>inkind-source:</c> the contribution side of in-kind hours (memo).</summary>
    InKindSource,
    /// <summary><c>refund:</c> money received above what was owed (an overpayment), owed back to the payer: a liability, never income.</summary>
    Refund,
}
