namespace PvoFinance.Banking;

/// <summary>
/// One credit transfer of a payment batch: what it pays (<paramref name="ItemKey"/>, the ledger movement or due item it
/// settles, e.g. <c>advance:app-17:0</c>), from which account to which, and how the payee recognises it.
/// </summary>
/// <param name="Line">The line number in the batch, 1-based; with the batch number it makes the <see cref="EndToEndId"/>.</param>
/// <param name="ItemKey">The paid item; one item is in at most one open batch (see <see cref="PaymentReservations"/>).</param>
/// <param name="Amount">The amount, positive.</param>
/// <param name="Debtor">The paying account (the fund owner's or the intermediary's).</param>
/// <param name="Creditor">The receiving account.</param>
/// <param name="Reference">A structured creditor reference, when the payee asked for one; else <paramref name="Remittance"/> is sent.</param>
/// <param name="Remittance">Free remittance text (at most 140 SEPA characters after transliteration).</param>
public sealed record PaymentLine(int Line, string ItemKey, Money Amount, BankAccount Debtor, BankAccount Creditor, CreditorReference? Reference, string? Remittance);
