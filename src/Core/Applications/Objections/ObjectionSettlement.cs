namespace PvoFinance.Applications;

/// <summary>
/// The ledger movements of a determination revised on objection, as a pure function of the money positions per source.
/// What the recipient is entitled to per source is what it holds and is still due, less what is claimed back
/// (<c>NetPaid + Payable − Receivable</c>); the revision moves that to the new amount through the same effects as any
/// decision: a higher amount first shrinks the reclaim (<c>Reverse(Receivable)</c>), then commits and makes payable the
/// rest, up to each source's granted part; a lower one first shrinks what is still payable (<c>Reverse(Payable)</c>), then
/// claims back the rest of what was paid (Awb 4:57).
/// </summary>
public static class ObjectionSettlement
{
    /// <summary>What each source's recipient is entitled to now.</summary>
    public static Money Entitled(ApplicationAmounts a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.NetPaid + a.Payable - a.Receivable;
    }

    /// <summary>The effects that move the determination of <paramref name="positions"/> to <paramref name="determined"/>, within <paramref name="split"/>.</summary>
    public static IReadOnlyList<LedgerEffect> Redetermine(IReadOnlyList<SourcePosition> positions, IReadOnlyList<FundingPart> split, Money determined)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(split);
        var current = Money.Zero;
        foreach (var p in positions)
        {
            current += Entitled(p.Amounts);
        }
        var effects = new List<LedgerEffect>();
        if (determined > current)
        {
            var up = determined - current;
            var total = Settlement.Total(positions);
            var lessReclaim = up < total.Receivable ? up : total.Receivable;
            var reversed = CoFinancing.SpreadOver(lessReclaim, positions, a => a.Receivable).ToDictionary(s => s.Source, s => s.Amount, StringComparer.Ordinal);
            effects.AddRange(reversed.Select(r => new LedgerEffect(r.Key, LedgerEffectKind.Reverse, r.Value, LedgerEffectKind.Receivable)));
            // Each source can give at most its granted part: the room left after the reclaim shrank.
            var room = positions
                .Select(p => new SourcePosition(p.Source, ApplicationAmounts.None with
                {
                    OpenCommitment = (split.FirstOrDefault(s => s.Source == p.Source)?.Amount ?? Money.Zero) - Entitled(p.Amounts) - reversed.GetValueOrDefault(p.Source),
                }))
                .ToList();
            foreach (var (source, amount) in CoFinancing.SpreadOver(up - lessReclaim, room, a => a.OpenCommitment.IsNegative ? Money.Zero : a.OpenCommitment))
            {
                effects.Insert(0, new LedgerEffect(source, LedgerEffectKind.Commit, amount));
                effects.Add(new LedgerEffect(source, LedgerEffectKind.Payable, amount));
            }
        }
        else if (determined < current)
        {
            var down = current - determined;
            var total = Settlement.Total(positions);
            var lessPayable = down < total.Payable ? down : total.Payable;
            effects.AddRange(CoFinancing.SpreadOver(lessPayable, positions, a => a.Payable)
                .Select(s => new LedgerEffect(s.Source, LedgerEffectKind.Reverse, s.Amount, LedgerEffectKind.Payable)));
            effects.AddRange(CoFinancing.SpreadOver(down - lessPayable, positions, a => a.NetPaid - a.Receivable)
                .Select(s => new LedgerEffect(s.Source, LedgerEffectKind.Receivable, s.Amount)));
        }
        // Commitments first: every one is reserved before anything else is booked.
        return [.. effects.OrderBy(e => e.Kind == LedgerEffectKind.Commit ? 0 : 1)];
    }
}
