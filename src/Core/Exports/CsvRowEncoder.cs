using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using CsvHelper;

namespace PvoFinance.Exports;

/// <summary>
/// Writes CSV fields as UTF-8 straight into a <see cref="PooledBuffer"/>, byte for byte what CsvHelper writes for them.
/// Text made only of characters CsvHelper leaves alone is copied as ASCII; anything else (quotes, separators, line
/// breaks, formula characters, non-ASCII) is written by CsvHelper itself once and its bytes reused. Which characters
/// CsvHelper leaves alone is not assumed but asked of CsvHelper, per dialect, so the bytes cannot drift from its rules.
/// Fields go straight into a pooled array the encoder holds (no call into the buffer per field); a full array, and the
/// last one on <see cref="Dispose"/>, is handed to the buffer. Not thread-safe: one encoder per batch.
/// </summary>
internal sealed class CsvRowEncoder : IDisposable
{
    // Values CsvHelper had to write, kept per batch; bounded so that unique escaped values cannot grow memory.
    private const int MaxCached = 4_096;

    private static readonly ConcurrentDictionary<CsvDialect, Rules> RulesOf = new();

    private readonly CsvDialect _dialect;
    private readonly Rules _rules;
    private readonly PooledBuffer _buffer;
    private readonly byte _separator;
    // The dialect's decimal separator when it is one ASCII character and numbers need nothing else (0: format as decimal).
    private readonly byte _decimalSeparator;
    private readonly Dictionary<string, byte[]> _atStart = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _inside = new(StringComparer.Ordinal);
    private MemoryStream? _scratch;
    private CsvWriter? _fallback;
    private bool _first = true;
    private byte[] _chunk;
    private int _at;

    /// <summary>An encoder writing <paramref name="dialect"/> into <paramref name="buffer"/>.</summary>
    public CsvRowEncoder(CsvDialect dialect, PooledBuffer buffer)
    {
        _dialect = dialect;
        _rules = RulesOf.GetOrAdd(dialect, static d => Rules.Ask(d));
        _buffer = buffer;
        _separator = (byte)dialect.Separator;
        var numbers = dialect.Numbers;
        _decimalSeparator = numbers.NumberDecimalSeparator is [var ds] && ds < 128 && !char.IsAsciiDigit(ds) && numbers.NegativeSign == "-"
            ? (byte)ds : (byte)0;
        _chunk = ArrayPool<byte>.Shared.Rent(PooledBuffer.ChunkSize);
    }

    /// <summary>Writes a text field (neutralised and quoted as CsvHelper would).</summary>
    public void Text(string value)
    {
        var first = _first;
        if (value.Length == 0 && !first && _rules.EmptyInside)
        {
            // The most common field of all (a third of a transaction row's columns are empty): just its separator.
            Room(1);
            _chunk[_at++] = _separator;
            return;
        }
        if (_rules.IsPlain(value, first))
        {
            // Plain text is ASCII: one byte per character, after the separator.
            Room(value.Length + 1);
            Separate();
            Ascii.FromUtf16(value, _chunk.AsSpan(_at), out var written);
            _at += written;
            return;
        }
        var cache = first ? _atStart : _inside;
        if (!cache.TryGetValue(value, out var bytes))
        {
            bytes = Escaped(value, first);
            if (cache.Count >= MaxCached)
            {
                cache.Clear();
            }
            cache[value] = bytes;
        }
        Room(bytes.Length + 1);
        Separate();
        bytes.CopyTo(_chunk.AsSpan(_at));
        _at += bytes.Length;
    }

    /// <summary>Writes an amount in cents as a number with two decimals (never neutralised).</summary>
    public void Amount(long cents)
    {
        Room(49);
        Separate();
        var span = _chunk.AsSpan(_at);
        if (_decimalSeparator != 0)
        {
            // The digits of the whole part, the separator and two digits: what decimal formatting of
            // CsvDialect.AsDecimal(cents) gives ("-0.05", "0.00", "1234.50"), without going through decimal.
            var at = 0;
            if (cents < 0)
            {
                span[at++] = (byte)'-';
            }
            var magnitude = cents < 0 ? (ulong)-(cents + 1) + 1 : (ulong)cents;
            if (!(magnitude / 100).TryFormat(span[at..], out var whole, default, CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException("An amount did not fit its buffer.");
            }
            at += whole;
            var fraction = (int)(magnitude % 100);
            span[at++] = _decimalSeparator;
            span[at++] = (byte)('0' + fraction / 10);
            span[at++] = (byte)('0' + fraction % 10);
            _at += at;
            return;
        }
        if (!CsvDialect.AsDecimal(cents).TryFormat(span, out var written, default, _dialect.Numbers))
        {
            throw new InvalidOperationException("An amount did not fit its buffer.");
        }
        _at += written;
    }

    /// <summary>Writes a whole number.</summary>
    public void Number(long value)
    {
        Room(25);
        Separate();
        if (!value.TryFormat(_chunk.AsSpan(_at), out var written, default, _dialect.Numbers))
        {
            throw new InvalidOperationException("A number did not fit its buffer.");
        }
        _at += written;
    }

    /// <summary>Ends the record with CRLF.</summary>
    public void EndRecord()
    {
        Room(2);
        _chunk[_at++] = (byte)'\r';
        _chunk[_at++] = (byte)'\n';
        _first = true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_chunk.Length > 0)
        {
            _buffer.Append(_chunk, _at);
            _chunk = [];
            _at = 0;
        }
        _fallback?.Dispose();
        _scratch?.Dispose();
    }

