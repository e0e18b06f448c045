using NodaTime;

namespace PvoFinance.Ledger;

/// <summary>
/// ISO <c>yyyy-MM-dd</c> text of a date, written directly: it is produced for every entry (hash and storage),
/// and a general pattern formatter costs more than the rest of the hash. Same output as NodaTime's ISO pattern
/// for years 0001–9999, the only ones the ledger accepts.
/// </summary>
public static class IsoDate
{
    /// <summary>Formats <paramref name="date"/> as <c>yyyy-MM-dd</c>.</summary>
    public static string Format(LocalDate date)
    {
        if (date.Year is < 1 or > 9999)
        {
            throw new ArgumentOutOfRangeException(nameof(date), "Dates outside the years 1..9999 are not used in the ledger.");
        }
        return string.Create(10, date, static (span, d) =>
        {
            Write(span[..4], d.Year);
            span[4] = '-';
            Write(span.Slice(5, 2), d.Month);
            span[7] = '-';
            Write(span.Slice(8, 2), d.Day);
        });
    }

    private static void Write(Span<char> span, int value)
    {
        for (var i = span.Length - 1; i >= 0; i--, value /= 10)
        {
            span[i] = (char)('0' + value % 10);
        }
    }
}
