using System.Globalization;

namespace PvoFinance.Http.Tests;

/// <summary>
/// The Algemene termijnenwet as the tests expect it (written out here, not taken from the service): a term ending on a
/// Saturday, Sunday or general holiday runs to the next working day, so the objection dates of a decision taken today
/// depend on the calendar.
/// </summary>
public static class ObjectionTermDays
{
    /// <summary><paramref name="iso"/>, or the next working day after it.</summary>
    public static string Extend(string iso)
    {
        var day = DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        while (!IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }
        return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary><paramref name="iso"/> plus <paramref name="days"/> days, ISO.</summary>
    public static string Plus(string iso, int days) =>
        DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool IsWorkingDay(DateOnly day)
    {
        if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return false;
        }
        var y = day.Year;
        // Easter Sunday (Meeus/Jones/Butcher).
        int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = ((19 * a) + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + (2 * e) + (2 * i) - h - k) % 7, m = (a + (11 * h) + (22 * l)) / 451;
        var easter = new DateOnly(y, (h + l - (7 * m) + 114) / 31, ((h + l - (7 * m) + 114) % 31) + 1);
        var kings = new DateOnly(y, 4, 27);
        kings = kings.DayOfWeek == DayOfWeek.Sunday ? kings.AddDays(-1) : kings;
        DateOnly[] holidays = [new(y, 1, 1), easter.AddDays(1), easter.AddDays(39), easter.AddDays(50), new(y, 12, 25), new(y, 12, 26), kings, new(y, 5, 5)];
        return !holidays.Contains(day);
    }
}
