using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PvoFinance.Browser.Tests;

/// <summary>
/// Every page switched to English shows no Dutch: each visible element with <c>data-t</c> shows a wording other than
/// its Dutch key, and no heading, label, button, paragraph, link or status (texts made with <c>t()</c>) contains a
/// Dutch word. The same check on the Dutch pages must find Dutch, so it cannot pass by looking at nothing.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EnglishTests(BrowserFixture fixture)
{
    // Dutch texts whose English wording is the same word.
    private static readonly string[] SameInBoth = ["Open", "Manifest", "Dialect", "PvoFinance", "Scenario"];

    private const string Detector = """
        (same) => {
          const visible = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
          const found = [];
          for (const e of document.querySelectorAll('[data-t]')) {
            if (visible(e) && e.textContent.trim() === e.dataset.t.trim() && !same.includes(e.dataset.t)) found.push(`data-t "${e.dataset.t}"`);
          }
          // Words that occur in Dutch sentences and labels but not in English ones (ids such as fonds-a-1 do not count).
          const dutch = /(^|[^\p{L}-])(de|het|een|van|voor|niet|uw|naar|bij|geen|nog|wordt|zijn|deze|dit|aan|op|tot|en|wat|wie|wanneer|bedrag|regio|aanvraag|aanvragen|fonds|jaar|bron|reden|kosten|opslaan|toevoegen|vastleggen|aanmaken|aanmelden|uitloggen|totaal|betaald|ontvangen|gevraagd|verleend|beschikbaar)(?=$|[^\p{L}-])/iu;
          for (const e of document.querySelectorAll('h1,h2,h3,h4,th,label,legend,button,dt,caption,summary,p,a,[role=status],[role=alert]')) {
            if (!visible(e)) continue;
            // People's own words (application titles, marked translate="no") are data in whatever language they chose.
            if (e.closest('[translate="no"]')) continue;
            // An element's own text only (its children are checked themselves); options and cells hold data.
            const own = [...e.childNodes].filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent).join(' ').trim();
            const m = own.match(dutch);
            if (m) found.push(`${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} "${own}" (${m[2]})`);
          }
          return found;
        }
        """;

    private static async Task<string[]> DutchLeftAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return await page.EvaluateAsync<string[]>(Detector, SameInBoth);
    }

    private static Task EnglishAsync(IPage page, bool english) =>
        page.EvaluateAsync("en => en ? localStorage.setItem('pvo.lang', 'en') : localStorage.removeItem('pvo.lang')", english);

    [Fact]
    public async Task Every_page_in_English_shows_no_Dutch()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var appId = $"engl-{s}";
        var left = new List<string>();
        async Task Check(BrowserSession session, string path)
        {
            await EnglishAsync(session.Page, true);
            var found = await DutchLeftAsync(session.Page, path);
            await session.ShotAsync(path.Trim('/').Split('?')[0].Replace(".html", "", StringComparison.Ordinal) is { Length: > 0 } n ? n : "landing");
            left.AddRange(found.Select(f => $"{path}: {f}"));
        }

        // The officer's application page under review shows the most forms (grant, reject, request information, …).
        await using (var officer = await ApplicationPageTests.SubmittedAsync(fixture, s, $"fonds-en-{s}", appId, "20.000,00", "40.000,00"))
        {
            await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Beoordeling starten" }).ClickAsync();
            await Expect(officer.Page.Locator("#sum-state")).ToHaveTextAsync("In behandeling");

            // The check finds Dutch on the Dutch page: it is not looking at nothing.
            await EnglishAsync(officer.Page, false);
            Assert.NotEmpty(await DutchLeftAsync(officer.Page, $"/application.html?id={appId}"));

            await Check(officer, $"/application.html?id={appId}");
            await Check(officer, "/officer.html");
        }
        await using (var anonymous = await fixture.NewSessionAsync("english"))
        {
            await anonymous.Page.GotoAsync("/");
            Assert.NotEmpty(await DutchLeftAsync(anonymous.Page, "/"));
            await Check(anonymous, "/");
            await Check(anonymous, "/signin-callback.html?code=x&state=y");
        }
        foreach (var (role, region, scope, path) in new[]
        {
            ("PVO-manager", "Limburg", (string?)null, "/manager.html"),
            ("Penningmeester", null, "national", "/treasurer.html"),
            ("Ministerie", null, null, "/ministry.html"),
        })
        {
            await using var session = await fixture.NewSessionAsync("english");
            await session.SignInAsync(role, region: region, scope: scope);
            await Check(session, path);
        }
        Assert.True(left.Count == 0, "Dutch left on the English pages:\n" + string.Join('\n', left));
    }
}
