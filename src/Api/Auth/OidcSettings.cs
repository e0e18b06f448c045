using Microsoft.Extensions.Configuration;

namespace PvoFinance.Api.Auth;

/// <summary>
/// What the web pages need to sign a person in through the organisation's OIDC issuer, read from
/// <c>PvoFinance:Auth:Oidc:{Authority,ClientId,Scopes}</c>. The authority defaults to the bearer scheme's
/// <c>Authentication:Schemes:Bearer:Authority</c>, so one setting names the issuer for both the pages and the API.
/// </summary>
/// <param name="Authority">The issuer's base address (its discovery document is under <c>/.well-known/openid-configuration</c>).</param>
/// <param name="ClientId">The pages' client id at the issuer: a public client (no secret) using the code flow with PKCE.</param>
/// <param name="Scopes">The scopes the pages ask for, space-separated; always starts with <c>openid</c>.</param>
public sealed record OidcSettings(string? Authority, string ClientId, string Scopes)
{
    /// <summary>The client id used when none is configured.</summary>
    public const string DefaultClientId = "pvofinance-web";

    /// <summary>The scopes asked for when none are configured.</summary>
    public const string DefaultScopes = "openid profile";

    /// <summary>True when an issuer is named.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>Reads the settings, falling back to the bearer authority, the default client id and scopes.</summary>
    public static OidcSettings From(IConfiguration configuration)
    {
        // Full keys, not a section: the deployment tests find every setting the service reads by its full name.
        var authority = configuration["PvoFinance:Auth:Oidc:Authority"] is { Length: > 0 } a ? a : configuration["Authentication:Schemes:Bearer:Authority"];
        var clientId = configuration["PvoFinance:Auth:Oidc:ClientId"] is { Length: > 0 } c ? c : DefaultClientId;
        var scopes = configuration["PvoFinance:Auth:Oidc:Scopes"] is { Length: > 0 } s ? s.Trim() : DefaultScopes;
        // The code flow with an id token needs "openid"; a setting that forgets it still signs people in.
        if (!scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid", StringComparer.Ordinal))
        {
            scopes = "openid " + scopes;
        }
        return new OidcSettings(authority?.TrimEnd('/'), clientId, scopes);
    }
}
