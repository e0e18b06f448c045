using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using NodaTime.Text;
using PvoFinance.Api.Problems;

namespace PvoFinance.Api.Dev;

/// <summary>
/// The body of <c>POST /dev/clock</c>: either <c>now</c> (an instant such as <c>2027-03-01T09:00:00Z</c>, or a date such
/// as <c>2027-03-01</c>, meaning 09:00 in Amsterdam) or <c>advanceDays</c> (1..3660).
/// </summary>
public sealed record DevClockRequest(string? Now = null, int? AdvanceDays = null);

/// <summary>The service's time: the instant, its Amsterdam date, how many days (rounded) it is ahead of real time, and whether it can be moved.</summary>
public sealed record DevClockResponse(string Now, string Today, int AheadDays, bool Settable);

/// <summary>
/// <c>GET</c>/<c>POST /dev/clock</c>: the test clock (<see cref="SettableClock"/>), mapped in the Development environment only.
/// Without <c>PVO_CLOCK=settable</c> the clock reads but does not move; outside Development both answer 404.
/// </summary>
public static class DevClockEndpoints
{
    /// <summary>The most days one move may advance: ten years.</summary>
    public const int MaxAdvanceDays = 3660;

    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    /// <summary>Maps the endpoints (Development).</summary>
    public static void MapDevClock(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dev/clock", Read).AllowAnonymous().WithTags("Development")
            .WithSummary("Development only: the service's current time and whether tests may move it.");
        app.MapPost("/dev/clock", Move).AllowAnonymous().WithTags("Development")
            .WithSummary("Development only, with PVO_CLOCK=settable: moves the service's clock forward (to 'now' or by 'advanceDays').");
    }

    /// <summary>Outside Development: a 404 with a reason for anyone, signed in or not.</summary>
    public static void MapDevClockAbsent(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dev/clock", Absent).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/dev/clock", Absent).AllowAnonymous().ExcludeFromDescription();
    }

    private static IResult Absent() => ApiProblems.NotFound("clock", "The test clock exists only in the Development environment; the service keeps real time.");

    private static IResult Read(IClock clock) => Results.Ok(Answer(clock));

    private static IResult Move(DevClockRequest? body, IClock clock)
    {
        if (clock is not SettableClock settable)
        {
            return ApiProblems.NotFound("clock", "The service keeps real time; start it with PVO_CLOCK=settable to move its clock.");
        }
        if (body is null || (body.Now is null) == (body.AdvanceDays is null))
        {
            return ApiProblems.Invalid("body", "Send either 'now' (an instant or a date) or 'advanceDays', not both.");
        }
        if (body.AdvanceDays is { } days)
        {
            if (days is < 1 or > MaxAdvanceDays)
            {
                return ApiProblems.Invalid("advanceDays", $"advanceDays is 1..{MaxAdvanceDays}; the clock only moves forward.");
            }
            return settable.TryAdvance(days) ? Results.Ok(Answer(clock)) : TooLate();
        }
        Instant target;
        if (InstantPattern.ExtendedIso.Parse(body.Now!) is { Success: true } instant)
        {
            target = instant.Value;
        }
        else if (LocalDatePattern.Iso.Parse(body.Now!) is { Success: true } date)
        {
            target = date.Value.At(new LocalTime(9, 0)).InZoneLeniently(Amsterdam).ToInstant();
        }
        else
        {
            return ApiProblems.Invalid("now", "now is an instant such as 2027-03-01T09:00:00Z or a date such as 2027-03-01 (09:00 in Amsterdam).");
        }
        if (target < clock.GetCurrentInstant())
        {
            return ApiProblems.Refused(StatusCodes.Status409Conflict, "Conflict", "now",
                $"The clock only moves forward; it reads {InstantPattern.ExtendedIso.Format(clock.GetCurrentInstant())}. Restart the service to start again from real time.");
        }
        return settable.TrySet(target) ? Results.Ok(Answer(clock)) : TooLate();
    }

    private static IResult TooLate() => ApiProblems.Invalid("now", $"The clock goes no further than {InstantPattern.ExtendedIso.Format(SettableClock.Latest)}.");

    private static DevClockResponse Answer(IClock clock)
    {
        var now = clock.GetCurrentInstant();
        var ahead = clock is SettableClock s ? s.Offset : Duration.Zero;
        return new(InstantPattern.ExtendedIso.Format(now), LocalDatePattern.Iso.Format(now.InZone(Amsterdam).Date),
            (int)Math.Round(ahead.TotalDays), clock is SettableClock);
    }
}
