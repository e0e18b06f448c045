using CsvHelper;
using PvoFinance.Exports;

namespace PvoFinance.Core.Tests.Exports;

/// <summary>
/// The export writer encodes fields itself (UTF-8 straight into its buffers); its bytes must be exactly what CsvHelper
/// writes field by field, in every dialect, for plain and awkward text alike.
/// </summary>
public sealed class CsvEncodingTests
{
    private sealed record Row(string A, long Cents, long Year, string B);

    private static readonly IReadOnlyList<CsvColumn<Row>> Columns =
    [
        CsvColumn<Row>.OfText("a", r => r.A),
        CsvColumn<Row>.OfAmount("amount", r => r.Cents),
        CsvColumn<Row>.OfNumber("year", r => r.Year),
        CsvColumn<Row>.OfText("b", r => r.B),
    ];

    private static readonly string[] Awkward =
    [
        "", "plain", "with space", " leading", "trailing ", "a,b", "a;b", "say \"hi\"", "\"", "line\nbreak", "cr\rlf", "tab\there",
        "=SUM(A1)", "+1", "-5", "@user", "\tx", "\rx", "#comment", "'quoted", "café", "Łódź", "日本", "emoji 🙂", "a|b", "x=1",
        "NL-PVO-amsterdam-amstelland", "source.nh-fund.2026:7/2", "Levy 2026 Gemeente: 12345 inhabitants (2024) x 0.2500", "a\u00a0b", "\u0001",
        "-", "=", "a-", "a=", " =SUM(A1)", " -5", "  @x", "a ", " ", "~", "`", "\\", "[x]", "{y}", "100%", "a&b", "<b>", "?!", "$", "^", "*", "_",
    ];

    public static TheoryData<string> Dialects() => [.. CsvDialect.All.Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Every_field_is_written_as_CsvHelper_writes_it(string name)
    {
        var dialect = CsvDialect.Named(name)!;
        var rows = new List<Row>();
        var cents = new[] { 0L, 1, -1, 5_00, -5_00, 123_456_789_01, long.MaxValue / 1000, -(long.MaxValue / 1000), 10, -10, 99, -99, 100, -100 };
        for (var i = 0; i < Awkward.Length; i++)
        {
            for (var j = 0; j < Awkward.Length; j += 7)
            {
                rows.Add(new Row(Awkward[i], cents[(i + j) % cents.Length], 2000 + i, Awkward[j]));
                rows.Add(new Row(Awkward[j], cents[i % cents.Length], -i, Awkward[i]));
            }
        }
        // Fields longer than the writer's buffers, plain and escaped, and enough rows to fill several of them.
        rows.Add(new Row(new string('x', 70_000), 1, 1, "=" + new string('y', 100_000)));
        rows.Add(new Row("\"" + new string('z', 65_530), -1, 2, new string('w', 65_535)));
        for (var i = 0; i < 3_000; i++)
        {
            rows.Add(new Row(Awkward[i % Awkward.Length] + i, i * 7_919L, i, Awkward[(i * 3) % Awkward.Length]));
        }

        await AssertSameBytes(dialect, rows);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Extreme_amounts_are_written_as_CsvHelper_writes_them(string name)
    {
        // One export each: the writer totals every amount column (checked), so these cannot share a file.
        foreach (var cents in new[] { long.MaxValue, long.MinValue, long.MinValue + 1, long.MaxValue - 99, -(long.MaxValue - 99) })
        {
            await AssertSameBytes(CsvDialect.Named(name)!, [new Row("x", cents, 1, "y")]);
        }
    }

    private static async Task AssertSameBytes(CsvDialect dialect, IReadOnlyList<Row> rows)
    {
        using var ours = new MemoryStream();
        await new CsvExportWriter<Row>(Columns).WriteAsync(ours, rows.ToAsyncEnumerable(), dialect);

        using var reference = new MemoryStream();
        await using (var csv = CsvWriter.Create(reference, dialect.WriterOptions(), leaveOpen: true))
        {
            foreach (var c in Columns)
            {
                csv.WriteField(c.Title);
            }
            csv.EndRecord();
            foreach (var r in rows)
            {
                csv.WriteField(r.A);
                csv.WriteField(CsvDialect.AsDecimal(r.Cents), default, (IFormatProvider)csv.Options.FormatProvider!);
                csv.WriteField(r.Year, default);
                csv.WriteField(r.B);
                csv.EndRecord();
            }
        }
        Assert.Equal(System.Text.Encoding.UTF8.GetString(reference.ToArray()), System.Text.Encoding.UTF8.GetString(ours.ToArray()));
        Assert.Equal(reference.ToArray(), ours.ToArray());
    }
}
