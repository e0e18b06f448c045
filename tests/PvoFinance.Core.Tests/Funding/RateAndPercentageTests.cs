using PvoFinance.Funding;

namespace PvoFinance.Core.Tests.Funding;

public sealed class RateAndPercentageTests
{
    [Theory]
    [InlineData("0.25", 2_500)]
    [InlineData("0.2500", 2_500)]
    [InlineData("1.1234", 11_234)]
    [InlineData("3", 30_000)]
    [InlineData("0", 0)]
    public void Rates_parse_exactly(string text, long tenThousandths)
    {
        Assert.True(Rate.TryParse(text, out var rate, out var error), error);
        Assert.Equal(tenThousandths, rate.TenThousandths);
    }

    [Theory]
    [InlineData("0.12345", "4 decimals")]
    [InlineData("-0.25", "negative")]
    [InlineData("1e2", "digits")]
    [InlineData("0,25", "digits")]
    [InlineData("", "required")]
    [InlineData("١٢", "digits")]
    [InlineData("99999999", "too large")]
    public void Bad_rates_are_refused_with_a_reason(string text, string reasonPart)
    {
        Assert.False(Rate.TryParse(text, out _, out var error));
        Assert.Contains(reasonPart, error);
    }

    [Theory]
    [InlineData(2_500, 1_486_090, 371_522_50)] // 0.25 per inhabitant for 1,486,090 inhabitants
    [InlineData(1, 50, 1)]                       // 0.0001 x 50 = 0.005: rounds half away from zero to 0.01
    [InlineData(1, 49, 0)]                       // 0.0049 rounds down to 0.00
    [InlineData(12_345, 3, 3_70)]                // 1.2345 x 3 = 3.7035 -> 3.70
    public void Rate_times_quantity_rounds_once_to_the_cent(long tenThousandths, long quantity, long expectedCents) =>
        Assert.Equal(expectedCents, new Rate(tenThousandths).Times(quantity).Cents);

    [Fact]
    public void Rate_text_has_four_decimals() => Assert.Equal("0.2500", new Rate(2_500).ToString());

    [Theory]
    [InlineData("7.5", 750)]
    [InlineData("100", 10_000)]
    [InlineData("0.01", 1)]
    public void Percentages_parse_to_basis_points(string text, int basisPoints)
    {
        Assert.True(Percentage.TryParse(text, out var p, out _));
        Assert.Equal(basisPoints, p.BasisPoints);
    }

    [Theory]
    [InlineData("100.01")]
    [InlineData("-1")]
    [InlineData("7.555")]
    [InlineData("abc")]
    public void Bad_percentages_are_refused(string text) => Assert.False(Percentage.TryParse(text, out _, out _));

    [Theory]
    [InlineData(750, 10_000_00, 750_00)]
    [InlineData(750, 3, 0)]    // 7.5 % of 0.03 = 0.00225 -> 0.00
    [InlineData(750, 7, 1)]    // 7.5 % of 0.07 = 0.00525 -> 0.01
    [InlineData(3_333, 100, 33)]
    public void Percentage_of_an_amount_rounds_half_away_from_zero(int basisPoints, long cents, long expected) =>
        Assert.Equal(expected, new Percentage(basisPoints).Of(new Money(cents)).Cents);
}
