using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace PvoFinance.Banking;

/// <summary>Field readers shared by the camt.053 and MT940 readers; each refusal names where and which field.</summary>
internal static class StatementFields
{
    private static readonly LocalDatePattern IsoDate = LocalDatePattern.Iso;

    /// <summary>An amount with up to two decimals (<paramref name="separator"/> '.' for camt, ',' for MT940), positive.</summary>
    public static Money Amount(string? text, char separator, string? location, string field)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length > 20 || value.Count(c => c == separator) > 1
            || !value.All(c => char.IsAsciiDigit(c) || c == separator))
        {
            throw new StatementException(location, field, $"'{Clip(text)}' is not an amount (digits, '{separator}' and at most two decimals).");
        }
        var parts = value.Split(separator);
        var whole = parts[0].Length == 0 ? "0" : parts[0];
        var fraction = parts.Length > 1 ? parts[1] : "";
        if (fraction.Length > 2 || whole.Length > 15)
        {
            throw new StatementException(location, field, $"'{Clip(text)}' has more than two decimals or is too large.");
        }
        var cents = long.Parse(whole, CultureInfo.InvariantCulture) * 100 + (fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(2, '0'), CultureInfo.InvariantCulture));
        return Money.FromCents(cents);
    }

    /// <summary>The currency must be EUR: the ledger keeps euros only.</summary>
    public static void Euro(string? currency, string? location, string field)
    {
        if (!string.Equals(currency?.Trim(), "EUR", StringComparison.Ordinal))
        {
            throw new StatementException(location, field, $"The currency is '{Clip(currency)}'; only EUR statements are read.");
        }
    }

    /// <summary>An IBAN with valid check digits.</summary>
    public static Iban Iban(string? text, string? location, string field) =>
        Banking.Iban.TryParse(text, out var iban, out var error) ? iban : throw new StatementException(location, field, error!);

    /// <summary>A structured reference: an RF reference must have valid check digits; another scheme's reference is kept as text.</summary>
    public static CreditorReference? Reference(string? text, string? location, string field)
    {
        var value = text?.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (string.IsNullOrEmpty(value) || !value.StartsWith("RF", StringComparison.Ordinal))
        {
            return null;
        }
        return CreditorReference.TryParse(value, out var reference, out var error) ? reference : throw new StatementException(location, field, error!);
    }

    /// <summary>An ISO date (yyyy-MM-dd; a date-time's date part is taken).</summary>
    public static LocalDate IsoDay(string? text, string? location, string field)
    {
        var value = text?.Trim() ?? "";
        if (value.Length > 10)
        {
            value = value[..10];
        }
        var result = IsoDate.Parse(value);
        return result.Success ? result.Value : throw new StatementException(location, field, $"'{Clip(text)}' is not a date (yyyy-mm-dd).");
    }

    /// <summary>An MT940 date yymmdd (20yy).</summary>
    public static LocalDate ShortDay(string text, string? location, string field)
    {
        if (text.Length == 6 && text.All(char.IsAsciiDigit))
        {
            var year = 2000 + int.Parse(text[..2], CultureInfo.InvariantCulture);
            var month = int.Parse(text[2..4], CultureInfo.InvariantCulture);
            var day = int.Parse(text[4..], CultureInfo.InvariantCulture);
            if (month is >= 1 and <= 12 && day >= 1 && day <= CalendarSystem.Iso.GetDaysInMonth(year, month))
            {
                return new LocalDate(year, month, day);
            }
        }
        throw new StatementException(location, field, $"'{Clip(text)}' is not a date (yymmdd).");
    }

    /// <summary>Free text cut to a length a page and a table row hold; null when empty.</summary>
    public static string? Text(string? text, int max = 140)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        value = new string([.. value.Select(c => char.IsControl(c) ? ' ' : c)]);
        return value.Length > max ? value[..max] : value;
    }

    /// <summary>A value quoted in a refusal, cut so a huge field cannot flood the message.</summary>
    public static string Clip(string? text) => text is null ? "" : text.Length > 40 ? text[..40] + "…" : text;
}
