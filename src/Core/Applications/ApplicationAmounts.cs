namespace PvoFinance.Applications;

/// <summary>
/// The money position of an application, kept as a fold over its <see cref="LedgerEffect"/>s so that the
/// position and the intended bookings cannot drift apart.
/// </summary>
/// <param name="OpenCommitment">Committed and not yet advanced, made payable, released or reversed.</param>
/// <param name="AdvancesPaid">Advances paid so far.</param>
/// <param name="Payable">Due to the recipient after the determination and not yet paid.</param>
/// <param name="Receivable">Claimed back from the recipient and not yet received.</param>
/// <param name="Paid">Paid on the payable so far.</param>
/// <param name="Reclaimed">Received back so far.</param>
public sealed record ApplicationAmounts(Money OpenCommitment, Money AdvancesPaid, Money Payable, Money Receivable, Money Paid, Money Reclaimed)
{
    /// <summary>Nothing committed, paid or owed.</summary>
    public static ApplicationAmounts None { get; } = new(Money.Zero, Money.Zero, Money.Zero, Money.Zero, Money.Zero, Money.Zero);

    /// <summary>What the recipient holds now: advances and payments, less what came back.</summary>
    public Money NetPaid => AdvancesPaid + Paid - Reclaimed;

    /// <summary>True when nothing is owed either way and nothing stays committed.</summary>
    public bool NothingOutstanding => OpenCommitment.Cents == 0 && Payable.Cents == 0 && Receivable.Cents == 0;

    /// <summary>The position after one more effect.</summary>
    public ApplicationAmounts Apply(LedgerEffect e) => e.Kind switch
    {
        LedgerEffectKind.Commit => this with { OpenCommitment = OpenCommitment + e.Amount },
        LedgerEffectKind.Release => this with { OpenCommitment = OpenCommitment - e.Amount },
        LedgerEffectKind.Advance => this with { OpenCommitment = OpenCommitment - e.Amount, AdvancesPaid = AdvancesPaid + e.Amount },
        LedgerEffectKind.Payable => this with { OpenCommitment = OpenCommitment - e.Amount, Payable = Payable + e.Amount },
        LedgerEffectKind.Receivable => this with { Receivable = Receivable + e.Amount },
        LedgerEffectKind.Payment => this with { Payable = Payable - e.Amount, Paid = Paid + e.Amount },
        LedgerEffectKind.Receipt => this with { Receivable = Receivable - e.Amount, Reclaimed = Reclaimed + e.Amount },
        LedgerEffectKind.Reverse when e.Reverses == LedgerEffectKind.Commit => this with { OpenCommitment = OpenCommitment - e.Amount },
        LedgerEffectKind.Reverse when e.Reverses == LedgerEffectKind.Payable => this with { Payable = Payable - e.Amount },
        LedgerEffectKind.Reverse when e.Reverses == LedgerEffectKind.Receivable => this with { Receivable = Receivable - e.Amount },
        // The penalty is the fund owner's own cost (Penalty keeps its amounts): the grant's position does not move.
        LedgerEffectKind.PenaltyPayable or LedgerEffectKind.PenaltyPayment => this,
        _ => throw new InvalidOperationException($"Effect {e} cannot be applied."),
    };

    /// <summary>
    /// This position plus <paramref name="other"/>, member by member: every effect adds to or takes from members, so
    /// folding two runs of effects apart and adding them equals folding them one after the other.
    /// </summary>
    public ApplicationAmounts Add(ApplicationAmounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(OpenCommitment + other.OpenCommitment, AdvancesPaid + other.AdvancesPaid, Payable + other.Payable, Receivable + other.Receivable,
            Paid + other.Paid, Reclaimed + other.Reclaimed);
    }
}
