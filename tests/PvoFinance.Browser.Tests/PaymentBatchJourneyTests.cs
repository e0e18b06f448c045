using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PvoFinance.Browser.Tests;

/// <summary>
/// The treasurer prepares payments from the page (issue 17, items 2 and 5): the advance due shows that the region's bank
/// details are missing and they are entered in place; the item is then selected with its total; the batch is made and
/// its pain.001 file downloaded; the batch list shows its state in words; cancelling says what is released and frees
/// the item again. A Drenthe fund and treasurer, so other journeys' items do not show.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PaymentBatchJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_treasurer_enters_missing_bank_details_makes_a_batch_downloads_it_and_cancels_it()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var (fund, appId) = ($"fonds-b-{s}", $"batch-{s}");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")));
        string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using (var officer = await fixture.Service.ClientAsync("provincial-officer", province: "Drenthe", user: $"officer-{s}"))
        using (var manager = await fixture.Service.ClientAsync("pvo-manager", region: "noord-nederland", user: $"manager-{s}"))
        {
            await FirstScreenTests.SendAsync(officer, HttpMethod.Post, "/api/funding-sources",
                new { id = fund, name = $"Veiligheidsfonds Drenthe {s}", kind = "provincial-fund", funder = "Provincie Drenthe", province = "Drenthe", maxCofinancing = "100" });
            await FirstScreenTests.SendAsync(officer, HttpMethod.Put, $"/api/funding-sources/{fund}/years/{today.Year}", new { ceiling = "100000.00" });
            await FirstScreenTests.SendAsync(officer, HttpMethod.Put, $"/api/bank-accounts/funding-sources/{fund}", new { iban = "NL91ABNA0417164300", holder = "Provincie Drenthe" });
            await FirstScreenTests.SendAsync(manager, HttpMethod.Post, "/api/applications",
                new { id = appId, region = "noord-nederland", fundingSource = fund, title = $"Keurmerk Veilig Ondernemen {s}", requested = "30000.00", projectCosts = "30000.00" });
            await FirstScreenTests.SendAsync(manager, HttpMethod.Post, $"/api/applications/{appId}/submit", new { });
            await FirstScreenTests.SendAsync(officer, HttpMethod.Post, $"/api/applications/{appId}/start-review", new { });
            await FirstScreenTests.SendAsync(officer, HttpMethod.Post, $"/api/applications/{appId}/grant", new
            {
                amount = "30000.00",
                endDate = Iso(today.AddDays(300)),
                accountabilityDue = Iso(today.AddDays(330)),
                advances = new[] { new { due = Iso(today), amount = "10000.00" } },
                reason = "past the committee",
            });
        }

        await using var session = await fixture.NewSessionAsync("payment-batch");
        var page = session.Page;
        await session.SignInAsync("Penningmeester", scope: "province:Drenthe", user: $"treasurer-{s}");
        await session.ViewAsync("Betalingen klaarzetten");
        var item = $"advance:{appId}:0";
        var row = page.Locator($"#batch-table tr[data-id='{item}']");
        await Expect(row).ToContainTextAsync("Bankgegevens ontbreken");
        await Expect(row).ToContainTextAsync("€ 10.000,00");
        await Expect(row.Locator("input[type=checkbox]")).ToBeDisabledAsync();
        await session.ShotAsync("missing-bank-details");

        // The region's account is entered where it is missed; the item is then selected by default.
        await row.GetByRole(AriaRole.Button, new() { Name = "Bankgegevens invullen van de begunstigde" }).ClickAsync();
        await page.GetByLabel("IBAN").FillAsync("NL20 INGB 0001 2345 67");
        await page.GetByLabel("Rekeninghouder").FillAsync("Stichting PVO Noord-Nederland");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Klaar om te betalen");
        await Expect(row).ToContainTextAsync("NL20 INGB 0001 2345 67");
        await Expect(row.Locator("input[type=checkbox]")).ToBeCheckedAsync();
        await Expect(page.Locator("#batch-total")).ToContainTextAsync("€ 10.000,00");
        await Expect(page.Locator("#batch-execution")).ToHaveValueAsync(today.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture));

        // Only this item: others of the province (none are expected) are left out.
        foreach (var other in await page.Locator("#batch-table input[type=checkbox]:checked").AllAsync())
        {
            if (await other.GetAttributeAsync("data-item") != item)
            {
                await other.UncheckAsync();
            }
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Batch maken" }).ClickAsync();
        await Expect(page.Locator("#batch-made")).ToContainTextAsync("Batch gemaakt: PVO");
        await Expect(page.Locator("#batch-made")).ToContainTextAsync("1 betalingen, € 10.000,00");
        await Expect(row).ToContainTextAsync("In batch PVO");
        await session.ShotAsync("batch-made");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#batch-download").ClickAsync());
        Assert.Matches("^PVO\\d{7}\\.xml$", download.SuggestedFilename);
        var xml = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains("urn:iso:std:iso:20022:tech:xsd:pain.001.001.09", xml, StringComparison.Ordinal);
        Assert.Contains("<CtrlSum>10000.00</CtrlSum>", xml, StringComparison.Ordinal);
        Assert.Contains("NL20INGB0001234567", xml, StringComparison.Ordinal);

        // The list shows the state in words; cancelling says what is released, and the item can be prepared again.
        var number = System.Text.RegularExpressions.Regex.Match(download.SuggestedFilename, "\\d{7}").Value.TrimStart('0');
        var listed = page.Locator($"#batch-list-table tr[data-id='{number}']");
        await Expect(listed.Locator(".badge")).ToHaveTextAsync("open");
        await listed.GetByRole(AriaRole.Button, new() { Name = "Annuleren" }).ClickAsync();
        await Expect(page.Locator("#batch-dialog-what")).ToContainTextAsync("1 betalingen komen weer vrij en kunnen opnieuw worden klaargezet (€ 10.000,00)");
        await session.ShotAsync("cancel-confirm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, annuleren" }).ClickAsync();
        await Expect(listed.Locator(".badge")).ToHaveTextAsync("geannuleerd");
        await Expect(row).ToContainTextAsync("Klaar om te betalen");
        await Expect(row.Locator("input[type=checkbox]")).ToBeEnabledAsync();
        await session.ShotAsync("cancelled");
    }
}
