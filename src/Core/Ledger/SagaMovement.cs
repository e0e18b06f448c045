using NodaTime;

namespace PvoFinance.Ledger;

/// <summary>What one movement of a saga does in the ledger.</summary>
public enum SagaMovementKind
{
    /// <summary>
    /// Within one journal, reserve against its limits (key <c>M</c>) and post the reservation (<c>M:post</c>): a
    /// commitment against a budget. Reserve and post go in one batch, so the journal has both or neither.
    /// </summary>
    Hold,

    /// <summary>Within one journal, one posted entry (key <c>M</c>).</summary>
    Post,

    /// <summary>
    /// Between two journals through their clearing accounts: reserve in the sending journal (<c>M:reserve</c>) and post
    /// it (<c>M:post</c>), credit the receiving journal (<c>M:credit</c>). While in flight the two clearing accounts do
    /// not cancel; the difference is the movement, never lost or created money.
    /// </summary>
    Transfer,
}

/// <summary>
/// One movement of a saga: <paramref name="Amount"/> from <paramref name="Debit"/> (debited) to <paramref name="Credit"/>
/// (credited). For <see cref="SagaMovementKind.Transfer"/> the debit account is in <paramref name="Journal"/> and the credit
/// account in <paramref name="ToJournal"/>; otherwise both are in <paramref name="Journal"/>.
/// </summary>
/// <param name="Id">The movement id, the stem of its keys (<see cref="SagaKeys"/>).</param>
/// <param name="Kind">What it does.</param>
/// <param name="Journal">The journal debited.</param>
/// <param name="Debit">The account debited.</param>
/// <param name="ToJournal">For a transfer, the journal credited; else null.</param>
/// <param name="Credit">The account credited.</param>
/// <param name="Amount">Positive amount.</param>
/// <param name="ValueDate">The value date of every entry it makes.</param>
/// <param name="Memo">Audit text.</param>
public sealed record SagaMovement(
    string Id, SagaMovementKind Kind, string Journal, AccountId Debit, string? ToJournal, AccountId Credit, Money Amount, LocalDate ValueDate, string? Memo);
