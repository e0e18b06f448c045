using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PvoFinance.Browser.Tests;

/// <summary>
/// axe-core (the npm package pinned in tools/axe, injected from its file by <see cref="Axe"/>, no CDN) on every page and
/// every view of each role's page, in Dutch and in English: any WCAG 2.0/2.1/2.2 A or AA violation fails the test,
/// listed with the page, view and element. The application page is checked with its decision forms and with the
/// confirmation dialog open; the manager's new application in each of its three steps.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture)
{
    private static async Task CheckAsync(BrowserSession session, string where, List<string> found)
    {
        await session.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var result = await Axe.RunAsync(session.Page);
        // The pinned npm package ran, and rules applied (a page where none applies would pass by looking at nothing).
        Assert.Equal(Axe.Version, result.Version);
        Assert.True(result.Passes > 0, $"{where}: no axe rule applied");
        foreach (var v in result.Violations)
        {
            found.AddRange(v.Targets.Select(t => $"{where}: {v.Id} ({v.Impact}) at {t}: {v.Help}"));
        }
    }

    private static async Task EveryViewAsync(BrowserSession session, string page, string lang, List<string> found)
    {
        var names = await session.Page.Locator("nav#views a").AllTextContentsAsync();
        Assert.NotEmpty(names);
        foreach (var name in names)
        {
            await session.ViewAsync(name.Trim());
            await CheckAsync(session, $"{page} [{lang}] view \"{name.Trim()}\"", found);
        }
    }

    private static Task LanguageAsync(IPage page, string lang) =>
        page.EvaluateAsync("l => l === 'en' ? localStorage.setItem('pvo.lang', 'en') : localStorage.removeItem('pvo.lang')", lang);

    [Fact]
    public async Task The_check_finds_violations_where_there_are_some()
    {
        await using var session = await fixture.NewSessionAsync("axe-self-check");
        await session.Page.SetContentAsync("<html><body><main><img src=\"/none.png\"><input id=\"x\"></main></body></html>");
        var found = new List<string>();
        await CheckAsync(session, "self-check", found);
        Assert.Contains(found, f => f.Contains("image-alt", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Contains("html-has-lang", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_page_and_view_has_no_WCAG_A_or_AA_violation_in_either_language()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var (fund, app) = ($"axe-fonds-{s}", $"axe-{s}");
        using (var officerApi = await fixture.Service.ClientAsync("provincial-officer", province: "Limburg", user: $"officer-{s}"))
        using (var managerApi = await fixture.Service.ClientAsync("pvo-manager", region: "limburg", user: $"manager-{s}"))
        {
            await FirstScreenTests.SendAsync(officerApi, HttpMethod.Post, "/api/funding-sources",
                new { id = fund, name = $"Toegankelijkheidsfonds {s}", kind = "provincial-fund", funder = "Provincie Limburg", province = "Limburg", maxCofinancing = "100" });
            await FirstScreenTests.SendAsync(officerApi, HttpMethod.Put, $"/api/funding-sources/{fund}/years/{DateTime.UtcNow.Year.ToString(CultureInfo.InvariantCulture)}", new { ceiling = "100000.00" });
            await FirstScreenTests.SendAsync(managerApi, HttpMethod.Post, "/api/applications",
                new { id = app, region = "limburg", fundingSource = fund, title = $"Toegankelijk {s}", requested = "10000.00", projectCosts = "20000.00" });
            await FirstScreenTests.SendAsync(managerApi, HttpMethod.Post, $"/api/applications/{app}/submit", new { });
            await FirstScreenTests.SendAsync(officerApi, HttpMethod.Post, $"/api/applications/{app}/start-review", new { });
            // A draft whose plan was saved once: the manager's steps reopen it at step 3.
            await FirstScreenTests.SendAsync(managerApi, HttpMethod.Post, "/api/applications",
                new { id = $"{app}-concept", region = "limburg", fundingSource = fund, title = $"Concept {s}", requested = "10000.00", projectCosts = "20000.00" });
            await FirstScreenTests.SendAsync(managerApi, HttpMethod.Post, $"/api/applications/{app}-concept/edit-draft",
                new { title = $"Concept {s}", requested = "10000.00", projectCosts = "20000.00" });
        }

        var found = new List<string>();
        foreach (var lang in new[] { "nl", "en" })
        {
            await using (var anonymous = await fixture.NewSessionAsync("axe-landing"))
            {
                await anonymous.Page.GotoAsync("/");
                await LanguageAsync(anonymous.Page, lang);
                await anonymous.Page.ReloadAsync();
                await CheckAsync(anonymous, $"/ [{lang}]", found);
            }
            foreach (var (role, region, province, scope, page) in new[]
            {
                ("PVO-manager", "Limburg", (string?)null, (string?)null, "/manager.html"),
                ("Provinciaal ambtenaar", null, "Limburg", null, "/officer.html"),
                ("Penningmeester", null, null, "national", "/treasurer.html"),
                ("Ministerie", null, null, null, "/ministry.html"),
            })
            {
                await using var session = await fixture.NewSessionAsync("axe");
                await session.SignInAsync(role, region: region, province: province, scope: scope, user: $"user-{s}");
                await LanguageAsync(session.Page, lang);
                await session.Page.ReloadAsync();
                await EveryViewAsync(session, page, lang, found);
                if (role == "PVO-manager")
                {
                    // The new application's later steps, on the saved draft: step 3 (check and submit), then step 2 (the plan).
                    await session.Page.GotoAsync($"/manager.html?draft={app}-concept#nieuw");
                    await Expect(session.Page.Locator("#steps li[data-step='3']")).ToHaveAttributeAsync("aria-current", "step");
                    await CheckAsync(session, $"/manager.html [{lang}] step 3", found);
                    await session.Page.Locator("#step-3-back").ClickAsync();
                    await Expect(session.Page.Locator("#steps li[data-step='2']")).ToHaveAttributeAsync("aria-current", "step");
                    await CheckAsync(session, $"/manager.html [{lang}] step 2", found);
                }
                if (role == "Provinciaal ambtenaar")
                {
                    // The application under review: the most forms (grant, reject, request information, extend), then the
                    // confirmation dialog of a rejection.
                    await session.Page.GotoAsync($"/application.html?id={app}");
                    await Expect(session.Page.Locator("#do-grant")).ToBeVisibleAsync();
                    await CheckAsync(session, $"/application.html [{lang}]", found);
                    await session.Page.Locator("#reject-reason").FillAsync("Past niet binnen de regeling.");
                    await session.Page.Locator("#do-reject").ClickAsync();
                    await Expect(session.Page.Locator("#confirm-dialog")).ToBeVisibleAsync();
                    await CheckAsync(session, $"/application.html [{lang}] confirmation", found);
                    await session.Page.Locator("#confirm-no").ClickAsync();
                }
            }
        }
        Assert.True(found.Count == 0, "axe-core found WCAG A/AA violations:\n" + string.Join('\n', found));
    }
}
