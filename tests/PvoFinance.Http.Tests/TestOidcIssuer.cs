using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PvoFinance.Http.Tests;

/// <summary>
/// A small but real OpenID Connect issuer hosted in the test process on a free loopback port: discovery, JWKS with
/// an RSA key, an authorize endpoint with a login page (user name and password, or "refuse") that requires PKCE
/// S256, a token endpoint that checks the code verifier and issues RS256 access and id tokens with the PVO claims
/// (CORS for the service's origin, as a browser needs), and an end-session endpoint. Codes are single use.
/// </summary>
public sealed class TestOidcIssuer : IAsyncDisposable
{
    /// <summary>The audience of the access tokens (the service's ValidAudiences).</summary>
    public const string ApiAudience = "pvofinance";

    /// <summary>The pages' client id.</summary>
    public const string ClientId = "pvofinance-web";

    /// <summary>Every account's password at this issuer.</summary>
    public const string Password = "geheim-123";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key;
    private readonly ConcurrentDictionary<string, PendingCode> _codes = new();
    private readonly Dictionary<string, Claim[]> _accounts;
    private string? _allowedOrigin;

    private sealed record PendingCode(string ClientId, string RedirectUri, string Challenge, string? Nonce, string User);

    private TestOidcIssuer(WebApplication app, RsaSecurityKey key, Uri address, Dictionary<string, Claim[]> accounts)
    {
        _app = app;
        _key = key;
        Address = address;
        _accounts = accounts;
    }

    /// <summary>http://127.0.0.1:port (no trailing slash), the issuer identifier.</summary>
    public Uri Address { get; }

    /// <summary>The issuer identifier as it appears in tokens.</summary>
    public string Issuer => Address.ToString().TrimEnd('/');

    /// <summary>How many times the end-session endpoint was called.</summary>
    public int EndSessionCalls => _endSessionCalls;
    private int _endSessionCalls;

    /// <summary>How many codes were exchanged for tokens.</summary>
    public int TokensIssued => _tokensIssued;
    private int _tokensIssued;

    /// <summary>Lets the service's pages (at <paramref name="origin"/>) call the token endpoint from the browser.</summary>
    public void AllowOrigin(Uri origin) => _allowedOrigin = origin.GetLeftPart(UriPartial.Authority);

    /// <summary>Accounts: a manager of Limburg, a ministry user, an officer of Gelderland.</summary>
    public static Dictionary<string, Claim[]> DefaultAccounts() => new(StringComparer.Ordinal)
    {
        ["manager-limburg"] = [new("role", "pvo-manager"), new("region", "limburg")],
        ["ministerie"] = [new("role", "ministry")],
        ["officer-gelderland"] = [new("role", "provincial-officer"), new("province", "Gelderland")],
    };

