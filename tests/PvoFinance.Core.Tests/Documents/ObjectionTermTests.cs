using NodaTime;
using NodaTime.Text;
using PvoFinance.Documents;

namespace PvoFinance.Core.Tests.Documents;

/// <summary>Awb 6:7/6:8 with the Algemene termijnenwet: six weeks from the day after the decision was made known.</summary>
public sealed class ObjectionTermTests
{
    private static LocalDate D(string iso) => LocalDatePattern.Iso.Parse(iso).Value;

    [Theory]
    [InlineData("2026-03-02", "2026-04-13")] // Monday → the Monday six weeks later
    [InlineData("2026-12-02", "2027-01-13")] // across the year end
    [InlineData("2026-03-24", "2026-05-06")] // Tuesday 5 May (Atw) → Wednesday
    [InlineData("2026-03-07", "2026-04-20")] // made known on a Saturday → Saturday → Monday
    [InlineData("2026-02-23", "2026-04-07")] // Easter Monday 2026 → Tuesday
    [InlineData("2026-04-02", "2026-05-15")] // Ascension Day 2026 → Friday
    [InlineData("2026-11-13", "2026-12-28")] // Christmas (Friday), Boxing Day, Sunday → Monday
    [InlineData("2026-03-16", "2026-04-28")] // King's Day 2026 (Monday 27 April) → Tuesday
    public void The_last_day_is_six_weeks_after_the_day_made_known_moved_past_weekends_and_holidays(string madeKnown, string expected)
    {
        Assert.Equal(D(expected), ObjectionTerm.LastDay(D(madeKnown)));
    }

    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    public void Easter_sunday_is_computed_for_the_gregorian_calendar(int year, string easter) =>
        Assert.Equal(D(easter), ObjectionTerm.EasterSunday(year));

    [Fact]
    public void Kings_day_on_a_sunday_is_celebrated_on_saturday_26_april()
    {
        // 27 April 2025 was a Sunday: the 26th is the holiday (a Saturday anyway), Monday the 28th is a working day.
        Assert.True(ObjectionTerm.IsWorkingDay(D("2025-04-28")));
        Assert.False(ObjectionTerm.IsWorkingDay(D("2026-04-27")));
        Assert.True(ObjectionTerm.IsWorkingDay(D("2026-04-28")));
    }
}
