using System.Globalization;
using CsvHelper;

namespace PvoFinance.Exports;

/// <summary>
/// How an export is written. <see cref="Canonical"/> is the file of record: UTF-8 without BOM, RFC 4180 with
/// <c>,</c> between fields and CRLF line ends, amounts with a <c>.</c> decimal point, ISO dates. <see cref="ExcelNl"/> is a
/// view of the same rows for people who open it in Dutch Excel: <c>;</c> between fields, <c>,</c> decimals, a UTF-8 BOM.
/// Both neutralise text that a spreadsheet would run as a formula (see <see cref="WriterOptions"/>).
/// </summary>
/// <param name="Name">The dialect's name in URLs: <c>canonical</c> or <c>excel-nl</c>.</param>
/// <param name="Separator">The field separator.</param>
/// <param name="DecimalSeparator">The decimal separator of amounts.</param>
/// <param name="ByteOrderMark">Whether the file starts with a UTF-8 byte order mark.</param>
public sealed record CsvDialect(string Name, char Separator, char DecimalSeparator, bool ByteOrderMark)
{
    /// <summary>The canonical file: RFC 4180, <c>.</c> decimals, no BOM.</summary>
    public static CsvDialect Canonical { get; } = new("canonical", ',', '.', false);

    /// <summary>The Dutch Excel view: <c>;</c>, <c>,</c> decimals, BOM.</summary>
    public static CsvDialect ExcelNl { get; } = new("excel-nl", ';', ',', true);

    /// <summary>The dialects by name.</summary>
    public static IReadOnlyList<CsvDialect> All { get; } = [Canonical, ExcelNl];

    /// <summary>The dialect named <paramref name="name"/> (null means canonical), or null when there is none.</summary>
    public static CsvDialect? Named(string? name) => name is null ? Canonical : All.FirstOrDefault(d => d.Name == name);

    /// <summary>
    /// CsvHelper options for this dialect. Text cells beginning with <c>= + - @</c>, a tab or a carriage return are
    /// escaped with a leading <c>'</c> (and quoted), so a spreadsheet shows them as text; amounts are written as
    /// numbers and are never touched, so <c>-5.00</c> stays a number.
    /// </summary>
    public CsvWriterOptions WriterOptions() => CsvWriterOptions.Default with
    {
        Separator = Separator,
        NewLine = "\r\n",
        WriteByteOrderMark = ByteOrderMark,
        Injection = CsvInjection.Escape,
        FormatProvider = Numbers,
    };

    /// <summary>How amounts are formatted: the dialect's decimal separator, no grouping.</summary>
    public NumberFormatInfo Numbers { get; } = new() { NumberDecimalSeparator = DecimalSeparator.ToString(), NumberGroupSeparator = "", NegativeSign = "-" };

    /// <summary>
    /// Cents as a decimal with scale 2, built from its parts (no division), so it prints with exactly two decimals and
    /// the writer knows it for a number (never neutralised as a formula).
    /// </summary>
    public static decimal AsDecimal(long cents)
    {
        var negative = cents < 0;
        var magnitude = negative ? (ulong)-(cents + 1) + 1 : (ulong)cents;
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, negative, 2);
    }

    /// <summary>Amount text as the dialect writes it (for tests and verification messages).</summary>
    public string Amount(long cents) => AsDecimal(cents).ToString(Numbers);
}
