using System.Globalization;

namespace PvoFinance;

/// <summary>
/// An amount of euros as a whole number of cents. Never a double: public money must add up to the cent,
/// and binary floating point cannot hold 0.10. Arithmetic is checked, so an overflow throws instead of wrapping.
/// </summary>
/// <remarks>
/// Amounts enter the system only as exact decimal strings (<see cref="TryParse(string?, out Money, out string?)"/>):
/// ASCII digits, an optional leading minus, and at most two decimals. Anything else — more decimals,
/// exponents, thousands separators, non-ASCII digits, values beyond <see cref="MaxCents"/> — is refused rather
/// than rounded, because a silently rounded subsidy is a wrong subsidy.
/// </remarks>
public readonly record struct Money(long Cents) : IComparable<Money>
{
    /// <summary>
    /// The largest magnitude accepted from outside: 10^17 − 1 cents (about €10^15). Far above any public budget,
    /// and far enough below <see cref="long.MaxValue"/> that sums of many amounts stay representable.
    /// </summary>
    public const long MaxCents = 99_999_999_999_999_999;

    /// <summary>Zero euros.</summary>
    public static readonly Money Zero = new(0);

    /// <summary>The amount in cents, as a <see cref="decimal"/> number of euros (exact).</summary>
    public decimal Euros => Cents / 100m;

    /// <summary>True when the amount is below zero.</summary>
    public bool IsNegative => Cents < 0;

    /// <summary>Creates an amount from cents, refusing magnitudes above <see cref="MaxCents"/>.</summary>
    public static Money FromCents(long cents)
    {
        if (cents > MaxCents || cents < -MaxCents)
        {
            throw new OverflowException($"{cents} cents is outside ±{MaxCents}.");
        }
        return new Money(cents);
    }

    /// <summary>Parses an exact decimal string such as <c>"1234.5"</c>, <c>"-0.07"</c> or <c>"25000"</c>.</summary>
    /// <exception cref="FormatException">The text is not an exact amount; the message says why.</exception>
    public static Money Parse(string text) =>
        TryParse(text, out var money, out var error) ? money : throw new FormatException(error);

    /// <summary>Parses an exact decimal string; on failure <paramref name="error"/> says why in one sentence.</summary>
    public static bool TryParse(string? text, out Money money, out string? error)
    {
        money = Zero;
        if (string.IsNullOrEmpty(text))
        {
            error = "An amount is required.";
            return false;
        }
        if (text.Length > 32)
        {
            error = "The amount is too long.";
            return false;
        }
        var span = text.AsSpan();
        var negative = span[0] == '-';
        if (negative)
        {
            span = span[1..];
        }
        var dot = span.IndexOf('.');
        var whole = dot < 0 ? span : span[..dot];
        var fraction = dot < 0 ? ReadOnlySpan<char>.Empty : span[(dot + 1)..];
        if (whole.IsEmpty || (dot >= 0 && fraction.IsEmpty))
        {
            error = "The amount must look like 1234 or 1234.5 or 1234.56.";
            return false;
        }
        if (!AllAsciiDigits(whole) || !AllAsciiDigits(fraction))
        {
            error = "The amount may contain only the digits 0-9, one '.' and a leading '-'.";
            return false;
        }
        if (fraction.Length > 2)
        {
            error = "The amount has more than 2 decimals; amounts are exact to the cent.";
            return false;
        }
        // Implementation note: 18 whole digits would already exceed MaxCents, so cap before converting
        // to keep long arithmetic below overflow.
        whole = whole.TrimStart('0');
        if (whole.Length > 15)
        {
            error = $"The amount exceeds the largest accepted amount ({FromCents(MaxCents)}).";
            return false;
        }
        long cents = 0;
        foreach (var c in whole)
        {
            cents = cents * 10 + (c - '0');
        }
        cents *= 100;
        if (fraction.Length >= 1)
        {
            cents += (fraction[0] - '0') * 10;
        }
        if (fraction.Length == 2)
        {
            cents += fraction[1] - '0';
        }
        if (cents > MaxCents)
        {
            error = $"The amount exceeds the largest accepted amount ({FromCents(MaxCents)}).";
            return false;
        }
        money = new Money(negative ? -cents : cents);
        error = null;
        return true;
    }

    private static bool AllAsciiDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Adds two amounts; throws <see cref="OverflowException"/> rather than wrapping.</summary>
    public static Money operator +(Money a, Money b) => new(checked(a.Cents + b.Cents));

    /// <summary>Subtracts two amounts; throws <see cref="OverflowException"/> rather than wrapping.</summary>
    public static Money operator -(Money a, Money b) => new(checked(a.Cents - b.Cents));

    /// <summary>Negates an amount.</summary>
    public static Money operator -(Money a) => new(checked(-a.Cents));

    /// <summary>Compares amounts.</summary>
    public static bool operator <(Money a, Money b) => a.Cents < b.Cents;

    /// <summary>Compares amounts.</summary>
    public static bool operator >(Money a, Money b) => a.Cents > b.Cents;

    /// <summary>Compares amounts.</summary>
    public static bool operator <=(Money a, Money b) => a.Cents <= b.Cents;

    /// <summary>Compares amounts.</summary>
    public static bool operator >=(Money a, Money b) => a.Cents >= b.Cents;

    /// <inheritdoc />
    public int CompareTo(Money other) => Cents.CompareTo(other.Cents);

    /// <summary>The canonical text: a '.' and always two decimals, no grouping (<c>"-1234.50"</c>).</summary>
    public override string ToString()
    {
        var abs = Cents < 0 ? -(decimal)Cents : Cents;
        var sign = Cents < 0 ? "-" : "";
        return sign + ((long)(abs / 100)).ToString(CultureInfo.InvariantCulture) + "." + ((long)(abs % 100)).ToString("00", CultureInfo.InvariantCulture);
    }
}
