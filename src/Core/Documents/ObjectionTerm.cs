using NodaTime;

namespace PvoFinance.Documents;

/// <summary>
/// The objection term (bezwaartermijn) of a decision: six weeks (Awb 6:7), starting the day after the decision was made
/// known (Awb 6:8 lid 1), so its last day is the same weekday six weeks after the day it was made known. A last day on a
/// Saturday, Sunday or general holiday moves to the next working day (Algemene termijnenwet art. 1 and 3 lid 1).
/// </summary>
public static class ObjectionTerm
{
    /// <summary>The length of the term in weeks (Awb 6:7).</summary>
    public const int Weeks = 6;

    /// <summary>The last day on which an objection to a decision made known on <paramref name="madeKnown"/> is in time.</summary>
    public static LocalDate LastDay(LocalDate madeKnown)
    {
        var day = madeKnown.PlusWeeks(Weeks);
        while (!IsWorkingDay(day))
        {
            day = day.PlusDays(1);
        }
        return day;
    }

    /// <summary>
    /// False on Saturdays, Sundays and the general holidays of Algemene termijnenwet art. 3 lid 1: New Year's Day, Easter
    /// Monday, Ascension Day, Whit Monday, Christmas and Boxing Day, King's Day (27 April, 26 April when the 27th is a
    /// Sunday) and 5 May.
    /// </summary>
    public static bool IsWorkingDay(LocalDate day)
    {
        if (day.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
        {
            return false;
        }
        var easter = EasterSunday(day.Year);
        var kingsDay = new LocalDate(day.Year, 4, 27);
        if (kingsDay.DayOfWeek == IsoDayOfWeek.Sunday)
        {
            kingsDay = kingsDay.PlusDays(-1);
        }
        LocalDate[] holidays =
        [
            new(day.Year, 1, 1), easter.PlusDays(1), easter.PlusDays(39), easter.PlusDays(50),
            new(day.Year, 12, 25), new(day.Year, 12, 26), kingsDay, new(day.Year, 5, 5),
        ];
        return !holidays.Contains(day);
    }

    /// <summary>Easter Sunday of the Gregorian calendar (the anonymous algorithm of Meeus/Jones/Butcher).</summary>
    public static LocalDate EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var dayOfMonth = ((h + l - (7 * m) + 114) % 31) + 1;
        return new LocalDate(year, month, dayOfMonth);
    }
}
