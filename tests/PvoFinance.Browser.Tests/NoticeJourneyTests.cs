using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PvoFinance.Browser.Tests;

/// <summary>
/// A deadline comes near and, after a sweep, the manager's "Mijn werk" shows it on top: a badge counting the unread
/// notices in words, the application's title as a link, the last day in Dutch date form and what to do; marking it
/// read lowers the count.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NoticeJourneyTests(BrowserFixture fixture)
{
    private static string Suffix() => Guid.NewGuid().ToString("N")[..6];

    private static DateTime Today => TimeZoneInfo.ConvertTime(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")).Date;

    private static readonly string[] DutchMonths =
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

    private static string Iso(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_accountability_due_soon_shows_on_the_managers_page_after_a_sweep()
    {
        var s = Suffix();
        var (fund, appId, title) = ($"melding-fonds-{s}", $"melding-{s}", $"Winkelstraat Sittard {s}");
        using (var officer = await fixture.Service.ClientAsync("provincial-officer", province: "Limburg", user: $"officer-{s}"))
        using (var manager = await fixture.Service.ClientAsync("pvo-manager", region: "limburg", user: $"manager-{s}"))
        using (var ministry = await fixture.Service.ClientAsync("ministry", user: $"ministry-{s}"))
        {
            await FirstScreenTests.SendAsync(officer, HttpMethod.Post, "/api/funding-sources",
                new { id = fund, name = $"Meldingfonds {s}", kind = "provincial-fund", funder = "Provincie Limburg", province = "Limburg", maxCofinancing = "100" });
            await FirstScreenTests.SendAsync(officer, HttpMethod.Put, $"/api/funding-sources/{fund}/years/{Today.Year}", new { ceiling = "100000.00" });
            await FirstScreenTests.SendAsync(manager, HttpMethod.Post, "/api/applications",
                new { id = appId, region = "limburg", fundingSource = fund, title, requested = "40000.00", projectCosts = "80000.00" });
            await FirstScreenTests.SendAsync(manager, HttpMethod.Post, $"/api/applications/{appId}/submit", new { });
            await FirstScreenTests.SendAsync(officer, HttpMethod.Post, $"/api/applications/{appId}/start-review", new { });
            await FirstScreenTests.SendAsync(officer, HttpMethod.Post, $"/api/applications/{appId}/grant",
                new { amount = "40000.00", endDate = Iso(Today.AddDays(5)), accountabilityDue = Iso(Today.AddDays(20)), advances = Array.Empty<object>(), reason = "Past binnen de regeling." });
            // What the hourly reminder does by itself, asked for now.
            await FirstScreenTests.SendAsync(ministry, HttpMethod.Post, "/api/notices/sweep", new { });
        }

        await using var session = await fixture.NewSessionAsync($"notices-{s}");
        await session.SignInAsync("PVO-manager", region: "Limburg", user: $"manager-{s}");
        var page = session.Page;
        var notice = page.Locator("#notices li").Filter(new() { HasText = title });
        await Expect(notice).ToHaveCountAsync(1);
        var day = Today.AddDays(20);
        // The test host runs without culture data, so the Dutch month is spelled out here.
        var due = $"{day.Day} {DutchMonths[day.Month - 1]} {day.Year}";
        await Expect(notice).ToContainTextAsync($"Verantwoording, uiterlijk {due} (over 20 dagen)");
        await Expect(notice).ToContainTextAsync("Nieuw");
        await Expect(notice).ToContainTextAsync("Verantwoording indienen");
        await Expect(notice.GetByRole(AriaRole.Link, new() { Name = title })).ToHaveAttributeAsync("href", $"/application.html?id={appId}");
        // The notices come before the task list in "Mijn werk".
        Assert.True(await page.EvaluateAsync<bool>("() => !!(document.getElementById('notices-box').compareDocumentPosition(document.getElementById('tasks-box')) & Node.DOCUMENT_POSITION_FOLLOWING)"));
        var badge = page.Locator("#notices-unread");
        var unread = int.Parse((await badge.TextContentAsync())!.Split(' ')[0], CultureInfo.InvariantCulture);
        Assert.True(unread >= 1);
        await Expect(badge).ToHaveTextAsync($"{unread} ongelezen");
        await session.ShotAsync("notice-unread");

        var markRead = page.Locator($"[id='notice-read-limburg.{day:yyyyMMdd}.accountability.{appId}']");
        await Expect(markRead).ToHaveTextAsync("Gelezen");
        await markRead.ClickAsync();
        await Expect(badge).ToHaveTextAsync($"{unread - 1} ongelezen");
        // Read: no "Gelezen" button any more (read notices follow the unread ones, so it may have left the first page).
        await Expect(markRead).ToHaveCountAsync(0);
        await session.ShotAsync("notice-read");
    }
}
