using CsvHelper;

namespace PvoFinance.Exports;

/// <summary>
/// Writes rows as CSV in a <see cref="CsvDialect"/>, streaming (memory stays flat however many rows), and totals what
/// it wrote for the manifest. Amount columns are written as numbers (never neutralised); text columns are written
/// with formula neutralisation.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
public sealed class CsvExportWriter<TRow>
{
    /// <summary>Most rows one export may hold; more is refused rather than truncated.</summary>
    public const long MaxRows = 10_000_000;

    private readonly IReadOnlyList<CsvColumn<TRow>> _columns;
    private readonly IReadOnlyList<int> _groupBy;
    private readonly Func<TRow, (string Debit, string Credit, long Cents)>? _accounts;

    /// <summary>A writer of <paramref name="columns"/>.</summary>
    /// <param name="columns">The columns, in order.</param>
    /// <param name="groupBy">Titles of text columns whose values the first amount column is totalled by.</param>
    /// <param name="accounts">For a transactions file: each row's debit, credit and unsigned cents, totalled per account.</param>
    public CsvExportWriter(IReadOnlyList<CsvColumn<TRow>> columns, IReadOnlyList<string>? groupBy = null, Func<TRow, (string Debit, string Credit, long Cents)>? accounts = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = columns;
        _groupBy = [.. (groupBy ?? []).Select(t => columns.Select((c, i) => (c, i)).Single(x => x.c.Title == t && x.c.Text is not null).i)];
        _accounts = accounts;
    }

    /// <summary>The column titles.</summary>
    public IReadOnlyList<string> Titles => [.. _columns.Select(c => c.Title)];

    /// <summary>Writes the header and every row of <paramref name="rows"/> to <paramref name="destination"/>.</summary>
    public async Task<ExportTotals> WriteAsync(Stream destination, IAsyncEnumerable<TRow> rows, CsvDialect dialect, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(dialect);
        using var hashing = new HashingStream(destination);
        var columnTotals = new long[_columns.Count];
        var groups = _groupBy.Select(_ => new Dictionary<string, long>(StringComparer.Ordinal)).ToArray();
        var accounts = new Dictionary<string, (long Debits, long Credits)>(StringComparer.Ordinal);
        var firstAmount = _columns.Select((c, i) => (c, i)).FirstOrDefault(x => x.c.Cents is not null).i;
        long count = 0;
        var csv = CsvWriter.Create(hashing, dialect.WriterOptions(), leaveOpen: true);
        await using (csv.ConfigureAwait(false))
        {
            foreach (var c in _columns)
            {
                csv.WriteField(c.Title);
            }
            csv.EndRecord();
            var numbers = dialect.Numbers;
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                if (++count > MaxRows)
                {
                    throw new InvalidOperationException($"An export holds at most {MaxRows} rows; choose a smaller scope or period.");
                }
                long first = 0;
                for (var i = 0; i < _columns.Count; i++)
                {
                    var c = _columns[i];
                    if (c.Cents is { } cents)
                    {
                        var value = cents(row);
                        columnTotals[i] = checked(columnTotals[i] + value);
                        if (i == firstAmount)
                        {
                            first = value;
                        }
                        csv.WriteField(CsvDialect.AsDecimal(value), default, numbers);
                    }
                    else if (c.Number is { } number)
                    {
                        csv.WriteField(number(row), default);
                    }
                    else
                    {
                        csv.WriteField(c.Text!(row));
                    }
                }
                csv.EndRecord();
                for (var g = 0; g < _groupBy.Count; g++)
                {
                    var key = _columns[_groupBy[g]].Text!(row);
                    groups[g][key] = checked(groups[g].GetValueOrDefault(key) + first);
                }
                if (_accounts is not null)
                {
                    var (debit, credit, unsigned) = _accounts(row);
                    var d = accounts.GetValueOrDefault(debit);
                    accounts[debit] = (checked(d.Debits + unsigned), d.Credits);
                    var k = accounts.GetValueOrDefault(credit);
                    accounts[credit] = (k.Debits, checked(k.Credits + unsigned));
                }
                if (count % 4096 == 0)
                {
                    await csv.FlushAsync(cancellationToken);
                }
            }
            await csv.FlushAsync(cancellationToken);
        }
        await hashing.FlushAsync(cancellationToken);
        return new ExportTotals(
            count,
            hashing.Written,
            hashing.Digest(),
            _columns.Select((c, i) => (c, i)).Where(x => x.c.Cents is not null).ToDictionary(x => x.c.Title, x => columnTotals[x.i], StringComparer.Ordinal),
            _groupBy.Select((g, i) => (g, i)).ToDictionary(x => _columns[x.g].Title, x => (IReadOnlyDictionary<string, long>)new SortedDictionary<string, long>(groups[x.i], StringComparer.Ordinal), StringComparer.Ordinal),
            new SortedDictionary<string, AccountTotals>(accounts.ToDictionary(kv => kv.Key, kv => new AccountTotals(kv.Value.Debits, kv.Value.Credits)), StringComparer.Ordinal));
    }
}
