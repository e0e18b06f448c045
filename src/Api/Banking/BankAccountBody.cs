namespace PvoFinance.Api.Banking;

/// <summary>The body of a <c>PUT /api/bank-accounts/…</c>: an IBAN (spaces allowed), the account holder's name and, optionally, the BIC.</summary>
/// <param name="Iban">The IBAN, e.g. <c>NL91 ABNA 0417 1643 00</c>.</param>
/// <param name="Holder">The account holder's name as the bank knows it, 1–70 characters.</param>
/// <param name="Bic">The bank's BIC (8 or 11 characters), or null.</param>
public sealed record BankAccountBody(string? Iban, string? Holder, string? Bic = null);

/// <summary>A party's bank account as the API shows it.</summary>
/// <param name="Party">Whose account: <c>region.limburg</c>, <c>owner.jenv-pvo</c>, <c>intermediary.jenv-pvo</c> or <c>municipality.GM0014</c>.</param>
/// <param name="Iban">The IBAN in its electronic form (no spaces).</param>
/// <param name="IbanGrouped">The IBAN in groups of four, as printed.</param>
/// <param name="Holder">The account holder's name.</param>
/// <param name="Bic">The BIC, or null.</param>
/// <param name="Status"><c>changed</c> or <c>unchanged</c> after a PUT; <c>recorded</c> on a GET.</param>
public sealed record BankAccountView(string Party, string Iban, string IbanGrouped, string Holder, string? Bic, string Status);
