using NodaTime;
using PvoFinance.Documents;

namespace PvoFinance.Applications;

/// <summary>
/// The Algemene termijnenwet (art. 1 lid 1): a term set by law that ends on a Saturday, Sunday or general holiday (art. 3:
/// New Year's Day, Easter Monday, Ascension Day, Whit Monday, Christmas and Boxing Day, King's Day, 5 May) runs until the
/// end of the next day that is none of these. Applied to the decision term (Awb 4:13, after its extension and suspension),
/// the objection term (Awb 6:7) and the term for the decision on an objection (Awb 7:10); never to the penalty's days
/// (Awb 4:17 counts calendar days in default, from the day after the moved term).
/// </summary>
public static class AlgemeneTermijnenwet
{
    /// <summary>The last day of a term whose calendar end is <paramref name="calendarEnd"/>: that day, or the next working day.</summary>
    public static LocalDate Extend(LocalDate calendarEnd)
    {
        var day = calendarEnd;
        while (!ObjectionTerm.IsWorkingDay(day))
        {
            day = day.PlusDays(1);
        }
        return day;
    }
}
