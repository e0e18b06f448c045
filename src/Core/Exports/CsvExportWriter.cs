using System.Runtime.InteropServices;
using System.Security.Cryptography;
using CsvHelper;

namespace PvoFinance.Exports;

/// <summary>
/// Writes rows as CSV in a <see cref="CsvDialect"/>, streaming (memory stays flat however many rows), and totals what
/// it wrote for the manifest. Amount columns are written as numbers (never neutralised); text columns are written
/// with formula neutralisation. Items are expanded into rows and formatted in batches on every core; the batches are
/// written, hashed and totalled strictly in order, so the file is the same bytes as a one-by-one write; each batch is
/// hashed on another thread while it is written.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
public sealed class CsvExportWriter<TRow>
{
    /// <summary>Most rows one export may hold; more is refused rather than truncated.</summary>
    public const long MaxRows = 10_000_000;

    /// <summary>Items expanded and formatted together.</summary>
    public const int BatchSize = 2_048;

    private readonly IReadOnlyList<CsvColumn<TRow>> _columns;
    // The columns' readers as arrays (one of the three set per column): a row reads them without interface calls.
    private readonly Func<TRow, string>?[] _texts;
    private readonly Func<TRow, long>?[] _cents;
    private readonly Func<TRow, long>?[] _numbers;
    private readonly IReadOnlyList<int> _groupBy;
    private readonly int _firstAmount;
    private readonly Func<TRow, (string Journal, string Debit, string Credit, long Cents)>? _accounts;

    /// <summary>A writer of <paramref name="columns"/>.</summary>
    /// <param name="columns">The columns, in order.</param>
    /// <param name="groupBy">Titles of text columns whose values the first amount column is totalled by.</param>
    /// <param name="accounts">For a transactions file: each row's journal, debit, credit and unsigned cents, totalled per journal and account.</param>
    public CsvExportWriter(IReadOnlyList<CsvColumn<TRow>> columns, IReadOnlyList<string>? groupBy = null, Func<TRow, (string Journal, string Debit, string Credit, long Cents)>? accounts = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = columns;
        _texts = [.. columns.Select(c => c.Cents is null && c.Number is null ? c.Text : null)];
        _cents = [.. columns.Select(c => c.Cents)];
        _numbers = [.. columns.Select(c => c.Cents is null ? c.Number : null)];
        _groupBy = [.. (groupBy ?? []).Select(t => columns.Select((c, i) => (c, i)).Single(x => x.c.Title == t && x.c.Text is not null).i)];
        _firstAmount = columns.Select((c, i) => (c, i)).FirstOrDefault(x => x.c.Cents is not null, (null!, -1)).i;
        _accounts = accounts;
    }

    /// <summary>The column titles.</summary>
    public IReadOnlyList<string> Titles => [.. _columns.Select(c => c.Title)];

    /// <summary>Writes the header and every row of <paramref name="rows"/> to <paramref name="destination"/>.</summary>
    public Task<ExportTotals> WriteAsync(Stream destination, IAsyncEnumerable<TRow> rows, CsvDialect dialect, CancellationToken cancellationToken = default) =>
        WriteAsync(destination, rows, static row => [row], dialect, cancellationToken);

