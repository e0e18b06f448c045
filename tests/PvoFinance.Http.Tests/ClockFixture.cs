using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace PvoFinance.Http.Tests;

/// <summary>
/// A service of its own whose clock the tests move (<c>PVO_CLOCK=settable</c>, <c>POST /dev/clock</c>), so legal terms can
/// pass over HTTP. The clock only moves forward and is shared by the classes of <see cref="ClockCollection"/>, which run one
/// after another: each test reads the service's day and works from it.
/// </summary>
public sealed class ClockFixture : ServiceFixture
{
    /// <inheritdoc/>
    protected override IReadOnlyDictionary<string, string>? Environment { get; } = new Dictionary<string, string> { ["PVO_CLOCK"] = "settable" };

    /// <summary>The service's day in Amsterdam.</summary>
    public async Task<DateOnly> TodayAsync()
    {
        var clock = (await Api.GetAsync("dev/clock")).Expect(HttpStatusCode.OK).Json;
        return DateOnly.ParseExact(clock.GetProperty("today").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>Moves the service's clock to 09:00 in Amsterdam of <paramref name="day"/>.</summary>
    public async Task SetDayAsync(DateOnly day)
    {
        var reply = (await Api.PostJsonAsync("dev/clock", new JsonObject { ["now"] = Iso(day) })).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(Iso(day), reply.GetProperty("today").GetString());
    }

    /// <summary>Moves the service's clock <paramref name="days"/> days on, to 09:00 in Amsterdam.</summary>
    public async Task PassAsync(int days) => await SetDayAsync((await TodayAsync()).AddDays(days));

    /// <summary>An ISO date.</summary>
    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The HTTP tests that move the service's clock.</summary>
[CollectionDefinition(Name)]
public sealed class ClockCollection : ICollectionFixture<ClockFixture>
{
    public const string Name = "clock";
}
