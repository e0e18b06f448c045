using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace PvoFinance.Http.Tests;

/// <summary>
/// The service in the Production environment, validating the tokens of <see cref="TestOidcIssuer"/> (a real issuer
/// on a loopback port). RequireHttpsMetadata is switched off here only because the test issuer speaks plain http on
/// 127.0.0.1; a deployment names an https authority and keeps the default.
/// </summary>
public sealed class OidcServiceFixture : IAsyncLifetime
{
    private TestOidcIssuer? _issuer;
    private ServiceProcess? _service;

    /// <summary>The issuer.</summary>
    public TestOidcIssuer Issuer => _issuer ?? throw new InvalidOperationException("Not started.");

    /// <summary>The service.</summary>
    public ServiceProcess Service => _service ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _issuer = await TestOidcIssuer.StartAsync();
        _service = await ServiceProcess.StartAsync(TestEnvironment.NewTablePrefix(), _issuer.ProductionServiceSettings());
        _issuer.AllowOrigin(_service.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
        if (_issuer is not null)
        {
            await _issuer.DisposeAsync();
        }
    }
}

/// <summary>Production sign-in: the issuer's tokens are accepted, forged ones and development tokens are not; the dashboard's session cookie.</summary>
public sealed class OidcProductionTests(OidcServiceFixture fixture) : IClassFixture<OidcServiceFixture>
{
    private HttpClient Client(string? bearer = null, string? cookie = null)
    {
        // No cookie container: every cookie a test sends is one it chose.
        var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = fixture.Service.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (bearer is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        if (cookie is not null)
        {
            http.DefaultRequestHeaders.Add("Cookie", cookie);
        }
        return http;
    }

    private async Task<(string Cookie, string SetCookie)> SessionAsync(string user)
    {
        using var http = Client(fixture.Issuer.AccessToken(user));
        using var response = await http.PostAsync("/auth/session", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST /auth/session answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        return (setCookie.Split(';')[0], setCookie);
    }

    [Fact]
    public async Task Auth_config_names_the_issuer_client_and_scopes()
    {
        using var http = Client();
        using var response = await http.GetAsync("/auth/config");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var config = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("oidc", config.GetProperty("mode").GetString());
        Assert.Equal(fixture.Issuer.Issuer, config.GetProperty("authority").GetString());
        Assert.Equal(TestOidcIssuer.ClientId, config.GetProperty("clientId").GetString());
        Assert.Contains("openid", config.GetProperty("scopes").GetString()!.Split(' '));
    }

    [Fact]
    public async Task Dev_tokens_are_not_issued_in_production()
    {
        using var http = Client();
        using var response = await http.PostAsync("/dev/token", new StringContent("""{"role":"ministry"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_issuers_token_is_accepted_and_a_token_signed_by_another_key_is_401()
    {
        using (var good = Client(fixture.Issuer.AccessToken("manager-limburg")))
        using (var response = await good.GetAsync("/api/regions/limburg"))
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{fixture.Service.Output}");
        }
        using (var forged = Client(fixture.Issuer.ForgedAccessToken("manager-limburg")))
        using (var response = await forged.GetAsync("/api/regions/limburg"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        using (var expired = Client(fixture.Issuer.AccessToken("manager-limburg", TimeSpan.FromMinutes(-10))))
        using (var response = await expired.GetAsync("/api/regions/limburg"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task Dashboard_without_a_session_is_401_and_a_browser_is_sent_to_sign_in()
    {
        using var http = Client();
        using (var response = await http.GetAsync("/dashboard/DashboardCounters"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        using var html = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        html.Headers.Accept.ParseAdd("text/html");
        using (var response = await http.SendAsync(html))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/?next=dashboard", response.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task Session_cookie_is_httponly_strict_for_the_dashboard_only_and_ends_with_the_token()
    {
        var before = DateTimeOffset.UtcNow;
        var (cookie, setCookie) = await SessionAsync("ministerie");
        var attributes = setCookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).ToList();
        Assert.Contains("httponly", attributes, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", attributes, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("path=/dashboard", attributes, StringComparer.OrdinalIgnoreCase);
        // Plain http here, so not Secure (a browser would drop it); https requests get Secure.
        Assert.DoesNotContain("secure", attributes, StringComparer.OrdinalIgnoreCase);
        var expires = DateTimeOffset.Parse(attributes.Single(a => a.StartsWith("expires=", StringComparison.OrdinalIgnoreCase))["expires=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires, before.AddMinutes(50), before.AddHours(1).AddMinutes(1));

        // The cookie is no bearer token for the API: money endpoints stay header-only.
        using (var api = Client(cookie: cookie))
        using (var response = await api.GetAsync("/api/regions"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        // Nor does a cookie alone make a session (no CSRF through a cross-site form).
        using (var again = Client(cookie: cookie))
        using (var response = await again.PostAsync("/auth/session", null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        using var signOut = Client();
        using var cleared = await signOut.DeleteAsync("/auth/session");
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        var clear = Assert.Single(cleared.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("pvo.session=;", clear, StringComparison.Ordinal);
        Assert.Contains("path=/dashboard", clear, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=Thu, 01 Jan 1970", clear, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_managers_session_is_403_at_the_dashboard_and_the_ministrys_sees_the_silo()
    {
        var (manager, _) = await SessionAsync("manager-limburg");
        using (var http = Client(cookie: manager))
        using (var response = await http.GetAsync("/dashboard/DashboardCounters"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        var (ministry, _) = await SessionAsync("ministerie");
        using var ok = Client(cookie: ministry);
        using (var page = await ok.GetAsync("/dashboard/index.html"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("text/html", page.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        }
        using var counters = await ok.GetAsync("/dashboard/DashboardCounters");
        var body = await counters.Content.ReadAsStringAsync();
        Assert.True(counters.StatusCode == HttpStatusCode.OK, $"{(int)counters.StatusCode}: {body}");
        var json = JsonDocument.Parse(body).RootElement;
        var hosts = json.GetProperty("hosts");
        Assert.True(hosts.GetArrayLength() >= 1, body);
        Assert.Contains(hosts.EnumerateArray(), h => h.GetProperty("status").GetString() == "Active");
    }
}
