using FsCheck.Xunit;

namespace PvoFinance.Core.Tests;

public class MoneyTests
{
    [Theory]
    [InlineData("0.1", 10)]
    [InlineData("0.10", 10)]
    [InlineData("-0.07", -7)]
    [InlineData("25000", 2_500_000)]
    [InlineData("1234.56", 123_456)]
    [InlineData("1234.5", 123_450)]
    [InlineData("0", 0)]
    [InlineData("-0", 0)]
    [InlineData("007.05", 705)]
    [InlineData("999999999999999.99", Money.MaxCents)]
    [InlineData("-999999999999999.99", -Money.MaxCents)]
    public void Parse_reads_exact_amounts_to_the_cent(string text, long cents)
    {
        Assert.True(Money.TryParse(text, out var money, out var error), error);
        Assert.Null(error);
        Assert.Equal(cents, money.Cents);
        Assert.Equal(cents, Money.Parse(text).Cents);
    }

    [Theory]
    [InlineData("1.234")] // a third decimal would have to be rounded
    [InlineData("0.001")]
    [InlineData("1e5")]
    [InlineData("1E5")]
    [InlineData("1,00")]
    [InlineData("1.000,00")]
    [InlineData("1,000.00")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("")]
    [InlineData("+1")]
    [InlineData("--1")]
    [InlineData("-")]
    [InlineData("١٢")] // Arabic-Indic digits
    [InlineData("１２")] // full-width digits
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("-.5")]
    [InlineData("1.2.3")]
    [InlineData("0x10")]
    [InlineData("NaN")]
    [InlineData("1_000")]
    [InlineData("€1")]
    [InlineData("1000000000000000")] // 10^15 euros: above MaxCents
    [InlineData("-1000000000000000.00")]
    [InlineData("99999999999999999999")]
    [InlineData("000000000000000000000000000000001")] // over the length bound
    public void Parse_refuses_anything_that_is_not_an_exact_amount(string text)
    {
        Assert.False(Money.TryParse(text, out var money, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Equal(Money.Zero, money);
        var ex = Assert.Throws<FormatException>(() => Money.Parse(text));
        Assert.Equal(error, ex.Message);
    }

    [Fact]
    public void TryParse_refuses_null_with_a_reason()
    {
        Assert.False(Money.TryParse(null, out _, out var error));
        Assert.Contains("required", error);
    }

    [Theory]
    [InlineData(10, "0.10")]
    [InlineData(-7, "-0.07")]
    [InlineData(0, "0.00")]
    [InlineData(123_450, "1234.50")]
    [InlineData(2_500_000, "25000.00")]
    [InlineData(-123_456, "-1234.56")]
    [InlineData(Money.MaxCents, "999999999999999.99")]
    [InlineData(long.MinValue, "-92233720368547758.08")]
    public void ToString_is_canonical_with_two_decimals_and_no_grouping(long cents, string expected) =>
        Assert.Equal(expected, new Money(cents).ToString());

    [Property(MaxTest = 500)]
    public bool ToString_then_Parse_gives_the_same_amount(int high, int low)
    {
        // Spread over the whole accepted range, not only small numbers.
        var cents = Math.Clamp((long)high * 100_000_000L + low % 100_000_000, -Money.MaxCents, Money.MaxCents);
        var money = new Money(cents);
        return Money.Parse(money.ToString()) == money;
    }

    [Fact]
    public void Ten_times_ten_cents_is_exactly_one_euro()
    {
        var sum = Money.Zero;
        for (var i = 0; i < 10; i++)
        {
            sum += Money.Parse("0.1");
        }
        Assert.Equal(Money.Parse("1.00"), sum);
        Assert.Equal(1.00m, sum.Euros);
    }

    [Fact]
    public void Addition_overflow_throws_instead_of_wrapping()
    {
        var max = new Money(long.MaxValue);
        Assert.Throws<OverflowException>(() => max + new Money(1));
        Assert.Throws<OverflowException>(() => new Money(long.MinValue) - new Money(1));
        Assert.Throws<OverflowException>(() => -new Money(long.MinValue));
    }

    [Fact]
    public void Arithmetic_and_comparison_are_exact()
    {
        var a = Money.Parse("1234.56");
        var b = Money.Parse("0.44");
        Assert.Equal(Money.Parse("1235.00"), a + b);
        Assert.Equal(Money.Parse("1234.12"), a - b);
        Assert.Equal(Money.Parse("-1234.56"), -a);
        Assert.True(b < a);
        Assert.True(a > b);
        var same = Money.Parse("1234.56");
        Assert.True(a >= same && a <= same);
        Assert.True(Money.Parse("-0.01").IsNegative);
        Assert.False(Money.Zero.IsNegative);
        Assert.True(a.CompareTo(b) > 0);
        Assert.Equal(12.3456m * 100, a.Euros);
    }

    [Fact]
    public void FromCents_refuses_amounts_beyond_the_accepted_range()
    {
        Assert.Equal(Money.MaxCents, Money.FromCents(Money.MaxCents).Cents);
        Assert.Equal(-Money.MaxCents, Money.FromCents(-Money.MaxCents).Cents);
        Assert.Throws<OverflowException>(() => Money.FromCents(Money.MaxCents + 1));
        Assert.Throws<OverflowException>(() => Money.FromCents(-Money.MaxCents - 1));
    }
}
