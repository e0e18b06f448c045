using System.Globalization;
using System.Text;

namespace PvoFinance.Planning;

/// <summary>
/// A projection as CSV (RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a comma, quote or line
/// break, quotes doubled). One row per figure in a long layout, so every line and section has the same columns and the
/// text is byte-identical for the same projection.
/// </summary>
public static class ProjectionCsv
{
    /// <summary>The header row's columns.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["region", "scenario", "version", "year", "section", "line", "amount"];

    /// <summary>The CSV text of <paramref name="p"/>.</summary>
    public static string Write(RegionProjection p)
    {
        var sb = new StringBuilder();
        Row(sb, Columns);
        foreach (var y in p.Years)
        {
            void Add(string section, string line, string amount) =>
                Row(sb, [p.Region, p.Scenario, p.Version.ToString(CultureInfo.InvariantCulture), y.Year.ToString(CultureInfo.InvariantCulture), section, line, amount]);

            Add("population", "inhabitants", y.Inhabitants.ToString(CultureInfo.InvariantCulture));
            foreach (var line in y.Income)
            {
                Add("income", line.Line, line.Amount);
            }
            Add("income", "total-cash", y.CashIncome);
            foreach (var line in y.InKind)
            {
                Add("in-kind", line.Line, line.Amount);
            }
            Add("in-kind", "total", y.InKindTotal);
            foreach (var line in y.Costs)
            {
                Add("costs", line.Line, line.Amount);
            }
            Add("costs", "total", y.CostTotal);
            Add("gap", "gap", y.Gap);
            Add("maturity", "score", y.MaturityScore.ToString(CultureInfo.InvariantCulture));
            Add("maturity", "adjustment", y.Adjustment);
            if (y.Actuals is { } a)
            {
                foreach (var line in a.Received)
                {
                    Add("actual", line.Line, line.Amount);
                }
                Add("actual", "total-cash", a.Cash);
                Add("actual", "committed", a.Committed);
                Add("actual", "in-kind", a.InKind);
                Add("actual", "cash-versus-plan", a.CashVersusPlan);
            }
        }
        return sb.ToString();
    }

    /// <summary>One field as RFC 4180 wants it.</summary>
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static void Row(StringBuilder sb, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }
            sb.Append(Field(fields[i]));
        }
        sb.Append("\r\n");
    }
}
