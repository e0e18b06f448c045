namespace PvoFinance.Banking;

/// <summary>
/// The ISO 7064 MOD 97-10 arithmetic shared by IBANs (ISO 13616) and structured creditor references (ISO 11649):
/// letters count as two digits (A = 10 … Z = 35) and the whole number, taken modulo 97, must be 1.
/// </summary>
/// <remarks>Computed digit by digit, so a 34-character IBAN never needs a big integer.</remarks>
internal static class Mod97
{
    /// <summary>The remainder modulo 97 of <paramref name="text"/> read as digits, letters expanded; −1 if a character is neither.</summary>
    public static int Remainder(ReadOnlySpan<char> text)
    {
        var remainder = 0;
        foreach (var c in text)
        {
            if (c is >= '0' and <= '9')
            {
                remainder = (remainder * 10 + (c - '0')) % 97;
            }
            else if (c is >= 'A' and <= 'Z')
            {
                var value = c - 'A' + 10;
                remainder = (remainder * 100 + value) % 97;
            }
            else
            {
                return -1;
            }
        }
        return remainder;
    }

    /// <summary>The remainder of <paramref name="value"/> with its first four characters moved to the end, as both checks read it.</summary>
    public static int RotatedRemainder(string value)
    {
        Span<char> rotated = stackalloc char[value.Length];
        value.AsSpan(4).CopyTo(rotated);
        value.AsSpan(0, 4).CopyTo(rotated[(value.Length - 4)..]);
        return Remainder(rotated);
    }
}
