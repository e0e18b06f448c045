using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PvoFinance.Browser.Tests;

/// <summary>
/// The manager's new application in three steps on a phone (390 × 844): from the first screen to submitted, every
/// step no wider than the screen, the current step marked in the list of steps. (The desktop run that leaves after
/// step 2 and comes back from "Mijn werk" is in <see cref="ManagerJourneyTests"/>.)
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ApplicationStepsTests(BrowserFixture fixture)
{
    private static string Year => DateTime.UtcNow.Year.ToString(CultureInfo.InvariantCulture);

    private static async Task FitsAsync(IPage page, string where)
    {
        var (scroll, width) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        Assert.True(scroll <= width, $"{where}: the page is {scroll} px wide on a {width} px screen");
    }

    [Fact]
    public async Task On_a_phone_the_manager_applies_in_three_steps_from_the_first_screen_to_submitted()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var (fund, appId) = ($"stap-fonds-{s}", $"stap-{s}");
        using (var officer = await fixture.Service.ClientAsync("provincial-officer", province: "Limburg", user: $"officer-{s}"))
        {
            await FirstScreenTests.SendAsync(officer, HttpMethod.Post, "/api/funding-sources",
                new { id = fund, name = $"Stappenfonds {s}", kind = "provincial-fund", funder = "Provincie Limburg", province = "Limburg", maxCofinancing = "50" });
            await FirstScreenTests.SendAsync(officer, HttpMethod.Put, $"/api/funding-sources/{fund}/years/{Year}", new { ceiling = "80000.00" });
        }

        await using var session = await fixture.NewSessionAsync("application-steps-phone");
        var page = session.Page;
        await page.SetViewportSizeAsync(390, 844);
        await session.SignInAsync("PVO-manager", region: "Limburg", user: $"manager-{s}");

        // The first screen's main action opens step 1.
        await page.Locator("#start-new").ClickAsync();
        var steps = page.Locator("#steps li");
        await Expect(steps).ToHaveCountAsync(3);
        await Expect(steps).ToHaveTextAsync([new System.Text.RegularExpressions.Regex("Project"), new System.Text.RegularExpressions.Regex("Financieringsplan"),
            new System.Text.RegularExpressions.Regex("Controleren en indienen")]);
        await Expect(page.Locator("#steps li[aria-current='step']")).ToHaveCountAsync(1);
        await Expect(steps.Nth(0)).ToHaveAttributeAsync("aria-current", "step");
        await page.Locator("#app-title").FillAsync($"Buurtpreventie Sittard {s}");
        await Expect(page.Locator("#app-id")).ToHaveValueAsync($"buurtpreventie-sittard-{s}");
        await page.Locator("#app-id").FillAsync(appId);
        await page.GetByLabel("Fonds").SelectOptionAsync(fund);
        await page.GetByLabel("Projectkosten").FillAsync("30.000");
        await FitsAsync(page, "step 1");
        await session.ShotAsync("step-1", fullPage: false);
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende: financieringsplan" }).ClickAsync();

        // Step 2: the plan, with what the fund pays at most (50 % of € 30.000,00) proposed.
        await Expect(steps.Nth(1)).ToHaveAttributeAsync("aria-current", "step");
        await Expect(page.Locator("#step-2-title")).ToBeFocusedAsync();
        await Expect(page.Locator("#app-requested")).ToHaveValueAsync("15.000,00");
        await Expect(page.Locator("#part-amount-0")).ToHaveValueAsync("15.000,00");
        await page.GetByLabel("Gevraagd").FillAsync("12.000");
        await page.Locator("#part-amount-0").FillAsync("12.000");
        await Expect(page.Locator("#check-sum")).ToContainTextAsync("€ 12.000,00");
        await Expect(page.Locator($"#check-share-{fund}")).ToContainTextAsync("✓");
        await FitsAsync(page, "step 2");
        await session.ShotAsync("step-2", fullPage: false);
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende: controleren" }).ClickAsync();

        // Step 3: the draft as the service holds it; submitted from here.
        await Expect(steps.Nth(2)).ToHaveAttributeAsync("aria-current", "step");
        await Expect(page.Locator("#review-list")).ToContainTextAsync($"Stappenfonds {s}");
        await Expect(page.Locator("#review-list")).ToContainTextAsync("€ 12.000,00");
        await Expect(page.Locator("#review-list")).ToContainTextAsync("€ 30.000,00");
        await FitsAsync(page, "step 3");
        await session.ShotAsync("step-3", fullPage: false);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanvraag indienen" }).ClickAsync();

        await Expect(page.Locator("#sum-state")).ToHaveTextAsync("Ingediend");
        await Expect(page.Locator("#banner")).ToHaveTextAsync($"De aanvraag is ingediend: Buurtpreventie Sittard {s}.");
        await Expect(page.Locator("#banner")).ToBeFocusedAsync();
        await FitsAsync(page, "the submitted application");
        await session.ShotAsync("submitted", fullPage: false);
    }
}
