using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PvoFinance.Browser.Tests;

/// <summary>
/// Each role's page starts with its work: the tasks, most urgent first, and the role's main action on the first screen
/// (1280×900); the setup forms are views of their own; names where a person reads; an id proposed from a title; a link
/// to an application survives the sign-in; and at 390 px no view of a role's page scrolls sideways. Screenshots of
/// each role's first screen, desktop and phone, are kept.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FirstScreenTests(BrowserFixture fixture)
{
    private const int DesktopHeight = 900;
    private static string Year => DateTime.UtcNow.Year.ToString(CultureInfo.InvariantCulture);

    private static string Suffix() => Guid.NewGuid().ToString("N")[..6];

    /// <summary>One call to the API with a development token of the given role; fails the test on a refusal.</summary>
    internal static async Task SendAsync(HttpClient http, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// Limburg's work through the API (the journeys type these through the pages): a fund, a draft, an application the
    /// officer asked information on, and one the officer rejected with a reason.
    /// </summary>
    private async Task<(string Fund, string Draft, string Asked, string Rejected)> SeedAsync(string s)
    {
        var (fund, draft, asked, rejected) = ($"start-fonds-{s}", $"start-concept-{s}", $"start-vraag-{s}", $"start-afw-{s}");
        using var officer = await fixture.Service.ClientAsync("provincial-officer", province: "Limburg", user: $"officer-{s}");
        using var manager = await fixture.Service.ClientAsync("pvo-manager", region: "limburg", user: $"manager-{s}");
        await SendAsync(officer, HttpMethod.Post, "/api/funding-sources",
            new { id = fund, name = $"Startfonds {s}", kind = "provincial-fund", funder = "Provincie Limburg", province = "Limburg", maxCofinancing = "100" });
        await SendAsync(officer, HttpMethod.Put, $"/api/funding-sources/{fund}/years/{Year}", new { ceiling = "100000.00" });
        foreach (var (id, title) in new[] { (draft, $"Concept {s}"), (asked, $"Vraag {s}"), (rejected, $"Afgewezen {s}") })
        {
            await SendAsync(manager, HttpMethod.Post, "/api/applications",
                new { id, region = "limburg", fundingSource = fund, title, requested = "10000.00", projectCosts = "20000.00" });
        }
        foreach (var id in new[] { asked, rejected })
        {
            await SendAsync(manager, HttpMethod.Post, $"/api/applications/{id}/submit", new { });
            await SendAsync(officer, HttpMethod.Post, $"/api/applications/{id}/start-review", new { });
        }
        await SendAsync(officer, HttpMethod.Post, $"/api/applications/{asked}/request-information", new { reason = "Graag de begroting." });
        // One submitted application, so the officer has a decision to take.
        await SendAsync(manager, HttpMethod.Post, "/api/applications",
            new { id = $"start-ingediend-{s}", region = "limburg", fundingSource = fund, title = $"Ingediend {s}", requested = "10000.00", projectCosts = "20000.00" });
        await SendAsync(manager, HttpMethod.Post, $"/api/applications/start-ingediend-{s}/submit", new { });
        await SendAsync(officer, HttpMethod.Post, $"/api/applications/{rejected}/reject", new { reason = "Past niet binnen de regeling." });
        return (fund, draft, asked, rejected);
    }

    /// <summary>The element's bottom edge lies within the first screen.</summary>
    private static async Task OnFirstScreenAsync(ILocator locator)
    {
        await Expect(locator).ToBeVisibleAsync();
        var box = await locator.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Y + box.Height <= DesktopHeight, $"{locator} ends at y = {box.Y + box.Height}, below the first screen ({DesktopHeight} px)");
    }

    /// <summary>At the phone's width, every view of the page (and the page as a whole) is no wider than the screen.</summary>
    private static async Task FitsThePhoneAsync(BrowserSession session, string page)
    {
        var links = session.Page.Locator("nav#views a");
        var names = await links.AllTextContentsAsync();
        Assert.NotEmpty(names);
        foreach (var name in names)
        {
            await session.ViewAsync(name.Trim());
            await session.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var (scroll, width) = (await session.Page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await session.Page.EvaluateAsync<int>("window.innerWidth"));
            Assert.True(scroll <= width, $"{page}, view \"{name.Trim()}\": the page is {scroll} px wide on a {width} px screen");
        }
    }

    [Fact]
    public async Task Each_role_starts_with_its_tasks_and_main_action_on_the_first_screen_and_fits_a_phone()
    {
        var s = Suffix();
        var (fund, draft, asked, rejected) = await SeedAsync(s);
        foreach (var (role, region, province, scope, page, action, journey) in new[]
        {
            ("PVO-manager", "Limburg", (string?)null, (string?)null, "/manager.html", "#start-new", "first-screen-manager"),
            ("Provinciaal ambtenaar", null, "Limburg", null, "/officer.html", "#start-next", "first-screen-officer"),
            ("Penningmeester", null, null, "province:Limburg", "/treasurer.html", "#start-receipt", "first-screen-treasurer"),
            ("Ministerie", null, null, null, "/ministry.html", "#start-compare", "first-screen-ministry"),
        })
        {
            await using var session = await fixture.NewSessionAsync(journey);
            await session.SignInAsync(role, region: region, province: province, scope: scope, user: $"user-{s}");
            var p = session.Page;
            await Expect(p.Locator("#tasks, #tasks-none")).ToHaveCountAsync(1);
            await Expect(p.Locator("nav#views a[aria-current='page']")).ToHaveTextAsync("Mijn werk");
            await OnFirstScreenAsync(p.Locator("#work-title"));
            await OnFirstScreenAsync(p.Locator(action));
            await session.ShotAsync("desktop", fullPage: false);

            if (role == "PVO-manager")
            {
                // The manager's tasks, most urgent first: the information asked, the draft to finish, the refusal with its reason
                // (other journeys' applications of Limburg may stand between them).
                var tasks = p.Locator("#tasks li");
                var order = (await tasks.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.id)")).ToList();
                Assert.True(order.IndexOf(asked) >= 0 && order.IndexOf(asked) < order.IndexOf(draft) && order.IndexOf(draft) < order.IndexOf(rejected),
                    "tasks in order: " + string.Join(", ", order));
                await Expect(p.Locator($"#tasks li[data-id='{asked}']")).ToContainTextAsync($"Informatie aanleveren: Vraag {s}");
                await Expect(p.Locator($"#tasks li[data-id='{draft}']")).ToContainTextAsync($"Concept afmaken en indienen: Concept {s}");
                var refused = p.Locator($"#tasks li[data-id='{rejected}']");
                await Expect(refused).ToContainTextAsync("Reden: Past niet binnen de regeling.");
                // Names, not ids: the fund and region by name, the state as a badge with its word.
                await Expect(refused).ToContainTextAsync($"Limburg · Startfonds {s}");
                await Expect(refused.Locator(".badge")).ToHaveTextAsync("Afgewezen");
                await Expect(p.Locator("#tasks")).Not.ToContainTextAsync(fund);
                await Expect(p.Locator($"#applications-table tr[data-id='{draft}']")).Not.ToContainTextAsync(draft);
            }
            if (role == "Provinciaal ambtenaar")
            {
                // The officer's main action opens the most urgent decision; the one waiting for information comes after.
                await Expect(p.Locator("#start-next")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/application\\.html\\?id="));
                await OnFirstScreenAsync(p.Locator("#start-commit"));
                await Expect(p.Locator($"#tasks li[data-id='start-ingediend-{s}']")).ToContainTextAsync($"Beoordeling starten: Ingediend {s}");
                await Expect(p.Locator($"#tasks li[data-id='{asked}']")).ToContainTextAsync("Wacht op informatie van de regio");
            }
            if (role == "Penningmeester")
            {
                await Expect(p.Locator("#who")).ToContainTextAsync("Penningmeester · Provincie Limburg");
            }

            await p.SetViewportSizeAsync(390, 844);
            await p.ReloadAsync();
            await Expect(p.Locator("#tasks, #tasks-none")).ToHaveCountAsync(1);
            await session.ShotAsync("phone", fullPage: false);
            await FitsThePhoneAsync(session, page);
        }
    }

    [Fact]
    public async Task A_link_to_an_application_survives_the_sign_in_and_the_page_proposes_an_id_from_the_title()
    {
        var s = Suffix();
        var (_, draft, _, _) = await SeedAsync(s);
        await using var session = await fixture.NewSessionAsync("deep-link");
        var page = session.Page;
        await page.GotoAsync($"/application.html?id={draft}");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/\\?next="));
        await session.SignInAsync("PVO-manager", region: "Limburg", user: $"manager-{s}");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/application\\.html\\?id={draft}$"));
        await Expect(page.Locator("#app-id")).ToHaveTextAsync(draft);
        await Expect(page.Locator("#sum-fund")).ToHaveTextAsync($"Startfonds {s}");
        await Expect(page.Locator("#sum-region")).ToHaveTextAsync("Limburg");
        // Submitting is this draft's one primary action; the banner after it says what happened and has the focus.
        await Expect(page.Locator("#do-submit")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bprimary\\b"));
        await Expect(page.Locator("#do-edit-draft")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bsecondary\\b"));
        await page.Locator("#do-submit").ClickAsync();
        await Expect(page.Locator("#banner")).ToHaveTextAsync("De aanvraag is ingediend. Status: Ingediend.");
        await Expect(page.Locator("#banner")).ToBeFocusedAsync();
        await session.ShotAsync("submitted-banner");

        // The application page fits a phone too.
        await page.SetViewportSizeAsync(390, 844);
        await page.ReloadAsync();
        await Expect(page.Locator("#sum-state")).ToHaveTextAsync("Ingediend");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the application page scrolls sideways at 390 px");
        await session.ShotAsync("application-phone", fullPage: false);
        await page.SetViewportSizeAsync(1280, 900);

        // A view's address survives a reload; the new application's id follows its title until it is typed by hand.
        await page.GotoAsync("/manager.html#nieuw");
        await Expect(page.Locator("#new-title")).ToBeVisibleAsync();
        await page.Locator("#app-title").FillAsync($"Keurmerk Venlo 2026 {s}");
        await Expect(page.Locator("#app-id")).ToHaveValueAsync($"keurmerk-venlo-2026-{s}");
        await page.Locator("#app-id").FillAsync($"kvo-venlo-{s}");
        await page.Locator("#app-title").FillAsync($"Keurmerk Venlo {s}");
        await Expect(page.Locator("#app-id")).ToHaveValueAsync($"kvo-venlo-{s}");
        await session.ShotAsync("id-proposed");
    }
}
