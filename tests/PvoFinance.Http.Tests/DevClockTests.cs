using System.Net;
using System.Text.Json.Nodes;

namespace PvoFinance.Http.Tests;

/// <summary><c>/dev/clock</c> on the test clock's service: it reads, moves forward only, and refuses bad input naming the field.</summary>
[Collection(ClockCollection.Name)]
public sealed class DevClockTests(ClockFixture fixture)
{
    [Fact]
    public async Task The_test_clock_moves_forward_only_and_names_the_field_of_bad_input()
    {
        var api = fixture.Api;
        var clock = (await api.GetAsync("dev/clock")).Expect(HttpStatusCode.OK).Json;
        Assert.True(clock.GetProperty("settable").GetBoolean());
        var today = await fixture.TodayAsync();

        var moved = (await api.PostJsonAsync("dev/clock", new JsonObject { ["advanceDays"] = 3 })).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(ClockFixture.Iso(today.AddDays(3)), moved.GetProperty("today").GetString());
        Assert.True(moved.GetProperty("aheadDays").GetInt32() >= 3);

        (await api.PostJsonAsync("dev/clock", new JsonObject { ["now"] = ClockFixture.Iso(today) })).ExpectProblem(HttpStatusCode.Conflict, "Conflict", "now");
        (await api.PostJsonAsync("dev/clock", new JsonObject { ["now"] = "next tuesday" })).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "now");
        (await api.PostJsonAsync("dev/clock", new JsonObject { ["now"] = "2099-12-31T23:59:59Z", ["advanceDays"] = 1 })).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "body");
        (await api.PostJsonAsync("dev/clock", new JsonObject())).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "body");
        (await api.PostJsonAsync("dev/clock", new JsonObject { ["advanceDays"] = 0 })).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "advanceDays");
        (await api.PostJsonAsync("dev/clock", new JsonObject { ["advanceDays"] = 3661 })).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "advanceDays");
        (await api.PostJsonAsync("dev/clock", new JsonObject { ["now"] = "2100-01-02" })).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "now");
        Assert.Equal(today.AddDays(3), await fixture.TodayAsync());
    }
}

/// <summary>On a service with the real clock, <c>POST /dev/clock</c> answers 404 with the reason, and the clock still reads.</summary>
[Collection(ServiceCollection.Name)]
public sealed class DevClockRealTimeTests(ServiceFixture fixture)
{
    [Fact]
    public async Task The_real_clock_reads_but_does_not_move()
    {
        var clock = (await fixture.Api.GetAsync("dev/clock")).Expect(HttpStatusCode.OK).Json;
        Assert.False(clock.GetProperty("settable").GetBoolean());
        Assert.Equal(0, clock.GetProperty("aheadDays").GetInt32());
        var refused = (await fixture.Api.PostJsonAsync("dev/clock", new JsonObject { ["advanceDays"] = 1 })).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "clock");
        Assert.Contains("PVO_CLOCK=settable", refused.GetProperty("detail").GetString());
    }
}
