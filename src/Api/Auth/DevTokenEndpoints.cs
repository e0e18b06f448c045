using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PvoFinance.Access;
using PvoFinance.Api.Problems;

namespace PvoFinance.Api.Auth;

/// <summary>
/// The body of <c>POST /dev/token</c>: a role and, as the role needs, a region, a province or a scope; optionally
/// a <c>user</c> (1..60 of a-z, 0-9 and '-') that becomes the token's subject, so two people of one role differ, and
/// a display <c>name</c> (the <c>name</c> claim an OIDC issuer gives), shown where people read who did what.
/// </summary>
public sealed record DevTokenRequest(string Role, string? Region = null, string? Province = null, string? Scope = null, string? User = null, string? Name = null);

/// <summary>A development token.</summary>
public sealed record DevTokenResponse(string Token, DateTime ExpiresAt, string Role, string Reach);

/// <summary><c>POST /dev/token</c>, mapped in the Development environment only.</summary>
public static partial class DevTokenEndpoints
{
    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9-]{1,60}$")]
    private static partial System.Text.RegularExpressions.Regex UserPattern();

    /// <summary>Maps the endpoint.</summary>
    public static void MapDevTokens(this IEndpointRouteBuilder app) =>
        app.MapPost("/dev/token", Issue).AllowAnonymous().WithTags("Development")
            .WithSummary("Development only: a signed token for a role and its region, province or scope.");

    /// <summary>
    /// Outside Development: <c>POST /dev/token</c> answers 404 with a reason for anyone, signed in or not (without this
    /// the deny-by-default policy would answer an anonymous caller 401, as if a token could unlock it).
    /// </summary>
    public static void MapDevTokensAbsent(this IEndpointRouteBuilder app) =>
        app.MapPost("/dev/token", () => ApiProblems.NotFound("role", "Development tokens are issued only in the Development environment; sign in through the organisation's OIDC issuer."))
            .AllowAnonymous().ExcludeFromDescription();

    private static IResult Issue(DevTokenRequest? body, DevTokenIssuer issuer, IRegionGeography geography, TimeProvider time)
    {
        if (body is null)
        {
            return ApiProblems.Invalid("body", "A JSON body with a role is required.");
        }
        if (body.User is not null && !UserPattern().IsMatch(body.User))
        {
            return ApiProblems.Invalid("user", "user is 1..60 of a-z, 0-9 and '-'.");
        }
        if (body.Name is not null && PvoFinance.Applications.Actor.Clean(body.Name) is null)
        {
            return ApiProblems.Invalid("name", $"name is 1..{PvoFinance.Applications.Actor.MaxNameLength} printable characters.");
        }
        var claims = new List<Claim> { new(ClaimNames.Role, body.Role ?? "") };
        switch (body.Role)
        {
            case ClaimNames.Roles.PvoManager:
                if (body.Region is null || !geography.IsRegion(body.Region))
                {
                    return ApiProblems.Invalid("region", "A pvo-manager needs 'region': one of the ten region ids.");
                }
                claims.Add(new(ClaimNames.Region, body.Region));
                break;
            case ClaimNames.Roles.ProvincialOfficer:
                if (body.Province is null || !geography.IsProvince(body.Province))
                {
                    return ApiProblems.Invalid("province", "A provincial-officer needs 'province': one of the twelve provinces (CBS spelling, e.g. Fryslân).");
                }
                claims.Add(new(ClaimNames.Province, body.Province));
                break;
            case ClaimNames.Roles.Treasurer:
                if (!Scope.TryParse(body.Scope, out var scope) || !CallerClaims.Known(scope, geography))
                {
                    return ApiProblems.Invalid("scope", "A treasurer needs 'scope': national, province:<name> or region:<id>.");
                }
                claims.Add(new(ClaimNames.Scope, scope.ToString()));
                break;
            case ClaimNames.Roles.Ministry:
                break;
            default:
                return ApiProblems.Invalid("role", "role must be pvo-manager, provincial-officer, ministry or treasurer.");
        }
        if (PvoFinance.Applications.Actor.Clean(body.Name) is { } name)
        {
            claims.Add(new("name", name));
        }
        claims.Add(new("sub", body.User ?? $"dev-{body.Role}-{body.Region ?? body.Province ?? body.Scope ?? "national"}"));
        var (token, expires) = issuer.Issue(claims, time.GetUtcNow().UtcDateTime);
        var caller = CallerClaims.From(new ClaimsPrincipal(new ClaimsIdentity(claims, "dev")), geography, out _)!;
        return Results.Ok(new DevTokenResponse(token, expires, body.Role!, caller.Reach.ToString()));
    }
}
