using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using CsvHelper;

namespace PvoFinance.Exports;

/// <summary>
/// Writes CSV fields as UTF-8 straight into a <see cref="PooledBuffer"/>, byte for byte what CsvHelper writes for them.
/// Text made only of characters CsvHelper leaves alone is copied as ASCII; anything else (quotes, separators, line
/// breaks, formula characters, non-ASCII) is written by CsvHelper itself once and its bytes reused. Which characters
/// CsvHelper leaves alone is not assumed but asked of CsvHelper, per dialect, so the bytes cannot drift from its rules.
/// Not thread-safe: one encoder per batch.
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
    private readonly Dictionary<string, byte[]> _atStart = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _inside = new(StringComparer.Ordinal);
    private MemoryStream? _scratch;
    private CsvWriter? _fallback;
    private bool _first = true;

    /// <summary>An encoder writing <paramref name="dialect"/> into <paramref name="buffer"/>.</summary>
    public CsvRowEncoder(CsvDialect dialect, PooledBuffer buffer)
    {
        _dialect = dialect;
        _rules = RulesOf.GetOrAdd(dialect, static d => Rules.Ask(d));
        _buffer = buffer;
        _separator = (byte)dialect.Separator;
    }

    /// <summary>Writes a text field (neutralised and quoted as CsvHelper would).</summary>
    public void Text(string value)
    {
        var first = _first;
        Separate();
        if (_rules.IsPlain(value, first))
        {
            var span = _buffer.GetSpan(value.Length);
            Ascii.FromUtf16(value, span, out var written);
            _buffer.Advance(written);
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
        bytes.CopyTo(_buffer.GetSpan(bytes.Length));
        _buffer.Advance(bytes.Length);
    }

    /// <summary>Writes an amount in cents as a number with two decimals (never neutralised).</summary>
    public void Amount(long cents)
    {
        Separate();
        var span = _buffer.GetSpan(48);
        if (!CsvDialect.AsDecimal(cents).TryFormat(span, out var written, default, _dialect.Numbers))
        {
            throw new InvalidOperationException("An amount did not fit its buffer.");
        }
        _buffer.Advance(written);
    }

    /// <summary>Writes a whole number.</summary>
    public void Number(long value)
    {
        Separate();
        var span = _buffer.GetSpan(24);
        if (!value.TryFormat(span, out var written, default, _dialect.Numbers))
        {
            throw new InvalidOperationException("A number did not fit its buffer.");
        }
        _buffer.Advance(written);
    }

    /// <summary>Ends the record with CRLF.</summary>
    public void EndRecord()
    {
        var span = _buffer.GetSpan(2);
        span[0] = (byte)'\r';
        span[1] = (byte)'\n';
        _buffer.Advance(2);
        _first = true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _fallback?.Dispose();
        _scratch?.Dispose();
    }

    private void Separate()
    {
        if (_first)
        {
            _first = false;
            return;
        }
        _buffer.GetSpan(1)[0] = _separator;
        _buffer.Advance(1);
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
