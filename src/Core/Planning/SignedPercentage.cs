using System.Globalization;

namespace PvoFinance.Planning;

/// <summary>
/// A percentage that may be negative (a malus, a shrinking population), held exactly as basis points
/// (1 % = 100, so <c>-20.00</c> is -2000). Parsed from exact text with at most two decimals; never rounded on input.
/// </summary>
public readonly record struct SignedPercentage(int BasisPoints)
{
    /// <summary>The largest magnitude any signed percentage may have: 100 %.</summary>
    public const int MaxBasisPoints = 10_000;

    /// <summary>Parses <c>"2.5"</c>, <c>"-20.00"</c>; refuses more than two decimals and values outside <paramref name="min"/>..<paramref name="max"/> basis points.</summary>
    public static bool TryParse(string? text, int min, int max, out SignedPercentage value, out string? error)
    {
        value = default;
        if (!Money.TryParse(text, out var asCents, out _) || asCents.Cents < min || asCents.Cents > max)
        {
            error = $"A percentage like -2.5 or 12.25 between {new SignedPercentage(min)} and {new SignedPercentage(max)} (at most 2 decimals) is required.";
            return false;
        }
        value = new SignedPercentage((int)asCents.Cents);
        error = null;
        return true;
    }

    /// <summary>
    /// <paramref name="amount"/> grown by this percentage: amount × (1 + p), rounded to a whole unit half away from zero.
    /// Used for inhabitants and cents alike; exact in 128 bits before the single rounding.
    /// </summary>
    public long Grow(long amount) => Scale(amount, MaxBasisPoints + BasisPoints, MaxBasisPoints);

    /// <summary>This percentage of <paramref name="amount"/>, rounded half away from zero (a malus is negative).</summary>
    public long Of(long amount) => Scale(amount, BasisPoints, MaxBasisPoints);

    /// <summary><paramref name="amount"/> × <paramref name="numerator"/> / <paramref name="denominator"/>, rounded once, half away from zero.</summary>
    public static long Scale(long amount, long numerator, long denominator)
    {
        if (denominator <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(denominator), "The denominator must be positive.");
        }
        // Fast path: when both factors are below 2^31 the product fits a long exactly (the sweep grows every
        // municipality this way); the rounding is the same as the 128-bit path below.
        if (amount is > -2_147_483_648L and < 2_147_483_648L && numerator is > -2_147_483_648L and < 2_147_483_648L)
        {
            var p = amount * numerator;
            var m = p < 0 ? -p : p;
            var q = (m + denominator / 2) / denominator;
            return p < 0 ? -q : q;
        }
        Int128 product = (Int128)amount * numerator;
        var negative = product < 0;
        var magnitude = negative ? -product : product;
        var rounded = (magnitude + denominator / 2) / denominator;
        return checked((long)(negative ? -rounded : rounded));
    }

    /// <summary>Text with two decimals and a sign only when negative: <c>-20.00</c>, <c>2.50</c>.</summary>
    public override string ToString() =>
        (BasisPoints < 0 ? "-" : "") + (Math.Abs(BasisPoints) / 100).ToString(CultureInfo.InvariantCulture) + "."
        + (Math.Abs(BasisPoints) % 100).ToString("00", CultureInfo.InvariantCulture);
}
