namespace PvoFinance.Ledger;

/// <summary>
/// An account's four running totals, after TigerBeetle: posted and pending, per side. Posted totals only grow
/// (a reversal adds to the other side); pending totals go up when reserved and down when posted or voided.
/// </summary>
public sealed record AccountBalance(AccountId Account, long DebitsPosted, long CreditsPosted, long DebitsPending, long CreditsPending)
{
    /// <summary>Posted debits minus posted credits.</summary>
    public Money Posted => new(checked(DebitsPosted - CreditsPosted));

    /// <summary>
    /// What is still free under the account's limit: for a budget, credits less posted and pending debits;
    /// for a bank account, debits less posted and pending credits; otherwise the posted balance.
    /// </summary>
    public Money Available => Account.Rule.Limit switch
    {
        BalanceLimit.DebitsMustNotExceedCredits => new(checked(CreditsPosted - DebitsPosted - DebitsPending)),
        BalanceLimit.CreditsMustNotExceedDebits => new(checked(DebitsPosted - CreditsPosted - CreditsPending)),
        _ => Posted,
    };

    /// <summary>True when the balance respects the account's limit.</summary>
    public bool WithinLimit => Account.Rule.Limit switch
    {
        BalanceLimit.DebitsMustNotExceedCredits => checked(DebitsPosted + DebitsPending) <= CreditsPosted,
        BalanceLimit.CreditsMustNotExceedDebits => checked(CreditsPosted + CreditsPending) <= DebitsPosted,
        _ => true,
    };

    /// <summary>An empty balance.</summary>
    public static AccountBalance Empty(AccountId account) => new(account, 0, 0, 0, 0);

    /// <summary>This balance after one posting (checked arithmetic).</summary>
    public AccountBalance With(Posting p) => p.Amount.Cents >= 0
        ? this with { DebitsPosted = checked(DebitsPosted + p.Amount.Cents) }
        : this with { CreditsPosted = checked(CreditsPosted - p.Amount.Cents) };

    /// <summary>This balance after one pending change (checked arithmetic).</summary>
    public AccountBalance With(PendingPosting p)
    {
        var magnitude = Math.Abs(p.Amount.Cents);
        var delta = p.Release ? -magnitude : magnitude;
        return p.Amount.Cents >= 0
            ? this with { DebitsPending = checked(DebitsPending + delta) }
            : this with { CreditsPending = checked(CreditsPending + delta) };
    }

    /// <summary>This balance before <paramref name="p"/> was applied (used to hide entries not yet durable).</summary>
    /// <remarks>Posted totals only grow, so undoing a posting subtracts from the side it added to.</remarks>
    public AccountBalance Without(Posting p) => p.Amount.Cents >= 0
        ? this with { DebitsPosted = checked(DebitsPosted - p.Amount.Cents) }
        : this with { CreditsPosted = checked(CreditsPosted + p.Amount.Cents) };

    /// <summary>This balance before <paramref name="p"/> was applied.</summary>
    public AccountBalance Without(PendingPosting p) => With(p with { Release = !p.Release });
}
