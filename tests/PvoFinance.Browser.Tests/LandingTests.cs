using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PvoFinance.Browser.Tests;

/// <summary>The page at /: what PvoFinance is, the Development sign-in by keyboard, errors in words, English on request, no outside network.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LandingTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_landing_page_explains_PvoFinance_signs_in_by_keyboard_and_switches_to_English()
    {
        await using var session = await fixture.NewSessionAsync("landing");
        var page = session.Page;
        var outside = new List<string>();
        page.RequestFailed += (_, request) => outside.Add(request.Url);
        await page.GotoAsync("/");
        await Expect(page).ToHaveTitleAsync("PvoFinance");
        await Expect(page.Locator("#about-nl")).ToContainTextAsync("financiële grootboek van de tien Platforms Veilig Ondernemen");
        await session.ShotAsync("landing");

        // A user name the service refuses: its words stand next to the field.
        await page.GetByLabel("Gebruiker (optioneel)").FillAsync("Niet Goed!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
        await Expect(page.Locator("#user + .error")).ToHaveTextAsync("Dit is niet geldig. Controleer de gebruiker. Toelichting: De gebruiker heeft 1 tot en met 60 tekens: a-z, 0-9 en '-'.");
        await Expect(page.Locator("#user")).ToHaveAttributeAsync("aria-invalid", "true");
        await session.ShotAsync("user-refused");

        // By keyboard only: role, region, user, Enter.
        await page.GetByLabel("Gebruiker (optioneel)").FillAsync("");
        await page.BringToFrontAsync();
        await page.GetByLabel("Rol").PressAsync("Tab");
        Assert.Equal("region", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("user", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.TypeAsync("kees");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#who")).ToContainTextAsync("Aangemeld als PVO-manager · Limburg (kees)");
        await Expect(page.Locator("h1")).ToContainTextAsync("Limburg");

        // English on request, and back.
        await page.GetByLabel("Taal").SelectOptionAsync("en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My work" })).ToBeVisibleAsync();
        await Expect(page.Locator("#who")).ToContainTextAsync("Signed in as");
        await session.ShotAsync("english");
        await page.GetByLabel("Language").SelectOptionAsync("nl");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mijn werk" })).ToBeVisibleAsync();

        // Signing out returns to the landing page, which asks for a sign-in again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Wat is PvoFinance?" })).ToBeVisibleAsync();
        Assert.Empty(outside);
    }
}
