using CsvHelper;

namespace PvoFinance.Exports;

/// <summary>The first place two CSV files differ.</summary>
/// <param name="Row">The data row (1-based; 0 is the header).</param>
/// <param name="Column">The column title, or empty when a whole row is missing or extra.</param>
/// <param name="Expected">What the ledger gives.</param>
/// <param name="Found">What the file holds.</param>
public sealed record CsvDifference(long Row, string Column, string Expected, string Found);

/// <summary>Compares a CSV file with the export it claims to be, field by field, streaming both.</summary>
public static class CsvCompare
{
    /// <summary>The first difference between <paramref name="expected"/> and <paramref name="found"/>, or null when they hold the same fields.</summary>
    public static async Task<CsvDifference?> FirstDifferenceAsync(Stream expected, Stream found, CsvDialect dialect, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(dialect);
        var options = CsvReaderOptions.Default with { Separator = dialect.Separator, HasHeader = false, AllowLineBreaksInQuotes = true };
        using var a = CsvReader.Create(expected, options, leaveOpen: true);
        using var b = CsvReader.Create(found, options, leaveOpen: true);
        string[] titles = [];
        for (long row = 0; ; row++)
        {
            var hasA = await a.ReadAsync(cancellationToken);
            var hasB = await b.ReadAsync(cancellationToken);
            if (!hasA && !hasB)
            {
                return null;
            }
            if (!hasA || !hasB)
            {
                return new CsvDifference(row, "", hasA ? Record(a) : "(no more rows)", hasB ? Record(b) : "(no more rows)");
            }
            if (row == 0)
            {
                titles = [.. Enumerable.Range(0, a.FieldCount).Select(i => a.GetString(i))];
            }
            var count = Math.Max(a.FieldCount, b.FieldCount);
            for (var i = 0; i < count; i++)
            {
                var x = i < a.FieldCount ? a.GetString(i) : "(missing)";
                var y = i < b.FieldCount ? b.GetString(i) : "(missing)";
                if (!string.Equals(x, y, StringComparison.Ordinal))
                {
                    return new CsvDifference(row, i < titles.Length ? titles[i] : $"#{i + 1}", x, y);
                }
            }
        }
    }

    private static string Record(CsvReader r) => string.Join(",", Enumerable.Range(0, r.FieldCount).Select(r.GetString));
}
