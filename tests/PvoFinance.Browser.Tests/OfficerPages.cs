using static Microsoft.Playwright.Assertions;

namespace PvoFinance.Browser.Tests;

/// <summary>Steps on the provincial officer's page that other journeys need too.</summary>
public static class OfficerPages
{
    /// <summary>Creates a provincial fund with a ceiling for this year on the officer's page and checks the budget table.</summary>
    public static async Task CreateFundAsync(BrowserSession officer, string id, string name, string maxShare, string ceiling)
    {
        var page = officer.Page;
        await officer.ViewAsync("Fonds aanmaken");
        // The id is proposed from the name; the test chooses its own so runs do not collide.
        await page.GetByLabel("Naam", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Kenmerk (voorgesteld uit de naam)").FillAsync(id);
        await page.GetByLabel("Maximaal aandeel in de projectkosten (%)").FillAsync(maxShare);
        await page.GetByLabel("Plafond dit jaar").FillAsync(ceiling);
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Fonds aanmaken" }).ClickAsync();
        await Expect(page.Locator("#fund-result")).ToContainTextAsync($"Fonds aangemaakt: {name}, plafond € {ceiling}");
        await Expect(page.Locator($"#budgets-table tr[data-id='{id}']")).ToContainTextAsync($"€ {ceiling}");
        await officer.ShotAsync("fund-created");
    }
}
