using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PvoFinance.Http.Tests;

namespace PvoFinance.Browser.Tests;

/// <summary>
/// One service process (the built PvoFinance.Silo.dll in Development, on its own table prefix) and Playwright for
/// every browser test. Chromium is the distribution's /usr/bin/chromium (./test.sh installs it); Playwright's
/// driver ships inside the NuGet package with its own Node, so nothing is downloaded.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    /// <summary>Where ./test.sh keeps results; screenshots go into its screenshots folder.</summary>
    public static string ScreenshotDir { get; } = Path.Combine(TestEnvironment.RepoRoot, ".test-run", "results", "screenshots");

    /// <summary>The distribution's Chromium; PVO_CHROMIUM overrides it.</summary>
    public static string ChromiumPath => System.Environment.GetEnvironmentVariable("PVO_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private ServiceProcess? _service;
    private IPlaywright? _playwright;

    /// <summary>The running service.</summary>
    public ServiceProcess Service => _service ?? throw new InvalidOperationException("The service is not started.");

    /// <summary>More settings for the service process (a derived fixture's, e.g. the test clock).</summary>
    protected virtual IReadOnlyDictionary<string, string>? Environment => null;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}. ./test.sh installs it (apt-get install chromium).");
        }
        Directory.CreateDirectory(ScreenshotDir);
        _service = await ServiceProcess.StartAsync(TestEnvironment.NewTablePrefix(), Environment);
        _playwright = await Playwright.CreateAsync();
        // Expectations wait for what the page shows; the service answers within a few seconds on a busy machine.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    /// <summary>A fresh browser (its own user-data folder, so no storage is shared between tests) on a blank page.</summary>
    public async Task<BrowserSession> NewSessionAsync(string journey)
    {
        var profile = Directory.CreateTempSubdirectory("pvo-chromium-");
        var context = await _playwright!.Chromium.LaunchPersistentContextAsync(profile.FullName, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            BaseURL = Service.BaseAddress.ToString(),
            Locale = "nl-NL",
            TimezoneId = "Europe/Amsterdam",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(20_000);
        // No outside network: anything but the service is refused, so a page that needs a CDN fails its test.
        await context.RouteAsync(url => !url.StartsWith(Service.BaseAddress.ToString(), StringComparison.Ordinal), route => route.AbortAsync());
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        return new BrowserSession(context, page, profile, journey, this);
    }

    public async Task DisposeAsync()
    {
        _playwright?.Dispose();
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }
}

/// <summary>One browser for one journey: the page, screenshots per step, and the service's log when a step fails.</summary>
public sealed partial class BrowserSession(IBrowserContext context, IPage page, DirectoryInfo profile, string journey, BrowserFixture fixture) : IAsyncDisposable
{
    private int _step;

    /// <summary>The page.</summary>
    public IPage Page { get; } = page;

    /// <summary>Saves a screenshot (the full page, or the first screen only) as screenshots/&lt;journey&gt;-NN-&lt;step&gt;.png.</summary>
    public async Task ShotAsync(string step, bool fullPage = true)
    {
        _step++;
        var name = $"{journey}-{_step:00}-{Unsafe().Replace(step, "-")}.png";
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, name), FullPage = fullPage });
    }

    /// <summary>Signs in through the landing page's development form, as a person would.</summary>
    public async Task SignInAsync(string roleLabel, string? region = null, string? province = null, string? scope = null, string? user = null, string? name = null)
    {
        await Page.GotoAsync("/");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Wat is PvoFinance?" })).ToBeVisibleAsync();
        await Page.GetByLabel("Rol").SelectOptionAsync(new SelectOptionValue { Label = roleLabel });
        if (region is not null)
        {
            await Page.GetByLabel("Regio").SelectOptionAsync(new SelectOptionValue { Label = region });
        }
        if (province is not null)
        {
            await Page.GetByLabel("Provincie").SelectOptionAsync(new SelectOptionValue { Label = province });
        }
        if (scope is not null)
        {
            await Page.GetByLabel("Bereik").SelectOptionAsync(new SelectOptionValue { Value = scope });
        }
        if (user is not null)
        {
            await Page.GetByLabel("Gebruiker (optioneel)").FillAsync(user);
        }
        if (name is not null)
        {
            await Page.Locator("#person-name").FillAsync(name);
        }
        await Page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#who")).ToContainTextAsync("Aangemeld als");
    }

    /// <summary>Opens a view of a role's page through its navigation (nav#views), as a person would, and waits until it shows.</summary>
    public async Task ViewAsync(string name)
    {
        var link = Page.Locator("nav#views").GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
        await link.ClickAsync();
        await Assertions.Expect(link).ToHaveAttributeAsync("aria-current", "page");
    }

    /// <summary>The service's recent output, for a failure message.</summary>
    public string ServiceLog => fixture.Service.Output;

    public async ValueTask DisposeAsync()
    {
        await context.CloseAsync();
        try
        {
            profile.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still hold a file for a moment; the temp folder is cleaned by the system.
        }
    }

    [GeneratedRegex("[^a-z0-9-]+")]
    private static partial Regex Unsafe();
}

/// <summary>The browser tests that share one service process.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
