using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PvoFinance.Browser.Tests;

/// <summary>Steps on the PVO-manager's pages that other journeys need too.</summary>
public static class ManagerPages
{
    /// <summary>Creates a private source of the region with a contribution, on the manager's page.</summary>
    public static async Task SponsorAsync(BrowserSession manager, string id, string name, string amount)
    {
        var page = manager.Page;
        await manager.ViewAsync("Eigen bronnen");
        await page.Locator("#own-id").FillAsync(id);
        await page.Locator("#own-name").FillAsync(name);
        await page.Locator("#own-funder").FillAsync("Ondernemersvereniging");
        await page.GetByRole(AriaRole.Button, new() { Name = "Private bron aanmaken" }).ClickAsync();
        await Expect(page.Locator("#own-result")).ToContainTextAsync($"Bron aangemaakt: {name}");
        await page.Locator("#contrib-source").SelectOptionAsync(id);
        await page.Locator("#contrib-id").FillAsync("c1");
        await page.Locator("#contrib-by").FillAsync("Ondernemersvereniging");
        await page.Locator("#contrib-amount").FillAsync(amount);
        await page.GetByRole(AriaRole.Button, new() { Name = "Bijdrage vastleggen" }).ClickAsync();
        await Expect(page.Locator("#own-result")).ToContainTextAsync($"Bijdrage vastgelegd: € {amount}");
    }

    /// <summary>
    /// Drafts an application in the manager's three steps (parts: source id and Dutch amount): the project (which
    /// creates the draft), the funding plan (which edits it), and ends on step 3 with the draft as the service holds it.
    /// </summary>
    public static async Task DraftAsync(BrowserSession manager, string appId, string fund, string requested, string costs, params (string Source, string Amount)[] parts)
    {
        var page = manager.Page;
        await manager.ViewAsync("Nieuwe aanvraag");
        await page.Locator("#app-title").FillAsync($"Project {appId}");
        await page.Locator("#app-id").FillAsync(appId);
        await page.Locator("#app-fund").SelectOptionAsync(fund);
        await page.Locator("#app-costs").FillAsync(costs);
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende: financieringsplan" }).ClickAsync();
        await Expect(page.Locator("#steps li[data-step='2']")).ToHaveAttributeAsync("aria-current", "step");
        await page.Locator("#app-requested").FillAsync(requested);
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Bron toevoegen" }).ClickAsync();
            }
            await page.Locator(".part").Nth(i).Locator("select").SelectOptionAsync(parts[i].Source);
            await page.Locator(".part").Nth(i).Locator("input").FillAsync(parts[i].Amount);
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende: controleren" }).ClickAsync();
        await Expect(page.Locator("#steps li[data-step='3']")).ToHaveAttributeAsync("aria-current", "step");
        await Expect(page.Locator("#review-list")).ToContainTextAsync($"€ {requested}");
    }

    /// <summary>Submits the draft shown in step 3 and lands on its page, submitted.</summary>
    public static async Task SubmitAsync(BrowserSession manager)
    {
        var page = manager.Page;
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanvraag indienen" }).ClickAsync();
        await Expect(page.Locator("#sum-state")).ToHaveTextAsync("Ingediend");
    }

    /// <summary>Drafts an application in the manager's steps and submits it from the last one.</summary>
    public static async Task DraftAndSubmitAsync(BrowserSession manager, string appId, string fund, string requested, string costs, params (string Source, string Amount)[] parts)
    {
        await DraftAsync(manager, appId, fund, requested, costs, parts);
        await SubmitAsync(manager);
    }
}
