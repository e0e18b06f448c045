namespace PvoFinance.Applications;

/// <summary>
/// The ledger movements of the money-bearing transitions, as pure functions of the money position. Amounts are
/// always positive; a movement of zero is left out.
/// </summary>
/// <remarks>
/// The position is a fold (<see cref="ApplicationAmounts.Apply"/>): a commitment is consumed by advances and
/// by the payable at the determination; what is left is released. After the determination the commitment is
/// always zero, so every euro committed was either paid, made payable, released or reversed.
/// </remarks>
public static class Settlement
{
    /// <summary>A grant: commit the granted amount.</summary>
    public static IReadOnlyList<LedgerEffect> Grant(Money amount) => Only(new LedgerEffect(LedgerEffectKind.Commit, amount));

    /// <summary>Tier A: commit and at once make the whole amount payable (verlening and vaststelling together).</summary>
    public static IReadOnlyList<LedgerEffect> GrantAndDetermine(Money amount) =>
        Only(new LedgerEffect(LedgerEffectKind.Commit, amount), new LedgerEffect(LedgerEffectKind.Payable, amount));

    /// <summary>An advance paid out of the commitment.</summary>
    public static IReadOnlyList<LedgerEffect> Advance(Money amount) => Only(new LedgerEffect(LedgerEffectKind.Advance, amount));

    /// <summary>An amended budget: commit the increase, or release the decrease.</summary>
    public static IReadOnlyList<LedgerEffect> Amend(Money oldBudget, Money newBudget) =>
        newBudget > oldBudget
            ? Only(new LedgerEffect(LedgerEffectKind.Commit, newBudget - oldBudget))
            : Only(new LedgerEffect(LedgerEffectKind.Release, oldBudget - newBudget));

    /// <summary>
    /// The determination: advances are set off against the final amount (Awb 4:95 lid 4). If more was advanced
    /// than determined, the difference is reclaimed; otherwise the rest is payable. Whatever stays committed
    /// beyond that goes back to the budget.
    /// </summary>
    public static IReadOnlyList<LedgerEffect> Determine(ApplicationAmounts position, Money determined)
    {
        var advanced = position.AdvancesPaid;
        if (determined >= advanced)
        {
            var payable = determined - advanced;
            return Only(new LedgerEffect(LedgerEffectKind.Payable, payable), new LedgerEffect(LedgerEffectKind.Release, position.OpenCommitment - payable));
        }
        return Only(new LedgerEffect(LedgerEffectKind.Receivable, advanced - determined), new LedgerEffect(LedgerEffectKind.Release, position.OpenCommitment));
    }

    /// <summary>A payment of (part of) what is due.</summary>
    public static IReadOnlyList<LedgerEffect> Payment(Money amount) => Only(new LedgerEffect(LedgerEffectKind.Payment, amount));

    /// <summary>A receipt of (part of) what is reclaimed.</summary>
    public static IReadOnlyList<LedgerEffect> Receipt(Money amount) => Only(new LedgerEffect(LedgerEffectKind.Receipt, amount));

    /// <summary>
    /// Revocation (intrekking): reverse what is still committed and what is still payable, and reclaim everything
    /// the recipient holds that is not already being reclaimed (Awb 4:57).
    /// </summary>
    public static IReadOnlyList<LedgerEffect> Revoke(ApplicationAmounts position) => Only(
        new LedgerEffect(LedgerEffectKind.Reverse, position.OpenCommitment, LedgerEffectKind.Commit),
        new LedgerEffect(LedgerEffectKind.Reverse, position.Payable, LedgerEffectKind.Payable),
        new LedgerEffect(LedgerEffectKind.Receivable, position.NetPaid - position.Receivable));

    private static LedgerEffect[] Only(params LedgerEffect[] effects)
    {
        foreach (var e in effects)
        {
            if (e.Amount.IsNegative)
            {
                throw new InvalidOperationException($"Invariant broken: negative movement {e}.");
            }
        }
        return [.. effects.Where(e => e.Amount.Cents > 0)];
    }
}
