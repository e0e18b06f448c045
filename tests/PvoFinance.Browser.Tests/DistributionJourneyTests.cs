using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PvoFinance.Browser.Tests;

/// <summary>
/// The ministry spreads a scheme's €10,000,000.00 over the ten regions per inhabitant from its page: a preview with the
/// regions by name and Dutch amounts adding up to exactly the total, then the commit after a confirmation, paid
/// through the CCV.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DistributionJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_ministry_previews_and_commits_a_distribution_over_the_ten_regions()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var scheme = $"verdeling-{s}";
        var year = DateTime.UtcNow.Year.ToString(CultureInfo.InvariantCulture);
        using (var ministryApi = await fixture.Service.ClientAsync("ministry", user: $"ministry-{s}"))
        {
            await FirstScreenTests.SendAsync(ministryApi, HttpMethod.Post, "/api/funding-sources",
                new { id = scheme, name = $"Regionale verdeling {s}", kind = "national-scheme", funder = "Ministerie van Justitie en Veiligheid", intermediary = "ccv" });
            await FirstScreenTests.SendAsync(ministryApi, HttpMethod.Put, $"/api/funding-sources/{scheme}/years/{year}", new { ceiling = "10000000.00" });
        }
        await using var session = await fixture.NewSessionAsync("distribution");
        var page = session.Page;
        await session.SignInAsync("Ministerie");
        await session.ViewAsync("Verdelen over de regio's");
        await page.GetByLabel("Regeling of fonds").SelectOptionAsync(new SelectOptionValue { Label = $"Regionale verdeling {s}" });
        await page.GetByLabel("Totaal te verdelen").FillAsync("10.000.000,00");
        await page.GetByLabel("Totaal te verdelen").DispatchEventAsync("change");
        await Expect(page.Locator("#dist-id")).ToHaveValueAsync($"verdeling-{scheme}-{year}");
        await page.GetByLabel("Meteen uitbetalen (via de tussenpersoon als de regeling die heeft)").CheckAsync();

        // Committing is offered only after a preview of exactly this request.
        await Expect(page.Locator("#dist-commit")).ToBeDisabledAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Voorbeeld tonen" }).ClickAsync();
        await Expect(page.Locator("#dist-table tbody tr[data-id]")).ToHaveCountAsync(10);
        await Expect(page.Locator("#dist-table tr[data-id='zeeland-west-brabant']")).ToContainTextAsync("Zeeland-West-Brabant");
        await Expect(page.Locator("#dist-table tr[data-id='limburg']")).ToContainTextAsync("€ ");
        await Expect(page.Locator("#dist-sum")).ToHaveTextAsync("€ 10.000.000,00");
        await Expect(page.Locator("#dist-caption")).ToHaveTextAsync("Voorbeeld: er is nog niets toegezegd.");
        await session.ShotAsync("preview");

        // The confirmation says what happens; cancelling commits nothing.
        await page.GetByRole(AriaRole.Button, new() { Name = "Verdeling vastleggen" }).ClickAsync();
        await Expect(page.Locator("#dist-dialog")).ToBeVisibleAsync();
        await Expect(page.Locator("#dist-dialog-what")).ToContainTextAsync("10 regio's krijgen samen € 10.000.000,00");
        await Expect(page.Locator("#dist-dialog-what")).ToContainTextAsync("via CCV");
        await session.ShotAsync("confirm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Annuleren" }).ClickAsync();
        await Expect(page.Locator("#dist-caption")).ToHaveTextAsync("Voorbeeld: er is nog niets toegezegd.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Verdeling vastleggen" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, vastleggen" }).ClickAsync();
        await Expect(page.Locator("#dist-result")).ToContainTextAsync("Toegezegd en betaald: € 10.000.000,00");
        await Expect(page.Locator("#dist-caption")).ToContainTextAsync($"verdeling-{scheme}-{year}");
        await Expect(page.Locator("#dist-sum")).ToHaveTextAsync("€ 10.000.000,00");
        await session.ShotAsync("committed");

        // Asking again for more than the budget has left is refused next to the total, in words.
        await page.GetByRole(AriaRole.Button, new() { Name = "Voorbeeld tonen" }).ClickAsync();
        await Expect(page.Locator("#dist-total + .error")).ToBeVisibleAsync();
    }
}
