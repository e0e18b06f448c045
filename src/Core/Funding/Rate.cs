using System.Globalization;

namespace PvoFinance.Funding;

/// <summary>
/// A price per unit with up to four decimals, such as a levy of €0.2500 per inhabitant, held exactly as
/// ten-thousandths of a euro. Rates are parsed from exact decimal strings like <see cref="Money"/>; a fifth
/// decimal is refused, never rounded.
/// </summary>
public readonly record struct Rate(long TenThousandths)
{
    /// <summary>The largest rate accepted: €1,000,000.0000 per unit.</summary>
    public const long MaxTenThousandths = 10_000_000_000;

    /// <summary>Parses <c>"0.25"</c>, <c>"0.2500"</c>, <c>"1.1234"</c>; refuses negatives, exponents and a fifth decimal.</summary>
    public static bool TryParse(string? text, out Rate rate, out string? error)
    {
        rate = default;
        if (string.IsNullOrEmpty(text) || text.Length > 24)
        {
            error = "A rate like 0.25 or 0.2500 is required.";
            return false;
        }
        var dot = text.IndexOf('.');
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? "" : text[(dot + 1)..];
        if (whole.Length == 0 || (dot >= 0 && fraction.Length == 0) || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit))
        {
            error = "A rate may contain only the digits 0-9 and one '.'; it cannot be negative.";
            return false;
        }
        if (fraction.Length > 4)
        {
            error = "A rate has at most 4 decimals.";
            return false;
        }
        whole = whole.TrimStart('0');
        if (whole.Length > 7)
        {
            error = "The rate is too large.";
            return false;
        }
        var value = (whole.Length == 0 ? 0 : long.Parse(whole, CultureInfo.InvariantCulture)) * 10_000
            + (fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(4, '0'), CultureInfo.InvariantCulture));
        if (value > MaxTenThousandths)
        {
            error = "The rate is too large.";
            return false;
        }
        rate = new Rate(value);
        error = null;
        return true;
    }

    /// <summary>
    /// The rate times a whole quantity, rounded to the cent half away from zero (the usual Dutch
    /// "rekenkundig afronden"). Exact: the product is formed in 128 bits before it is rounded once.
    /// </summary>
    public Money Times(long quantity)
    {
        Int128 tenThousandths = (Int128)TenThousandths * quantity;
        var negative = tenThousandths < 0;
        var magnitude = negative ? -tenThousandths : tenThousandths;
        var cents = (magnitude + 50) / 100;
        return Money.FromCents((long)(negative ? -cents : cents));
    }

    /// <summary>Four-decimal text, e.g. <c>0.2500</c>.</summary>
    public override string ToString() =>
        (TenThousandths / 10_000).ToString(CultureInfo.InvariantCulture) + "." + (TenThousandths % 10_000).ToString("0000", CultureInfo.InvariantCulture);
}
