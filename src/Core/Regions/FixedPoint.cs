using System.Globalization;

namespace PvoFinance.Regions;

/// <summary>
/// Exact decimal text for small fixed-point quantities (FTE in hundredths, days in tenths): <c>"0.50"</c> ↔ 50.
/// ASCII digits and at most one '.', no sign, exponent, grouping or spaces; never rounded.
/// </summary>
public static class FixedPoint
{
    /// <summary>Parses <paramref name="text"/> with at most <paramref name="decimals"/> decimals into units of 10^-decimals.</summary>
    public static bool TryParse(string? text, int decimals, out int units)
    {
        units = 0;
        if (string.IsNullOrEmpty(text) || text.Length > 12)
        {
            return false;
        }
        var dot = text.IndexOf('.');
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? "" : text[(dot + 1)..];
        if (whole.Length == 0 || (dot >= 0 && fraction.Length == 0) || fraction.Length > decimals
            || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit))
        {
            return false;
        }
        long value = 0;
        foreach (var c in whole + fraction.PadRight(decimals, '0'))
        {
            value = (value * 10) + (c - '0');
            if (value > int.MaxValue)
            {
                return false;
            }
        }
        units = (int)value;
        return true;
    }

    /// <summary>Formats units of 10^-decimals with exactly <paramref name="decimals"/> decimals: 50, 2 → <c>"0.50"</c>.</summary>
    public static string Format(int units, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        var scale = 1;
        for (var i = 0; i < decimals; i++)
        {
            scale *= 10;
        }
        var whole = (units / scale).ToString(CultureInfo.InvariantCulture);
        return decimals == 0 ? whole : whole + "." + (units % scale).ToString(CultureInfo.InvariantCulture).PadLeft(decimals, '0');
    }
}
