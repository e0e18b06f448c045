using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Orleans.Serialization;
using PvoFinance.Grains.Serialization;
using PvoFinance.Ledger;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// The core's value types cross grain calls through the surrogates in src/Grains/Grains/Serialization: each must come back
/// exactly as it went, at the edges of its range, through Orleans' own serializer (the one silos and clients use).
/// </summary>
public sealed class CoreSurrogateTests
{
    private static readonly Serializer Wire = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(MoneySurrogate).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private static T RoundTrip<T>(T value) where T : struct => Wire.Deserialize<T>(Wire.SerializeToArray(value));

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(-1L)]
    [InlineData(123_456_789_01L)]
    [InlineData(Money.MaxCents)]
    [InlineData(-Money.MaxCents)]
    public void Money_crosses_unchanged(long cents) => Assert.Equal(new Money(cents), RoundTrip(new Money(cents)));

    [Theory]
    [InlineData("1970-01-01")]
    [InlineData("1969-12-31")]
    [InlineData("2026-02-28")]
    [InlineData("2028-02-29")]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    public void Dates_cross_unchanged(string iso)
    {
        var date = NodaTime.Text.LocalDatePattern.Iso.Parse(iso).Value;
        Assert.Equal(date, RoundTrip(date));
    }

    [Fact]
    public void Instants_cross_unchanged_to_the_nanosecond()
    {
        Instant[] instants =
        [
            Instant.FromUnixTimeTicks(0),
            Instant.FromUnixTimeTicks(-1),
            Instant.FromUtc(2026, 12, 2, 11, 59, 59) + Duration.FromNanoseconds(999_999_999),
            Instant.FromUtc(1900, 1, 1, 0, 0) - Duration.FromNanoseconds(1),
            Instant.MinValue,
            Instant.MaxValue,
        ];
        foreach (var instant in instants)
        {
            Assert.Equal(instant, RoundTrip(instant));
        }
    }

    [Fact]
    public void Account_ids_cross_unchanged_and_are_checked_again_on_arrival()
    {
        var id = PvoFinance.Funding.FundingAccounts.Commitment("jenv-pvo", 2026, "limburg");
        var back = RoundTrip(id);
        Assert.Equal(id, back);
        Assert.Equal(id.Kind, back.Kind);
        Assert.Equal(default, RoundTrip(default(AccountId)));
        // A forged wire value is refused on arrival rather than becoming an account id the core never accepted.
        Assert.ThrowsAny<Exception>(() => new AccountIdSurrogateConverter().ConvertFromSurrogate(new AccountIdSurrogate("not an account")));
    }

    [Fact]
    public void Only_iso_dates_cross()
    {
        var julian = new LocalDate(2026, 1, 1, CalendarSystem.Julian);
        Assert.ThrowsAny<Exception>(() => Wire.SerializeToArray(julian));
    }
}
