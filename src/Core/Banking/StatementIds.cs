using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PvoFinance.Banking;

/// <summary>
/// The id an imported statement is kept under: the account's IBAN, the closing date and eight hex characters of a hash
/// of the bank's statement id, the opening date and balance and the closing balance. Derived from the content, so the
/// same statement imported again — after a crash, or by a second treasurer — finds the same id and books nothing twice;
/// the IBAN first keeps one account's statements together and in date order.
/// </summary>
public static class StatementIds
{
    /// <summary>The id of <paramref name="statement"/>.</summary>
    public static string For(Statement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var text = string.Join('|', statement.Account.Value, statement.Reference,
            statement.OpeningDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), statement.Opening.Cents.ToString(CultureInfo.InvariantCulture),
            statement.ClosingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), statement.Closing.Cents.ToString(CultureInfo.InvariantCulture));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
        return $"{statement.Account.Value}-{statement.ClosingDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-{hash}";
    }

    /// <summary>The IBAN a statement id starts with, or null when <paramref name="id"/> is not a statement id.</summary>
    public static Iban? AccountOf(string? id)
    {
        if (id is null || id.Length > 60)
        {
            return null;
        }
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        if (dash < 15 || id.Length != dash + 18 || id[dash + 9] != '-' || id.AsSpan(dash + 1, 8).ContainsAnyExceptInRange('0', '9')
            || !id[(dash + 10)..].All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
        {
            return null;
        }
        return Iban.TryParse(id[..dash], out var iban, out _) ? iban : null;
    }
}
