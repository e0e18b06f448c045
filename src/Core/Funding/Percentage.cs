using System.Globalization;

namespace PvoFinance.Funding;

/// <summary>A percentage with up to two decimals, held exactly as basis points (1 % = 100). 0..100 %.</summary>
public readonly record struct Percentage(int BasisPoints)
{
    /// <summary>Parses <c>"12.5"</c> (12.5 %); refuses more than two decimals and values outside 0..100.</summary>
    public static bool TryParse(string? text, out Percentage percentage, out string? error)
    {
        percentage = default;
        if (!Money.TryParse(text, out var asMoney, out _) || asMoney.Cents < 0)
        {
            error = "A percentage like 12.5 (0 to 100, at most 2 decimals) is required.";
            return false;
        }
        if (asMoney.Cents > 100_00)
        {
            error = "A percentage cannot exceed 100.";
            return false;
        }
        percentage = new Percentage((int)asMoney.Cents);
        error = null;
        return true;
    }

    /// <summary>This percentage of <paramref name="amount"/>, rounded to the cent half away from zero.</summary>
    public Money Of(Money amount)
    {
        Int128 scaled = (Int128)amount.Cents * BasisPoints;
        var negative = scaled < 0;
        var magnitude = negative ? -scaled : scaled;
        var cents = (magnitude + 5_000) / 10_000;
        return Money.FromCents((long)(negative ? -cents : cents));
    }

    /// <summary>Text such as <c>12.50</c>.</summary>
    public override string ToString() => (BasisPoints / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
