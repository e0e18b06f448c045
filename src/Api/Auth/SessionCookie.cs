using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;

namespace PvoFinance.Api.Auth;

/// <summary>
/// The dashboard's session cookie. A browser that navigates to <c>/dashboard</c> cannot send a bearer token, so
/// <c>POST /auth/session</c> (with the bearer token) puts that same token into an HttpOnly, SameSite=Strict cookie
/// whose path is <c>/dashboard</c> and whose lifetime ends with the token's. The bearer handler reads the cookie
/// for dashboard paths only: every <c>/api</c> endpoint keeps accepting the Authorization header alone, so a
/// cross-site request can never move money on the strength of a cookie.
/// </summary>
public static class SessionCookie
{
    /// <summary>The cookie's name.</summary>
    public const string Name = "pvo.session";

    /// <summary>The only path the browser sends the cookie to, and the only path the service reads it on.</summary>
    public const string DashboardPath = "/dashboard";

    /// <summary>The authorization policy of the dashboard: a signed-in ministry caller.</summary>
    public const string DashboardPolicy = "pvo-dashboard";

    /// <summary>
    /// Bearer events for both environments: the cookie stands in for the header under <see cref="DashboardPath"/>,
    /// and a browser asking for a dashboard page without a valid one is sent to the sign-in page instead of a bare 401.
    /// </summary>
    public static JwtBearerEvents Events() => new()
    {
        OnMessageReceived = context =>
        {
            if (IsDashboard(context.Request) && !context.Request.Headers.ContainsKey("Authorization")
                && context.Request.Cookies.TryGetValue(Name, out var token) && !string.IsNullOrEmpty(token))
            {
                context.Token = token;
            }
            return Task.CompletedTask;
        },
        OnChallenge = context =>
        {
            var request = context.Request;
            if (IsDashboard(request) && HttpMethods.IsGet(request.Method)
                && request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase)))
            {
                context.HandleResponse();
                context.Response.Redirect("/?next=dashboard");
            }
            return Task.CompletedTask;
        },
    };

    /// <summary>Writes the cookie holding <paramref name="token"/> until <paramref name="expires"/>.</summary>
    public static void Write(HttpResponse response, bool https, string token, DateTimeOffset expires) =>
        response.Cookies.Append(Name, token, Options(https, expires));

    /// <summary>Clears the cookie (same name and path, expired).</summary>
    public static void Clear(HttpResponse response, bool https) =>
        response.Cookies.Delete(Name, Options(https, DateTimeOffset.UnixEpoch));

    private static CookieOptions Options(bool https, DateTimeOffset expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        // Secure whenever the page came over https; a plain-http loopback run (./run.sh, the tests) would drop a Secure cookie.
        Secure = https,
        Path = DashboardPath,
        Expires = expires,
        IsEssential = true,
    };

    private static bool IsDashboard(HttpRequest request) =>
        request.Path.StartsWithSegments(DashboardPath, StringComparison.OrdinalIgnoreCase);
}
