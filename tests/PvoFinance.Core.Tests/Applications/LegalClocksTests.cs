using NodaTime;
using PvoFinance.Applications;

namespace PvoFinance.Core.Tests.Applications;

public sealed class LegalClocksTests
{
    private static readonly LocalDate Monday = new(2026, 3, 2);

    [Fact]
    public void Awb_defaults_decision_8_weeks_determination_22_payment_6_bar_5_years()
    {
        var c = LegalClocks.Default;
        Assert.Equal(new LocalDate(2026, 4, 27), c.DecisionDue(Monday));
        Assert.Equal(new LocalDate(2026, 8, 3), c.DeterminationDue(Monday));
        Assert.Equal(new LocalDate(2026, 4, 13), c.PaymentDue(Monday));
        Assert.Equal(new LocalDate(2031, 3, 2), c.BarredFrom(Monday));
        Assert.True(c.WithinLimitation(Monday, new LocalDate(2031, 3, 1)));
        Assert.False(c.WithinLimitation(Monday, new LocalDate(2031, 3, 2)));
    }

    [Fact]
    public void Terms_are_configurable_per_scheme()
    {
        var c = new LegalClocks(decisionWeeks: 13, determinationWeeks: 13, paymentWeeks: 4, limitationYears: 3);
        Assert.Equal(Monday.PlusWeeks(13), c.DecisionDue(Monday));
        Assert.Equal(Monday.PlusWeeks(13), c.DeterminationDue(Monday));
        Assert.Equal(Monday.PlusWeeks(4), c.PaymentDue(Monday));
        Assert.Equal(Monday.PlusYears(3), c.BarredFrom(Monday));
    }

    [Fact]
    public void A_leap_day_determination_is_barred_from_28_February()
    {
        Assert.Equal(new LocalDate(2033, 2, 28), LegalClocks.Default.BarredFrom(new LocalDate(2028, 2, 29)));
    }

    [Fact]
    public void Legal_days_are_Amsterdam_days_not_UTC_days()
    {
        // 22:30 UTC on 31 March 2026 is 00:30 on 1 April in Amsterdam (summer time began 29 March).
        Assert.Equal(new LocalDate(2026, 4, 1), LegalClocks.Today(Instant.FromUtc(2026, 3, 31, 22, 30)));
        // In winter the offset is one hour: 23:30 UTC on 31 December is already New Year.
        Assert.Equal(new LocalDate(2027, 1, 1), LegalClocks.Today(Instant.FromUtc(2026, 12, 31, 23, 30)));
        Assert.Equal(new LocalDate(2026, 12, 31), LegalClocks.Today(Instant.FromUtc(2026, 12, 31, 22, 59)));
    }

    [Theory]
    [InlineData(0, 8, 22, 6, 5)]
    [InlineData(8, 0, 22, 6, 5)]
    [InlineData(8, 8, 521, 6, 5)]
    [InlineData(8, 8, 22, -1, 5)]
    [InlineData(8, 8, 22, 6, 0)]
    [InlineData(8, 8, 22, 6, 11)]
    public void Out_of_range_terms_are_refused(int decision, int extension, int determination, int payment, int years) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LegalClocks(decision, extension, determination, payment, years));
}
