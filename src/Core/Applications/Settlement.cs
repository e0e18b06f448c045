namespace PvoFinance.Applications;

/// <summary>
/// The ledger movements of the money-bearing transitions, as pure functions of the money positions per funding
/// source. Amounts are always positive; a movement of zero is left out.
/// </summary>
/// <remarks>
/// <para>Each source's position is a fold (<see cref="ApplicationAmounts.Apply"/>): a commitment is consumed by
/// advances and by the payable at the determination; what is left is released. After the determination every
/// source's commitment is zero, so every euro committed was either paid, made payable, released or reversed.</para>
/// <para>With several sources, a movement of the whole is spread over the sources in proportion to what each
/// holds in the position it draws on (<see cref="CoFinancing.SpreadOver"/>): an advance by what each still has
/// committed, a payment by what each owes, a receipt by what each claims. No source is ever asked for more than it
/// holds, and the parts add up to the whole to the cent.</para>
/// </remarks>
public static class Settlement
{
    /// <summary>A grant: commit each source's part.</summary>
    public static IReadOnlyList<LedgerEffect> Grant(IReadOnlyList<FundingPart> split) =>
        Only([.. split.Select(p => new LedgerEffect(p.Source, LedgerEffectKind.Commit, p.Amount))]);

    /// <summary>Tier A: commit and at once make each part payable (verlening and vaststelling together).</summary>
    public static IReadOnlyList<LedgerEffect> GrantAndDetermine(IReadOnlyList<FundingPart> split) =>
        Only([.. split.SelectMany(p => new[] { new LedgerEffect(p.Source, LedgerEffectKind.Commit, p.Amount), new LedgerEffect(p.Source, LedgerEffectKind.Payable, p.Amount) })]);

    /// <summary>An advance paid out of the commitments, spread by what each source still has committed.</summary>
    public static IReadOnlyList<LedgerEffect> Advance(IReadOnlyList<SourcePosition> positions, Money amount) =>
        Only([.. CoFinancing.SpreadOver(amount, positions, a => a.OpenCommitment).Select(s => new LedgerEffect(s.Source, LedgerEffectKind.Advance, s.Amount))]);

    /// <summary>An amended split: commit each source's increase, release each source's decrease.</summary>
    public static IReadOnlyList<LedgerEffect> Amend(IReadOnlyList<FundingPart> before, IReadOnlyList<FundingPart> after)
    {
        var sources = before.Select(p => p.Source).Concat(after.Select(p => p.Source)).Distinct(StringComparer.Ordinal);
        var effects = new List<LedgerEffect>();
        foreach (var source in sources)
        {
            var old = before.FirstOrDefault(p => p.Source == source)?.Amount ?? Money.Zero;
            var @new = after.FirstOrDefault(p => p.Source == source)?.Amount ?? Money.Zero;
            if (@new > old)
            {
                effects.Add(new LedgerEffect(source, LedgerEffectKind.Commit, @new - old));
            }
            else if (old > @new)
            {
                effects.Add(new LedgerEffect(source, LedgerEffectKind.Release, old - @new));
            }
        }
        // Commitments first: all of them are reserved before anything else is booked.
        return Only([.. effects.OrderBy(e => e.Kind == LedgerEffectKind.Commit ? 0 : 1)]);
    }

    /// <summary>
    /// The determination: advances are set off against the final amount (Awb 4:95 lid 4). If more was advanced
    /// than determined, the difference is reclaimed, spread by what each source advanced; otherwise the rest is
    /// payable, spread by what each source still has committed. Whatever stays committed goes back to the budget.
    /// </summary>
    public static IReadOnlyList<LedgerEffect> Determine(IReadOnlyList<SourcePosition> positions, Money determined)
    {
        var advanced = Total(positions).AdvancesPaid;
        var effects = new List<LedgerEffect>();
        if (determined >= advanced)
        {
            var payable = CoFinancing.SpreadOver(determined - advanced, positions, a => a.OpenCommitment).ToDictionary(s => s.Source, s => s.Amount, StringComparer.Ordinal);
            foreach (var p in positions)
            {
                var due = payable.GetValueOrDefault(p.Source);
                effects.Add(new LedgerEffect(p.Source, LedgerEffectKind.Payable, due));
                effects.Add(new LedgerEffect(p.Source, LedgerEffectKind.Release, p.Amounts.OpenCommitment - due));
            }
        }
        else
        {
            var reclaim = CoFinancing.SpreadOver(advanced - determined, positions, a => a.AdvancesPaid).ToDictionary(s => s.Source, s => s.Amount, StringComparer.Ordinal);
            foreach (var p in positions)
            {
                effects.Add(new LedgerEffect(p.Source, LedgerEffectKind.Receivable, reclaim.GetValueOrDefault(p.Source)));
                effects.Add(new LedgerEffect(p.Source, LedgerEffectKind.Release, p.Amounts.OpenCommitment));
            }
        }
        return Only([.. effects]);
    }

    /// <summary>A payment of (part of) what is due, spread by what each source owes.</summary>
    public static IReadOnlyList<LedgerEffect> Payment(IReadOnlyList<SourcePosition> positions, Money amount) =>
        Only([.. CoFinancing.SpreadOver(amount, positions, a => a.Payable).Select(s => new LedgerEffect(s.Source, LedgerEffectKind.Payment, s.Amount))]);

    /// <summary>A receipt of (part of) what is reclaimed, spread by what each source claims.</summary>
    public static IReadOnlyList<LedgerEffect> Receipt(IReadOnlyList<SourcePosition> positions, Money amount) =>
        Only([.. CoFinancing.SpreadOver(amount, positions, a => a.Receivable).Select(s => new LedgerEffect(s.Source, LedgerEffectKind.Receipt, s.Amount))]);

    /// <summary>
    /// Revocation (intrekking): per source, reverse what is still committed and what is still payable, and reclaim
    /// everything the recipient holds of it that is not already being reclaimed (Awb 4:57).
    /// </summary>
    public static IReadOnlyList<LedgerEffect> Revoke(IReadOnlyList<SourcePosition> positions) => Only(
    [
        .. positions.SelectMany(p => new[]
        {
            new LedgerEffect(p.Source, LedgerEffectKind.Reverse, p.Amounts.OpenCommitment, LedgerEffectKind.Commit),
            new LedgerEffect(p.Source, LedgerEffectKind.Reverse, p.Amounts.Payable, LedgerEffectKind.Payable),
            new LedgerEffect(p.Source, LedgerEffectKind.Receivable, p.Amounts.NetPaid - p.Amounts.Receivable),
        }),
    ]);

    /// <summary>The sum of the positions.</summary>
    public static ApplicationAmounts Total(IReadOnlyList<SourcePosition> positions)
    {
        var t = ApplicationAmounts.None;
        foreach (var p in positions)
        {
            var a = p.Amounts;
            t = new ApplicationAmounts(t.OpenCommitment + a.OpenCommitment, t.AdvancesPaid + a.AdvancesPaid, t.Payable + a.Payable,
                t.Receivable + a.Receivable, t.Paid + a.Paid, t.Reclaimed + a.Reclaimed);
        }
        return t;
    }

    private static LedgerEffect[] Only(LedgerEffect[] effects)
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
