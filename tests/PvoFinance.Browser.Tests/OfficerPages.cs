using static Microsoft.Playwright.Assertions;

namespace PvoFinance.Browser.Tests;

/// <summary>Steps on the provincial officer's page that other journeys need too.</summary>
public static class OfficerPages
{
    /// <summary>Creates a provincial fund with a ceiling for this year on the officer's page and checks the budget table.</summary>
    public static async Task CreateFundAsync(BrowserSession officer, string id, string name, string maxShare, string ceiling)
    {
        var page = officer.Page;
        await page.GetByLabel("Kenmerk").FillAsync(id);
        await page.GetByLabel("Naam", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Maximaal aandeel in de projectkosten (%)").FillAsync(maxShare);
        await page.GetByLabel("Plafond dit jaar").FillAsync(ceiling);
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Fonds aanmaken" }).ClickAsync();
        await Expect(page.Locator("#fund-result")).ToContainTextAsync($"Fonds aangemaakt: {name}, plafond € {ceiling}");
        await Expect(page.Locator("#budgets-table tr", new() { HasText = id })).ToContainTextAsync($"€ {ceiling}");
        await officer.ShotAsync("fund-created");
    }
}
