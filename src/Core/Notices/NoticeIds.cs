using System.Globalization;
using NodaTime;
using NodaTime.Text;
using PvoFinance.Applications;

namespace PvoFinance.Notices;

/// <summary>
/// Notice ids: <c>region.yyyyMMdd.kind.application</c>. Region and application ids hold no dot, so the id splits back
/// into its parts; within a region the ids sort by due day, which is the order a partition is read in.
/// </summary>
public static class NoticeIds
{
    private static readonly LocalDatePattern DayPattern = LocalDatePattern.CreateWithInvariantCulture("yyyyMMdd");

    /// <summary>Characters of an id at most (region, date, kind, a 60-character application id and the dots).</summary>
    public const int MaxLength = 160;

    /// <summary>The id of the notice of <paramref name="kind"/> due on <paramref name="due"/> for an application.</summary>
    public static string Of(string region, string applicationId, DeadlineKind kind, LocalDate due) =>
        string.Join('.', region, DayPattern.Format(due), Code(kind), applicationId);

    /// <summary>The row key within the region's partition: the id without its region.</summary>
    public static string RowKey(string id) => id[(id.IndexOf('.', StringComparison.Ordinal) + 1)..];

    /// <summary>The kind's code in an id: its name in lower case.</summary>
    public static string Code(DeadlineKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Splits an id into region, due day, kind and application; false when it is not a notice id.</summary>
    public static bool TryParse(string? id, out string region, out LocalDate due, out DeadlineKind kind, out string applicationId)
    {
        (region, due, kind, applicationId) = ("", default, default, "");
        if (id is null || id.Length > MaxLength)
        {
            return false;
        }
        var parts = id.Split('.');
        if (parts.Length != 4 || parts[0].Length == 0 || parts[3].Length == 0 || !parts[0].All(IsIdChar) || !parts[3].All(IsIdChar))
        {
            return false;
        }
        var day = DayPattern.Parse(parts[1]);
        var known = Enum.GetValues<DeadlineKind>().Where(k => Code(k) == parts[2]).ToList();
        if (!day.Success || known.Count != 1 || parts[1].Length != 8)
        {
            return false;
        }
        (region, due, kind, applicationId) = (parts[0], day.Value, known[0], parts[3]);
        return string.Equals(Of(region, applicationId, kind, due), id, StringComparison.Ordinal);
    }

    /// <summary>The due day as ISO text.</summary>
    public static string Iso(LocalDate day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool IsIdChar(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-';
}
