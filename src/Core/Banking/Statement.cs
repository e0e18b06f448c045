using NodaTime;

namespace PvoFinance.Banking;

/// <summary>
/// A bank statement of one account, read from camt.053 or MT940 and checked: EUR, the opening balance plus the entries
/// equals the closing balance to the cent, every IBAN and creditor reference has valid check digits.
/// </summary>
/// <param name="Reference">The bank's statement id (camt <c>Stmt/Id</c>, MT940 :20:).</param>
/// <param name="Account">The account the statement is of.</param>
/// <param name="Format">The format it was read from.</param>
/// <param name="OpeningDate">The date of the opening balance.</param>
/// <param name="Opening">The opening balance (negative when overdrawn).</param>
/// <param name="ClosingDate">The date of the closing balance.</param>
/// <param name="Closing">The closing balance (negative when overdrawn).</param>
/// <param name="Lines">The entries in the bank's order, numbered from 1.</param>
public sealed record Statement(
    string Reference,
    Iban Account,
    StatementFormat Format,
    LocalDate OpeningDate,
    Money Opening,
    LocalDate ClosingDate,
    Money Closing,
    IReadOnlyList<StatementLine> Lines)
{
    /// <summary>The most entries one statement may hold; a day's statement of a regional account is far below it.</summary>
    public const int MaxLines = 5_000;

    /// <summary>The largest statement file read, in bytes.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;
}
