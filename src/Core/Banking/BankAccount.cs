namespace PvoFinance.Banking;

/// <summary>
/// Where money is paid to or collected from: the IBAN, the account holder's name as the bank knows it and, optionally,
/// the bank's BIC (SEPA payments within the EEA no longer need it).
/// </summary>
/// <param name="Iban">The account number, checked.</param>
/// <param name="Holder">The account holder's name, 1–70 characters (the SEPA name field).</param>
/// <param name="Bic">The bank's BIC (8 or 11 characters), or null.</param>
public sealed record BankAccount(Iban Iban, string Holder, string? Bic)
{
    /// <summary>The longest holder name a SEPA file carries.</summary>
    public const int MaxHolderLength = 70;

    /// <summary>
    /// Reads bank details; on failure <paramref name="field"/> names the field (<c>iban</c>, <c>holder</c> or <c>bic</c>)
    /// and <paramref name="error"/> says why in one sentence.
    /// </summary>
    public static bool TryCreate(string? iban, string? holder, string? bic, out BankAccount? account, out string? field, out string? error)
    {
        account = null;
        if (!Iban.TryParse(iban, out var parsed, out error))
        {
            field = "iban";
            return false;
        }
        var name = holder?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxHolderLength || name.Any(char.IsControl))
        {
            field = "holder";
            error = $"The account holder's name is required, at most {MaxHolderLength} characters on one line.";
            return false;
        }
        var code = string.IsNullOrWhiteSpace(bic) ? null : bic.Trim().ToUpperInvariant();
        if (code is not null && !IsBic(code))
        {
            field = "bic";
            error = "A BIC has 8 or 11 letters and digits: bank (4 letters), country (2 letters), place and branch.";
            return false;
        }
        field = null;
        error = null;
        account = new BankAccount(parsed, name, code);
        return true;
    }

    private static bool IsBic(string code) =>
        code.Length is 8 or 11
        && code[..6].All(char.IsAsciiLetterUpper)
        && code[6..].All(char.IsAsciiLetterOrDigit);
}
