namespace PvoFinance.Ledger;

/// <summary>The five classic account types, plus memo for values that are not money (hours given in kind).</summary>
public enum AccountType
{
    /// <summary>What is owned or owed to us (cash, receivables).</summary>
    Asset,
    /// <summary>What we owe (commitments to grantees, payables).</summary>
    Liability,
    /// <summary>Funds and budgets: appropriations, available budget, free regional funds.</summary>
    Equity,
    /// <summary>Money earned or received as income.</summary>
    Income,
    /// <summary>Money spent.</summary>
    Expense,
    /// <summary>A valuation kept off the cash books (in-kind hours × rate); never mixed with cash in one entry.</summary>
    Memo,
}