    /// <summary>
    /// The settings that run the service in Production against this issuer. RequireHttpsMetadata is off only
    /// because this issuer speaks plain http on 127.0.0.1; a deployment names an https authority and keeps the default.
    /// </summary>
    public Dictionary<string, string> ProductionServiceSettings() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Authentication__Schemes__Bearer__Authority"] = Issuer,
        ["Authentication__Schemes__Bearer__ValidAudiences__0"] = ApiAudience,
        ["Authentication__Schemes__Bearer__RequireHttpsMetadata"] = "false",
        ["PvoFinance__Auth__Oidc__ClientId"] = ClientId,
    };

    /// <summary>Starts the issuer on a free loopback port.</summary>
    public static async Task<TestOidcIssuer> StartAsync(Dictionary<string, Claim[]>? accounts = null)
    {
        var port = ServiceProcess.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(address.ToString());
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var issuer = new TestOidcIssuer(app, new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-" + port }, address, accounts ?? DefaultAccounts());
        issuer.Map(app);
        await app.StartAsync();
        return issuer;
    }

    /// <summary>An access token for <paramref name="user"/> signed by this issuer, as its token endpoint would give.</summary>
    public string AccessToken(string user, TimeSpan? lifetime = null) => Sign(_key, user, ApiAudience, null, lifetime ?? TimeSpan.FromHours(1));

    /// <summary>The same access token signed by another RSA key with this issuer's name and key id: a forgery.</summary>
    public string ForgedAccessToken(string user)
    {
        var other = new RsaSecurityKey(RSA.Create(2048)) { KeyId = _key.KeyId };
        return Sign(other, user, ApiAudience, null, TimeSpan.FromHours(1));
    }

    private string Sign(SecurityKey key, string user, string audience, string? nonce, TimeSpan lifetime)
    {
        var claims = new List<Claim> { new("sub", user) };
        if (audience == ApiAudience)
        {
            claims.AddRange(_accounts[user]);
        }
        if (nonce is not null)
        {
            claims.Add(new("nonce", nonce));
        }
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = Issuer + "/authorize",
            ["token_endpoint"] = Issuer + "/token",
            ["jwks_uri"] = Issuer + "/jwks",
            ["end_session_endpoint"] = Issuer + "/logout",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["grant_types_supported"] = new[] { "authorization_code" },
            ["token_endpoint_auth_methods_supported"] = new[] { "none" },
        })).AddEndpointFilter(Cors);
        app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.Rsa.ExportParameters(false)) { KeyId = _key.KeyId });
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
        }).AddEndpointFilter(Cors);
        app.MapGet("/authorize", (HttpRequest request) => Authorize(request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()), null));
        app.MapPost("/authorize", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            return Authorize(form.ToDictionary(q => q.Key, q => q.Value.ToString()), form);
        });
        app.MapPost("/token", async (HttpRequest request) => Token(await request.ReadFormAsync())).AddEndpointFilter(Cors);
        app.MapMethods("/token", ["OPTIONS"], () => Results.NoContent()).AddEndpointFilter(Cors);
        app.MapGet("/logout", (HttpRequest request) =>
        {
            Interlocked.Increment(ref _endSessionCalls);
            var back = request.Query["post_logout_redirect_uri"].ToString();
            return back.Length > 0 && SameOrigin(back) ? Results.Redirect(back) : Results.Content("<p>Afgemeld.</p>", "text/html");
        });
    }

    private async ValueTask<object?> Cors(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var origin = context.HttpContext.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && origin == _allowedOrigin)
        {
            context.HttpContext.Response.Headers.AccessControlAllowOrigin = origin;
            context.HttpContext.Response.Headers.AccessControlAllowMethods = "GET, POST";
            context.HttpContext.Response.Headers.AccessControlAllowHeaders = "content-type";
        }
        return await next(context);
    }

    private bool SameOrigin(string uri) =>
        _allowedOrigin is not null && Uri.TryCreate(uri, UriKind.Absolute, out var u) && u.GetLeftPart(UriPartial.Authority) == _allowedOrigin;

    private IResult Authorize(Dictionary<string, string> p, IFormCollection? form)
    {
        string Get(string key) => p.TryGetValue(key, out var v) ? v : "";
        var redirect = Get("redirect_uri");
        // The redirect address is checked before anything is sent to it: only the service's own origin.
        if (Get("client_id") != ClientId || !SameOrigin(redirect))
        {
            return Results.Content("<p>Onbekende client of redirect_uri.</p>", "text/html", statusCode: 400);
        }
        var state = Get("state");
        string Back(string query) => redirect + (redirect.Contains('?') ? "&" : "?") + query + "&state=" + Uri.EscapeDataString(state);
        if (Get("response_type") != "code")
        {
            return Results.Redirect(Back("error=unsupported_response_type"));
        }
        if (Get("code_challenge_method") != "S256" || Get("code_challenge").Length < 43)
        {
            return Results.Redirect(Back("error=invalid_request&error_description=" + Uri.EscapeDataString("PKCE S256 is required.")));
        }
        if (!Get("scope").Split(' ').Contains("openid"))
        {
            return Results.Redirect(Back("error=invalid_scope"));
        }
        if (form is not null)
        {
            if (form.ContainsKey("refuse"))
            {
                return Results.Redirect(Back("error=access_denied&error_description=" + Uri.EscapeDataString("The user refused.")));
            }
            var user = form["username"].ToString();
            if (_accounts.ContainsKey(user) && form["password"].ToString() == Password)
            {
                var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
                _codes[code] = new PendingCode(ClientId, redirect, Get("code_challenge"), p.GetValueOrDefault("nonce"), user);
                return Results.Redirect(Back("code=" + Uri.EscapeDataString(code)));
            }
            return LoginPage(p, "Onbekende gebruiker of verkeerd wachtwoord.");
        }
        return LoginPage(p, null);
    }

    private static IResult LoginPage(Dictionary<string, string> p, string? error)
    {
        var hidden = new StringBuilder();
        foreach (var key in new[] { "client_id", "redirect_uri", "response_type", "scope", "state", "nonce", "code_challenge", "code_challenge_method" })
        {
            hidden.Append(CultureInfoInvariant($"<input type=\"hidden\" name=\"{key}\" value=\"{WebUtility.HtmlEncode(p.GetValueOrDefault(key) ?? "")}\">"));
        }
        var html = $"""
            <!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Test-issuer</title></head><body>
            <h1>Inloggen bij de test-issuer</h1>
            {(error is null ? "" : $"<p role=\"alert\">{WebUtility.HtmlEncode(error)}</p>")}
            <form method="post" action="/authorize">{hidden}
            <label for="username">Gebruikersnaam</label><input id="username" name="username">
            <label for="password">Wachtwoord</label><input id="password" name="password" type="password">
            <button type="submit" name="login" value="1">Inloggen</button>
            <button type="submit" name="refuse" value="1">Weigeren</button>
            </form></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static string CultureInfoInvariant(FormattableString text) => FormattableString.Invariant(text);

    private IResult Token(IFormCollection form)
    {
        static IResult Error(string error, string description) =>
            Results.Json(new { error, error_description = description }, statusCode: 400);
        if (form["grant_type"] != "authorization_code")
        {
            return Error("unsupported_grant_type", "Only authorization_code.");
        }
        // Single use: the code is removed whether or not the rest checks out.
        if (!_codes.TryRemove(form["code"].ToString(), out var pending))
        {
            return Error("invalid_grant", "Unknown or used code.");
        }
        if (form["client_id"] != pending.ClientId || form["redirect_uri"] != pending.RedirectUri)
        {
            return Error("invalid_grant", "client_id or redirect_uri differ from the authorization request.");
        }
        var verifier = form["code_verifier"].ToString();
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        if (verifier.Length < 43 || challenge != pending.Challenge)
        {
            return Error("invalid_grant", "The code verifier does not match the challenge.");
        }
        Interlocked.Increment(ref _tokensIssued);
        var lifetime = TimeSpan.FromHours(1);
        return Results.Json(new
        {
            access_token = Sign(_key, pending.User, ApiAudience, null, lifetime),
            id_token = Sign(_key, pending.User, ClientId, pending.Nonce, lifetime),
            token_type = "Bearer",
            expires_in = (int)lifetime.TotalSeconds,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
