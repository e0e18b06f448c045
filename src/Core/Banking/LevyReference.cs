using System.Security.Cryptography;
using System.Text;

namespace PvoFinance.Banking;

/// <summary>
/// The creditor reference printed on a levy invoice: <c>L</c>, the year, the municipality's CBS code and eight base-36
/// characters of the funding source id's SHA-256. Derived, not stored, so the invoice, the exports and the statement
/// matching compute the same reference without a lookup table; the source's hash keeps two sources' invoices to the same
/// municipality apart (a collision needs two sources of one region whose 41-bit prefixes agree).
/// </summary>
public static class LevyReference
{
    private const string Digits36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>The reference of a levy invoice, or null when the year or the municipality code cannot have one.</summary>
    public static CreditorReference? TryFor(string sourceId, int year, string municipalityCode)
    {
        ArgumentNullException.ThrowIfNull(municipalityCode);
        var code = municipalityCode.StartsWith("GM", StringComparison.OrdinalIgnoreCase) ? municipalityCode[2..] : municipalityCode;
        return year is < 1000 or > 9999 || code.Length is 0 or > 4 || !code.All(char.IsAsciiDigit) ? null : For(sourceId, year, municipalityCode);
    }

    /// <summary>The reference of <paramref name="municipalityCode"/>'s levy invoice from source <paramref name="sourceId"/> for <paramref name="year"/>.</summary>
    /// <exception cref="ArgumentException">The year is not four digits or the code is not 1–4 digits.</exception>
    public static CreditorReference For(string sourceId, int year, string municipalityCode)
    {
        ArgumentNullException.ThrowIfNull(sourceId);
        ArgumentNullException.ThrowIfNull(municipalityCode);
        if (year is < 1000 or > 9999)
        {
            throw new ArgumentException($"A levy year has four digits; got {year}.", nameof(year));
        }
        var code = municipalityCode.StartsWith("GM", StringComparison.OrdinalIgnoreCase) ? municipalityCode[2..] : municipalityCode;
        if (code.Length is 0 or > 4 || !code.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"A municipality code has 1 to 4 digits; got '{municipalityCode}'.", nameof(municipalityCode));
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(sourceId));
        var value = BitConverter.ToUInt64(hash, 0);
        Span<char> tag = stackalloc char[8];
        for (var i = 0; i < tag.Length; i++)
        {
            tag[i] = Digits36[(int)(value % 36)];
            value /= 36;
        }
        return CreditorReference.For($"L{year}{code.PadLeft(4, '0')}{tag}");
    }
}