    // Room for `size` more bytes in the current array: a full array goes to the buffer and a new one is rented.
    private void Room(int size)
    {
        if (_chunk.Length - _at >= size)
        {
            return;
        }
        if (_at > 0)
        {
            _buffer.Append(_chunk, _at);
        }
        else
        {
            ArrayPool<byte>.Shared.Return(_chunk);
        }
        _chunk = ArrayPool<byte>.Shared.Rent(Math.Max(size, PooledBuffer.ChunkSize));
        _at = 0;
    }

    // The separator before every field but the first of a record (the caller made room for it).
    private void Separate()
    {
        if (_first)
        {
            _first = false;
            return;
        }
        _chunk[_at++] = _separator;
    }

    // What CsvHelper writes for the value, at the start of a record or after another field.
    private byte[] Escaped(string value, bool first)
    {
        _scratch ??= new MemoryStream();
        _fallback ??= CsvWriter.Create(_scratch, _dialect.WriterOptions() with { WriteByteOrderMark = false }, leaveOpen: true);
        return Rules.Field(_fallback, _scratch, value, first);
    }

    /// <summary>Which characters CsvHelper writes unchanged in a dialect, as it answers when asked.</summary>
    private sealed class Rules
    {
        private readonly SearchValues<char> _inside;
        private readonly bool[] _firstAtStart = new bool[128];
        private readonly bool[] _firstInside = new bool[128];
        private readonly bool[] _last = new bool[128];
        private bool _emptyAtStart;
        private bool _emptyInside;

        private Rules(SearchValues<char> inside) => _inside = inside;

        /// <summary>Whether CsvHelper writes an empty field after another as nothing (only the separator).</summary>
        public bool EmptyInside => _emptyInside;

        public bool IsPlain(string value, bool first)
        {
            if (value.Length == 0)
            {
                return first ? _emptyAtStart : _emptyInside;
            }
            var head = value[0];
            var tail = value[^1];
            return head < 128 && tail < 128 && (first ? _firstAtStart : _firstInside)[head] && _last[tail]
                && value.AsSpan().IndexOfAnyExcept(_inside) < 0;
        }

        public static Rules Ask(CsvDialect dialect)
        {
            var scratch = new MemoryStream();
            using var csv = CsvWriter.Create(scratch, dialect.WriterOptions() with { WriteByteOrderMark = false }, leaveOpen: true);
            bool Unchanged(string value, bool first) => Field(csv, scratch, value, first).AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(value));
            var inside = new List<char>();
            var middle = new bool[128];
            for (var c = (char)0; c < 128; c++)
            {
                middle[c] = Unchanged($"a{c}a", false) && Unchanged($"a{c}a", true);
                if (middle[c])
                {
                    inside.Add(c);
                }
            }
            var rules = new Rules(SearchValues.Create([.. inside]));
            for (var c = (char)0; c < 128; c++)
            {
                rules._firstAtStart[c] = middle[c] && Unchanged($"{c}a", true) && Unchanged($"{c}", true);
                rules._firstInside[c] = middle[c] && Unchanged($"{c}a", false) && Unchanged($"{c}", false);
                rules._last[c] = middle[c] && Unchanged($"a{c}", true) && Unchanged($"a{c}", false);
            }
            rules._emptyAtStart = Unchanged("", true);
            rules._emptyInside = Unchanged("", false);
            return rules;
        }

        // The bytes CsvHelper writes for one field: alone in a record, or after a field "a".
        public static byte[] Field(CsvWriter csv, MemoryStream scratch, string value, bool first)
        {
            scratch.SetLength(0);
            if (!first)
            {
                csv.WriteField("a");
            }
            csv.WriteField(value);
            if (first)
            {
                csv.WriteField("a");
            }
            csv.EndRecord();
            csv.Flush();
            var all = scratch.GetBuffer().AsSpan(0, (int)scratch.Length);
            // Strip the neighbour field "a" with its separator and the CRLF.
            return first ? all[..^4].ToArray() : all[2..^2].ToArray();
        }
    }
}
