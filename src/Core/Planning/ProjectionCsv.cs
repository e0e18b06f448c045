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
    public static IReadOnlyList<string> Columns { get; } = ["region", "scenario", "version", "year", "section", "line", "amount", "basis", "note"];

    /// <summary>
    /// The CSV text of <paramref name="p"/>. Every row says what its figure rests on (<c>basis</c>: committed, assumed
    /// or actual); a committed income line is followed by one <c>commitment</c> row per source (line = the source's id,
    /// note <c>last committed year</c> on a commitment's last year), an assumed line after a commitment ended has the
    /// end in its note.
    /// </summary>
    public static string Write(RegionProjection p)
    {
        var sb = new StringBuilder();
        Row(sb, Columns);
        foreach (var y in p.Years)
        {
            void Add(string section, string line, string amount, string basis, string? note = null) =>
                Row(sb, [p.Region, p.Scenario, p.Version.ToString(CultureInfo.InvariantCulture), y.Year.ToString(CultureInfo.InvariantCulture), section, line, amount, basis, note ?? ""]);

            Add("population", "inhabitants", y.Inhabitants.ToString(CultureInfo.InvariantCulture), y.InhabitantsBasis);
            foreach (var line in y.Income)
            {
                Add("income", line.Line, line.Amount, line.Basis, line.Note);
                foreach (var part in line.Commitments ?? [])
                {
                    Add("commitment", part.Source, part.Amount, ProjectionBasis.Committed, part.LastYear ? "last committed year" : null);
                }
            }
            Add("income", "total-cash", y.CashIncome, y.CashIncomeBasis);
            foreach (var line in y.InKind)
            {
                Add("in-kind", line.Line, line.Amount, line.Basis);
            }
            Add("in-kind", "total", y.InKindTotal, ProjectionBasis.Assumed);
            foreach (var line in y.Costs)
            {
                Add("costs", line.Line, line.Amount, line.Basis);
            }
            Add("costs", "total", y.CostTotal, ProjectionBasis.Assumed);
            Add("gap", "gap", y.Gap, ProjectionBasis.Assumed);
            Add("maturity", "score", y.MaturityScore.ToString(CultureInfo.InvariantCulture), ProjectionBasis.Assumed);
            Add("maturity", "adjustment", y.Adjustment, ProjectionBasis.Assumed);
            if (y.Actuals is { } a)
            {
                foreach (var line in a.Received)
                {
                    Add("actual", line.Line, line.Amount, line.Basis);
                }
                Add("actual", "total-cash", a.Cash, ProjectionBasis.Actual);
                Add("actual", "committed", a.Committed, ProjectionBasis.Actual);
                Add("actual", "in-kind", a.InKind, ProjectionBasis.Actual);
                // Received minus plan: a difference of an actual and a plan figure; the actual side is what it reports.
                Add("actual", "cash-versus-plan", a.CashVersusPlan, ProjectionBasis.Actual);
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
