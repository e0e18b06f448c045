namespace PvoFinance.Exports;

/// <summary>One column of an export: its title and how a row's value is read — as text, as an amount in cents, or as a whole number.</summary>
/// <typeparam name="TRow">The row type.</typeparam>
/// <param name="Title">The column title in the header.</param>
/// <param name="Text">Reads text (neutralised against formulas when written).</param>
/// <param name="Cents">Reads an amount in cents (written as a number with two decimals; totalled in the manifest).</param>
/// <param name="Number">Reads a whole number (a year, a count).</param>
public sealed record CsvColumn<TRow>(string Title, Func<TRow, string>? Text = null, Func<TRow, long>? Cents = null, Func<TRow, long>? Number = null)
{
    /// <summary>A text column.</summary>
    public static CsvColumn<TRow> OfText(string title, Func<TRow, string> text) => new(title, Text: text);

    /// <summary>An amount column.</summary>
    public static CsvColumn<TRow> OfAmount(string title, Func<TRow, long> cents) => new(title, Cents: cents);

    /// <summary>A whole-number column.</summary>
    public static CsvColumn<TRow> OfNumber(string title, Func<TRow, long> number) => new(title, Number: number);
}
