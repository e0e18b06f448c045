using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PvoFinance.Http.Tests;
using static Microsoft.Playwright.Assertions;

namespace PvoFinance.Browser.Tests;

/// <summary>
/// The service in Production signing people in through <see cref="TestOidcIssuer"/>, a real OIDC issuer on another
/// loopback port (so the browser really crosses origins: discovery, the issuer's login page, the token endpoint
/// under CORS). RequireHttpsMetadata is off only because that issuer speaks plain http on 127.0.0.1.
/// </summary>
public sealed class OidcBrowserFixture : IAsyncLifetime
{
    private TestOidcIssuer? _issuer;
    private ServiceProcess? _service;
    private IPlaywright? _playwright;

    /// <summary>The issuer.</summary>
    public TestOidcIssuer Issuer => _issuer ?? throw new InvalidOperationException("Not started.");

    /// <summary>The service.</summary>
    public ServiceProcess Service => _service ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(BrowserFixture.ScreenshotDir);
        _issuer = await TestOidcIssuer.StartAsync();
        _service = await ServiceProcess.StartAsync(TestEnvironment.NewTablePrefix(), _issuer.ProductionServiceSettings());
        _issuer.AllowOrigin(_service.BaseAddress);
        _playwright = await Playwright.CreateAsync();
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    /// <summary>A fresh headless Chromium that may reach the service and the issuer, and nothing else.</summary>
    public async Task<(IBrowserContext Context, IPage Page, DirectoryInfo Profile)> NewPageAsync()
    {
        var profile = Directory.CreateTempSubdirectory("pvo-chromium-");
        var context = await _playwright!.Chromium.LaunchPersistentContextAsync(profile.FullName, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            BaseURL = Service.BaseAddress.ToString(),
            Locale = "nl-NL",
            TimezoneId = "Europe/Amsterdam",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(20_000);
        var service = Service.BaseAddress.ToString();
        var issuer = Issuer.Address.ToString();
        await context.RouteAsync(url => !url.StartsWith(service, StringComparison.Ordinal) && !url.StartsWith(issuer, StringComparison.Ordinal), route => route.AbortAsync());
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        return (context, page, profile);
    }

    public async Task DisposeAsync()
    {
        _playwright?.Dispose();
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

/// <summary>Sign-in through the issuer's login page, refusals in words, sign-out, an expired token, the ministry's dashboard.</summary>
public sealed class OidcSignInTests(OidcBrowserFixture fixture) : IClassFixture<OidcBrowserFixture>, IAsyncLifetime
{
    private IBrowserContext? _context;
    private DirectoryInfo? _profile;
    private IPage Page { get; set; } = null!;
    private int _step;

    public async Task InitializeAsync() => (_context, Page, _profile) = await fixture.NewPageAsync();

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }
        try
        {
            _profile?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still hold a file for a moment.
        }
    }

    private async Task ShotAsync(string journey, string step)
    {
        _step++;
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, $"{journey}-{_step:00}-{step}.png"), FullPage = true });
    }

    /// <summary>From the landing page to the issuer's login page.</summary>
    private async Task ToIssuerAsync()
    {
        await Page.GotoAsync("/");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden bij uw organisatie" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Inloggen bij de test-issuer" })).ToBeVisibleAsync();
        Assert.StartsWith(fixture.Issuer.Issuer + "/authorize?", Page.Url, StringComparison.Ordinal);
        Assert.Contains("code_challenge_method=S256", Page.Url, StringComparison.Ordinal);
    }

    private async Task LogInAtIssuerAsync(string user)
    {
        await Page.GetByLabel("Gebruikersnaam").FillAsync(user);
        await Page.GetByLabel("Wachtwoord").FillAsync(TestOidcIssuer.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
    }

    private Task<string?> StoredTokenAsync() => Page.EvaluateAsync<string?>("sessionStorage.getItem('pvo.token')");

    [Fact]
    public async Task A_manager_signs_in_at_the_issuer_sees_the_region_and_signs_out_there()
    {
        await Page.GotoAsync("/");
        // Production: no development form, the organisation's sign-in instead.
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden bij uw organisatie" })).ToBeVisibleAsync();
        await Expect(Page.Locator("#signin")).ToBeHiddenAsync();
        await ShotAsync("oidc", "landing");
        await ToIssuerAsync();
        await ShotAsync("oidc", "issuer-login");
        await LogInAtIssuerAsync("manager-limburg");

        await Expect(Page).ToHaveURLAsync(new Regex("/manager\\.html$"));
        await Expect(Page.Locator("#who")).ToHaveTextAsync("Aangemeld als PVO-manager · Limburg (manager-limburg)");
        await Expect(Page.Locator("#region-name")).ToHaveTextAsync("Limburg");
        // The page's data came from the API with the issuer's token: the work view with the region's tasks is there.
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Mijn werk" })).ToBeVisibleAsync();
        await Expect(Page.Locator("#tasks, #tasks-none")).ToHaveCountAsync(1);
        var token = await StoredTokenAsync();
        Assert.False(string.IsNullOrEmpty(token));
        Assert.DoesNotContain("code=", Page.Url, StringComparison.Ordinal);
        await ShotAsync("oidc", "manager-page");

        var endSessions = fixture.Issuer.EndSessionCalls;
        await Page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden bij uw organisatie" })).ToBeVisibleAsync();
        Assert.Equal(endSessions + 1, fixture.Issuer.EndSessionCalls);
        Assert.Null(await StoredTokenAsync());
        await Expect(Page.Locator("#who")).ToHaveCountAsync(0);
        await ShotAsync("oidc", "signed-out");
    }

    [Fact]
    public async Task A_callback_with_another_state_is_refused_and_no_code_is_exchanged()
    {
        await ToIssuerAsync();
        // A real code, but sent back with a state this tab never made (as a forged link would).
        await Page.EvalOnSelectorAsync("input[name=state]", "e => e.value = 'forged-state-0123456789'");
        var issued = fixture.Issuer.TokensIssued;
        await LogInAtIssuerAsync("manager-limburg");
        await Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Deze aanmelding is niet in dit venster begonnen of is al gebruikt; begin opnieuw.");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Terug naar aanmelden" })).ToBeVisibleAsync();
        await ShotAsync("oidc-state", "refused");
        Assert.Equal(issued, fixture.Issuer.TokensIssued);
        Assert.Null(await StoredTokenAsync());
    }

    [Fact]
    public async Task Refusing_at_the_issuer_is_explained_in_plain_words()
    {
        await ToIssuerAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Weigeren" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("U heeft de aanmelding geweigerd, of uw account heeft geen toegang tot PvoFinance. (access_denied)");
        await ShotAsync("oidc-refused", "access-denied");
        Assert.Null(await StoredTokenAsync());
        await Page.GetByRole(AriaRole.Link, new() { Name = "Terug naar aanmelden" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden bij uw organisatie" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_expired_token_sends_the_user_back_to_sign_in_with_a_message()
    {
        await Page.GotoAsync("/");
        var expired = fixture.Issuer.AccessToken("manager-limburg", TimeSpan.FromMinutes(-10));
        await Page.EvaluateAsync("t => { sessionStorage.setItem('pvo.token', t); sessionStorage.setItem('pvo.who', JSON.stringify({ role: 'pvo-manager', region: 'limburg', label: 'PVO-manager · Limburg' })); }", expired);
        await Page.GotoAsync("/manager.html");
        await Expect(Page.Locator("#signin-notice")).ToHaveTextAsync("Uw aanmelding is verlopen; meld u opnieuw aan.");
        // Back at sign-in, with the page the person was on kept to return to.
        await Expect(Page).ToHaveURLAsync(new Regex("/\\?next=%2Fmanager\\.html$"));
        await ShotAsync("oidc-expired", "back-to-sign-in");
        Assert.Null(await StoredTokenAsync());
    }

    [Fact]
    public async Task The_ministry_opens_the_dashboard_from_its_page()
    {
        await ToIssuerAsync();
        await LogInAtIssuerAsync("ministerie");
        await Expect(Page).ToHaveURLAsync(new Regex("/ministry\\.html$"));
        await Page.GetByRole(AriaRole.Link, new() { Name = "Beheer (dashboard)" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/dashboard/"));
        // The dashboard's own page, filled from its JSON with the session cookie: the one silo of this run.
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Orleans Dashboard" })).ToBeVisibleAsync();
        await Expect(Page.Locator("body")).ToContainTextAsync(new Regex("Active Silos\\s*1(?!\\d)", RegexOptions.IgnoreCase));
        await ShotAsync("dashboard", "ministry");
        // The cookie is HttpOnly: the page's scripts cannot read it.
        Assert.DoesNotContain("pvo.session", await Page.EvaluateAsync<string>("document.cookie"), StringComparison.Ordinal);
        var cookies = await _context!.CookiesAsync();
        var session = Assert.Single(cookies, c => c.Name == "pvo.session");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        Assert.Equal("/dashboard", session.Path);
    }

    [Fact]
    public async Task A_signed_in_ministry_user_who_opens_the_dashboard_address_directly_gets_there()
    {
        // A bookmark, or the link followed before the page's script made the session cookie: the dashboard sends the
        // browser to the start page without a cookie, and the start page makes the cookie and goes on.
        await ToIssuerAsync();
        await LogInAtIssuerAsync("ministerie");
        await Expect(Page).ToHaveURLAsync(new Regex("/ministry\\.html$"));
        await _context!.ClearCookiesAsync();
        await Page.GotoAsync("/dashboard/");
        await Expect(Page).ToHaveURLAsync(new Regex("/dashboard/$"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Orleans Dashboard" })).ToBeVisibleAsync();
    }
}
