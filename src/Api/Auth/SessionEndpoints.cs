using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using PvoFinance.Api.Problems;

namespace PvoFinance.Api.Auth;

/// <summary>A dashboard session: when its cookie stops being valid.</summary>
public sealed record SessionResponse(DateTimeOffset ExpiresAt);

/// <summary><c>POST /auth/session</c> and <c>DELETE /auth/session</c>: the dashboard's cookie (see <see cref="SessionCookie"/>).</summary>
public static class SessionEndpoints
{
    /// <summary>Maps both endpoints.</summary>
    public static void MapAuthSession(this IEndpointRouteBuilder app)
    {
        // Bearer only (the cookie is never read outside /dashboard), so a cross-site form cannot make a session.
        app.MapPost("/auth/session", Create).AddEndpointFilter<CallerFilter>().WithTags("Sign-in")
            .Produces<SessionResponse>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Turns the bearer token into the dashboard's HttpOnly session cookie, valid no longer than the token.");
        // Anonymous: signing out must clear the cookie even when the token has already expired.
        app.MapDelete("/auth/session", Clear).AllowAnonymous().WithTags("Sign-in").Produces(StatusCodes.Status204NoContent)
            .WithSummary("Clears the dashboard's session cookie.");
    }

    private static IResult Create(HttpContext http)
    {
        var header = http.Request.Headers[HeaderNames.Authorization].ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return ApiProblems.Invalid("authorization", "Send the token in the Authorization header as 'Bearer <token>'.");
        }
        // The handler validated the token, including its lifetime; the cookie ends when the token does.
        if (!long.TryParse(http.User.FindFirst("exp")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var exp))
        {
            return ApiProblems.Invalid("authorization", "The token has no expiry ('exp'); a session cannot outlive an unbounded token.");
        }
        var expires = DateTimeOffset.FromUnixTimeSeconds(exp);
        SessionCookie.Write(http.Response, http.Request.IsHttps, header[prefix.Length..].Trim(), expires);
        return Results.Ok(new SessionResponse(expires));
    }

    private static IResult Clear(HttpContext http)
    {
        SessionCookie.Clear(http.Response, http.Request.IsHttps);
        return Results.NoContent();
    }
}