    /// <summary>
    /// Writes the header and the rows <paramref name="expand"/> makes of each item of <paramref name="items"/>, in order.
    /// <paramref name="expand"/> runs on several threads at once, so it must be pure.
    /// </summary>
    /// <param name="destination">Where the file goes.</param>
    /// <param name="items">What the rows are made of, in order.</param>
    /// <param name="expand">Makes the rows of one item.</param>
    /// <param name="dialect">How the file is written.</param>
    /// <param name="cancellationToken">Stops the export.</param>
    /// <param name="parallelism">Batches formatted at once; default one per core.</param>
    public async Task<ExportTotals> WriteAsync<TItem>(Stream destination, IAsyncEnumerable<TItem> items, Func<TItem, IEnumerable<TRow>> expand, CsvDialect dialect,
        CancellationToken cancellationToken = default, int? parallelism = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(expand);
        ArgumentNullException.ThrowIfNull(dialect);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long written = 0;
        var total = new Tally(_columns.Count, _groupBy.Count);
        var header = new PooledBuffer();
        await using (var csv = CsvWriter.Create(header, dialect.WriterOptions(), leaveOpen: true))
        {
            foreach (var c in _columns)
            {
                csv.WriteField(c.Title);
            }
            csv.EndRecord();
        }
        written += await header.DrainToAsync(destination, hash, cancellationToken);

        var inFlight = new Queue<Task<(PooledBuffer Bytes, Tally Tally)>>();
        var limit = Math.Clamp(parallelism ?? Environment.ProcessorCount + 1, 1, 64);
        var batch = new List<TItem>(BatchSize);
        async Task Drain(int keep)
        {
            while (inFlight.Count > keep)
            {
                var (bytes, tally) = await inFlight.Dequeue();
                total.Add(tally);
                if (total.Rows > MaxRows)
                {
                    throw new InvalidOperationException($"An export holds at most {MaxRows} rows; choose a smaller scope or period.");
                }
                written += await bytes.DrainToAsync(destination, hash, cancellationToken);
            }
        }
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            batch.Add(item);
            if (batch.Count == BatchSize)
            {
                var full = batch;
                inFlight.Enqueue(Task.Run(() => Format(full, expand, dialect), cancellationToken));
                batch = new List<TItem>(BatchSize);
                await Drain(limit);
            }
        }
        if (batch.Count > 0)
        {
            var last = batch;
            inFlight.Enqueue(Task.Run(() => Format(last, expand, dialect), cancellationToken));
        }
        await Drain(0);
        await destination.FlushAsync(cancellationToken);
        return total.ToTotals(written, Convert.ToHexStringLower(hash.GetHashAndReset()), _columns, _groupBy);
    }

    // Expands and formats one batch into its own buffer, with its own totals.
    private (PooledBuffer Bytes, Tally Tally) Format<TItem>(List<TItem> items, Func<TItem, IEnumerable<TRow>> expand, CsvDialect dialect)
    {
        var buffer = new PooledBuffer();
        var tally = new Tally(_columns.Count, _groupBy.Count);
        using (var csv = new CsvRowEncoder(dialect, buffer))
        {
            foreach (var item in items)
            {
                var rows = expand(item);
                if (rows is IReadOnlyList<TRow> list)
                {
                    // The usual case (an array of an entry's rows): indexed, without an enumerator per item.
                    for (var i = 0; i < list.Count; i++)
                    {
                        WriteRow(csv, list[i], tally);
                    }
                    continue;
                }
                foreach (var row in rows)
                {
                    WriteRow(csv, row, tally);
                }
            }
        }
        return (buffer, tally);
    }

    private void WriteRow(CsvRowEncoder csv, TRow row, Tally tally)
    {
        tally.Rows++;
        long first = 0;
        var texts = _texts;
        for (var i = 0; i < texts.Length; i++)
        {
            if (texts[i] is { } text)
            {
                csv.Text(text(row));
            }
            else if (_cents[i] is { } cents)
            {
                var value = cents(row);
                tally.Columns[i] = checked(tally.Columns[i] + value);
                if (i == _firstAmount)
                {
                    first = value;
                }
                csv.Amount(value);
            }
            else
            {
                csv.Number(_numbers[i]!(row));
            }
        }
        csv.EndRecord();
        for (var g = 0; g < _groupBy.Count; g++)
        {
            ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(tally.Groups[g], _columns[_groupBy[g]].Text!(row), out _);
            sum = checked(sum + first);
        }
        if (_accounts is not null)
        {
            var (journal, debit, credit, unsigned) = _accounts(row);
            var accounts = tally.Journal(journal);
            ref var d = ref CollectionsMarshal.GetValueRefOrAddDefault(accounts, debit, out _);
            d = (checked(d.Debits + unsigned), d.Credits);
            ref var k = ref CollectionsMarshal.GetValueRefOrAddDefault(accounts, credit, out _);
            k = (k.Debits, checked(k.Credits + unsigned));
        }
    }

    /// <summary>Counts and sums of (part of) an export.</summary>
    private sealed class Tally(int columns, int groups)
    {
        public long Rows;
        public readonly long[] Columns = new long[columns];
        public readonly Dictionary<string, long>[] Groups = [.. Enumerable.Range(0, groups).Select(_ => new Dictionary<string, long>(StringComparer.Ordinal))];
        // Per journal, then per account: plain string keys hash much faster than (journal, account) tuples.
        public readonly Dictionary<string, Dictionary<string, (long Debits, long Credits)>> Accounts = new(StringComparer.Ordinal);

        // The journal asked for last: rows come in pages of one journal, so this saves hashing its id on most rows.
        private string? _lastJournal;
        private Dictionary<string, (long Debits, long Credits)>? _lastAccounts;

        public Dictionary<string, (long Debits, long Credits)> Journal(string journal)
        {
            if (ReferenceEquals(journal, _lastJournal))
            {
                return _lastAccounts!;
            }
            ref var accounts = ref CollectionsMarshal.GetValueRefOrAddDefault(Accounts, journal, out _);
            accounts ??= new(StringComparer.Ordinal);
            _lastJournal = journal;
            _lastAccounts = accounts;
            return accounts;
        }

        public void Add(Tally other)
        {
            Rows += other.Rows;
            for (var i = 0; i < Columns.Length; i++)
            {
                Columns[i] = checked(Columns[i] + other.Columns[i]);
            }
            for (var g = 0; g < Groups.Length; g++)
            {
                foreach (var (key, value) in other.Groups[g])
                {
                    ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(Groups[g], key, out _);
                    sum = checked(sum + value);
                }
            }
            foreach (var (journal, accounts) in other.Accounts)
            {
                var mine = Journal(journal);
                foreach (var (key, value) in accounts)
                {
                    ref var a = ref CollectionsMarshal.GetValueRefOrAddDefault(mine, key, out _);
                    a = (checked(a.Debits + value.Debits), checked(a.Credits + value.Credits));
                }
            }
        }

        public ExportTotals ToTotals(long bytes, string sha256, IReadOnlyList<CsvColumn<TRow>> columns, IReadOnlyList<int> groupBy) => new(
            Rows,
            bytes,
            sha256,
            columns.Select((c, i) => (c, i)).Where(x => x.c.Cents is not null).ToDictionary(x => x.c.Title, x => Columns[x.i], StringComparer.Ordinal),
            groupBy.Select((g, i) => (g, i)).ToDictionary(x => columns[x.g].Title, x => (IReadOnlyDictionary<string, long>)new SortedDictionary<string, long>(Groups[x.i], StringComparer.Ordinal), StringComparer.Ordinal),
            new SortedDictionary<string, AccountTotals>(Accounts.SelectMany(j => j.Value.Select(a => (Key: $"{j.Key}/{a.Key}", a.Value)))
                .ToDictionary(x => x.Key, x => new AccountTotals(x.Value.Debits, x.Value.Credits)), StringComparer.Ordinal));
    }
}
