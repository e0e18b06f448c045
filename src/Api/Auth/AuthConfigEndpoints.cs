using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace PvoFinance.Api.Auth;

/// <summary>
/// How the pages sign a person in: <c>development</c> (tokens from <c>POST /dev/token</c>), <c>oidc</c> (the
/// authorization code flow with PKCE at <see cref="Authority"/>), or <c>unconfigured</c> (no issuer is set, so
/// nobody can sign in and the page says so).
/// </summary>
public sealed record AuthConfigResponse(string Mode, string? Authority = null, string? ClientId = null, string? Scopes = null);

/// <summary><c>GET /auth/config</c>: anonymous, because the landing page needs it before anyone is signed in.</summary>
public static class AuthConfigEndpoints
{
    /// <summary>Sign-in through development tokens.</summary>
    public const string Development = "development";
    /// <summary>Sign-in through the organisation's OIDC issuer.</summary>
    public const string Oidc = "oidc";
    /// <summary>No issuer configured outside Development.</summary>
    public const string Unconfigured = "unconfigured";

    /// <summary>Maps the endpoint.</summary>
    public static void MapAuthConfig(this IEndpointRouteBuilder app) =>
        app.MapGet("/auth/config", (IHostEnvironment environment, OidcSettings oidc) => Results.Ok(Describe(environment, oidc)))
            .AllowAnonymous().WithTags("Sign-in").Produces<AuthConfigResponse>()
            .WithSummary("Which sign-in the pages use: development tokens, or the OIDC issuer with client id and scopes.");

    /// <summary>The answer for an environment and settings (Development always uses development tokens).</summary>
    public static AuthConfigResponse Describe(IHostEnvironment environment, OidcSettings oidc) =>
        environment.IsDevelopment() ? new AuthConfigResponse(Development)
        : oidc.IsConfigured ? new AuthConfigResponse(Oidc, oidc.Authority, oidc.ClientId, oidc.Scopes)
        : new AuthConfigResponse(Unconfigured);
}
