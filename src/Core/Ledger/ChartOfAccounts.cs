using System.Collections.Frozen;

namespace PvoFinance.Ledger;

/// <summary>The fixed rules per <see cref="AccountKind"/>: prefix, type and balance limit.</summary>
public static class ChartOfAccounts
{
    /// <summary>One row of the chart.</summary>
    public sealed record Rule(AccountKind Kind, string Prefix, AccountType Type, BalanceLimit Limit);

    /// <summary>All rules, in the order of <see cref="AccountKind"/>.</summary>
    public static readonly IReadOnlyList<Rule> Rules =
    [
        new(AccountKind.Appropriation, "appropriation", AccountType.Equity, BalanceLimit.None),
        // A budget year's ceiling is credited to its budget account; every reservation and payment debits it.
        new(AccountKind.Budget, "budget", AccountType.Equity, BalanceLimit.DebitsMustNotExceedCredits),
        // Never pay out more than was committed.
        new(AccountKind.Commitment, "commitment", AccountType.Liability, BalanceLimit.DebitsMustNotExceedCredits),
        new(AccountKind.Payable, "payable", AccountType.Liability, BalanceLimit.None),
        // Never receive more than was claimed: an overpayment is refused, not booked as a negative debt.
        new(AccountKind.Receivable, "receivable", AccountType.Asset, BalanceLimit.CreditsMustNotExceedDebits),
        // A bank account cannot pay out money it does not hold.
        new(AccountKind.Cash, "cash", AccountType.Asset, BalanceLimit.CreditsMustNotExceedDebits),
        // A region cannot pass on money it has not received from a source.
        new(AccountKind.Region, "region", AccountType.Equity, BalanceLimit.DebitsMustNotExceedCredits),
        new(AccountKind.Project, "project", AccountType.Equity, BalanceLimit.None),
        new(AccountKind.Income, "income", AccountType.Income, BalanceLimit.None),
        new(AccountKind.Expense, "expense", AccountType.Expense, BalanceLimit.None),
        new(AccountKind.Clearing, "clearing", AccountType.Asset, BalanceLimit.None),
        new(AccountKind.InKind, "inkind", AccountType.Memo, BalanceLimit.None),
        new(AccountKind.InKindSource, "inkind-source", AccountType.Memo, BalanceLimit.None),
        // An overpayment owed back (refund:<source>:<year>:<payer>): never more paid back than was overpaid.
        new(AccountKind.Refund, "refund", AccountType.Liability, BalanceLimit.DebitsMustNotExceedCredits),
    ];

    private static readonly FrozenDictionary<string, Rule> ByPrefix = Rules.ToFrozenDictionary(r => r.Prefix, StringComparer.Ordinal);

    /// <summary>The rule for a kind.</summary>
    public static Rule For(AccountKind kind) => Rules[(int)kind];

    /// <summary>Finds the rule for an account id's first segment.</summary>
    public static bool TryGetByPrefix(string prefix, out Rule rule) => ByPrefix.TryGetValue(prefix, out rule!);
}
