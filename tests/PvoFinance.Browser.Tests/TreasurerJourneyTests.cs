using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PvoFinance.Browser.Tests;

/// <summary>
/// The treasurer's work from the browser: pay a scheduled advance, (after the manager's accountability and the
/// officer's determination) the rest, export the scope's transactions with a manifest,
/// and verify the downloaded file against the ledger, then a tampered copy that names its first difference.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TreasurerJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_treasurer_pays_an_advance_exports_with_a_manifest_and_verifies_the_file()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var (fund, appId) = ($"fonds-t-{s}", $"betaal-{s}");
        await using (var officer = await fixture.NewSessionAsync("treasurer-setup-officer"))
        {
            await officer.SignInAsync("Provinciaal ambtenaar", province: "Limburg", user: $"officer-{s}");
            await OfficerPages.CreateFundAsync(officer, fund, "Fonds Betalingen", "100", "80.000,00");
            await using (var manager = await fixture.NewSessionAsync("treasurer-setup-manager"))
            {
                await manager.SignInAsync("PVO-manager", region: "Limburg", user: $"manager-{s}");
                await ManagerPages.DraftAndSubmitAsync(manager, appId, fund, "30.000,00", "30.000,00", (fund, "30.000,00"));
            }
            var p = officer.Page;
            await p.GotoAsync($"/application.html?id={appId}");
            await p.GetByRole(AriaRole.Button, new() { Name = "Beoordeling starten" }).ClickAsync();
            await Expect(p.Locator("#sum-state")).ToHaveTextAsync("In behandeling");
            await p.Locator("#grant-advanceAmount").FillAsync("10.000,00");
            await p.Locator("#do-grant").ClickAsync();
            await Expect(p.Locator("#sum-state")).ToHaveTextAsync("Verleend");
            await Expect(p.Locator("#deadlines-table")).ToContainTextAsync("Voorschot 1: € 10.000,00");
        }

        await using var session = await fixture.NewSessionAsync("treasurer");
        var page = session.Page;
        await session.SignInAsync("Penningmeester", scope: "province:Limburg", user: $"treasurer-{s}");
        // The first screen: the advance due, with its amount, among the tasks.
        await Expect(page.Locator($"#tasks li[data-id='{appId}']")).ToContainTextAsync("Voorschot betalen € 10.000,00");
        var row = page.Locator($"#payables-table tr[data-id='{appId}']");
        await Expect(row).ToContainTextAsync("Verleend");
        await session.ShotAsync("payables");
        await row.GetByRole(AriaRole.Link, new() { Name = appId }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Verlenen" })).ToHaveCountAsync(0);
        // The advance due is prefilled from the schedule.
        await Expect(page.Locator("#pay-advance-amount")).ToHaveValueAsync("10.000,00");
        await page.Locator("#pay-advance-amount").FillAsync("10.000,00");
        await page.Locator("#pay-advance-reference").FillAsync("BANK-2026-001");
        await page.Locator("#do-pay-advance").ClickAsync();
        await Expect(page.Locator("#sum-paid")).ToHaveTextAsync("€ 10.000,00");
        await Expect(page.Locator($"#figures-table tr[data-id='{fund}']")).ToContainTextAsync("€ 20.000,00");
        await Expect(page.Locator("#history-table")).ToContainTextAsync("Voorschot betaald");
        await session.ShotAsync("advance-paid");

        // The manager accounts for the money (the accountability form), the officer determines, the treasurer pays the rest.
        await using (var manager = await fixture.NewSessionAsync("accountability-manager"))
        {
            await manager.SignInAsync("PVO-manager", region: "Limburg", user: $"manager-{s}");
            await manager.Page.GotoAsync($"/application.html?id={appId}");
            await manager.Page.Locator("#do-submit-accountability").ClickAsync();
            await Expect(manager.Page.Locator("#submit-accountability-results + .error")).ToHaveTextAsync("Dit veld is verplicht.");
            await manager.Page.GetByLabel("Resultaten").FillAsync("40 ondernemers bezocht, keurmerk behaald.");
            // Tier B asks for a content report and a financial statement: without them the form says which, and nothing is sent.
            await manager.Page.Locator("#do-submit-accountability").ClickAsync();
            await Expect(manager.Page.Locator("#accountability-doc-content-report + .error")).ToContainTextAsync("Kies of upload dit document");
            await manager.Page.Locator("#accountability-file-content-report").SetInputFilesAsync(new FilePayload { Name = "verslag.txt", MimeType = "text/plain", Buffer = System.Text.Encoding.UTF8.GetBytes("Inhoudelijk verslag: 40 ondernemers bezocht.\n") });
            await manager.Page.Locator("#accountability-file-financial-statement").SetInputFilesAsync(new FilePayload { Name = "kosten.txt", MimeType = "text/plain", Buffer = System.Text.Encoding.UTF8.GetBytes("Financieel verslag: kosten 30.000,00.\n") });
            await manager.Page.Locator("#do-submit-accountability").ClickAsync();
            await Expect(manager.Page.Locator("#sum-state")).ToHaveTextAsync("Verantwoording ingediend");
            // Each uploaded document stands in the history, in Dutch, with its hash beside it.
            await Expect(manager.Page.Locator("#history-table tr", new() { HasText = "Document toegevoegd" })).ToHaveCountAsync(2);
            await Expect(manager.Page.Locator("#history-table")).ToContainTextAsync("Financieel verslag: kosten.txt");
            await Expect(manager.Page.Locator("#history-table .document-hash")).ToHaveCountAsync(2);
            await manager.ShotAsync("accountability-submitted");
        }
        await using (var officer = await fixture.NewSessionAsync("accountability-officer"))
        {
            await officer.SignInAsync("Provinciaal ambtenaar", province: "Limburg", user: $"officer-{s}");
            await Expect(officer.Page.Locator($"#inbox-table tr[data-id='{appId}']")).ToContainTextAsync("Vaststellen");
            await officer.Page.GotoAsync($"/application.html?id={appId}");
            await officer.Page.Locator("#determine-amount").FillAsync("30.000,00");
            await officer.Page.Locator("#do-determine").ClickAsync();
            await Expect(officer.Page.Locator("#sum-state")).ToHaveTextAsync("Vastgesteld");
            await Expect(officer.Page.Locator("#sum-determined")).ToHaveTextAsync("€ 30.000,00");
            await Expect(officer.Page.Locator($"#figures-table tr[data-id='{fund}']")).ToContainTextAsync("€ 20.000,00");
            await Expect(officer.Page.Locator("#deadlines-table")).ToContainTextAsync("Betaling uiterlijk");
            await officer.ShotAsync("determined");
        }
        await page.ReloadAsync();
        await page.Locator("#record-payment-amount").FillAsync("20.000,00");
        await page.Locator("#record-payment-reference").FillAsync("BANK-2026-002");
        await page.Locator("#do-record-payment").ClickAsync();
        await Expect(page.Locator("#sum-paid")).ToHaveTextAsync("€ 30.000,00");
        await Expect(page.Locator("#ledger-check")).ToContainTextAsync("De cijfers komen overeen met het grootboek.");
        await Expect(page.Locator("#history-table")).ToContainTextAsync("Betaling vastgelegd");
        await session.ShotAsync("rest-paid");

        // Export the region's transactions as of today: the download, its manifest, and a verification.
        await page.GetByRole(AriaRole.Link, new() { Name = "Terug naar mijn pagina" }).ClickAsync();
        await session.ViewAsync("Exporteren en controleren");
        await page.GetByLabel("Bereik").SelectOptionAsync("province:Limburg");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Downloaden" }).ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"pvo-{s}-{download.SuggestedFilename}");
        await download.SaveAsAsync(file);
        Assert.StartsWith("transactions-province-Limburg-", download.SuggestedFilename, StringComparison.Ordinal);
        await Expect(page.Locator("#progress-text")).ToContainTextAsync("Klaar");
        await Expect(page.Locator("#manifest-file")).ToHaveTextAsync(download.SuggestedFilename);
        var lines = File.ReadAllLines(file).Length - 1;
        await Expect(page.Locator("#manifest-rows")).ToHaveTextAsync(lines.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("#manifest-sha")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f]{64}$"));
        await session.ShotAsync("exported");

        await page.Locator("#verify-file").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Controleren", Exact = true }).ClickAsync();
        await Expect(page.Locator("#verify-verdict")).ToContainTextAsync("Het bestand komt overeen met het grootboek");
        await session.ShotAsync("verified");

        // A tampered copy: the advance's amount changed by a cent.
        var text = await File.ReadAllTextAsync(file);
        Assert.Contains(",10000.00,", text, StringComparison.Ordinal);
        var tampered = Path.Combine(Path.GetTempPath(), $"pvo-{s}-tampered.csv");
        var index = text.IndexOf(",10000.00,", StringComparison.Ordinal);
        await File.WriteAllTextAsync(tampered, string.Concat(text.AsSpan(0, index), ",10000.01,", text.AsSpan(index + 10)));
        await page.Locator("#verify-file").SetInputFilesAsync(tampered);
        await page.GetByRole(AriaRole.Button, new() { Name = "Controleren", Exact = true }).ClickAsync();
        await Expect(page.Locator("#verify-verdict")).ToContainTextAsync("Het bestand wijkt af van het grootboek.");
        await Expect(page.Locator("#verify-difference")).ToContainTextAsync("kolom amount: verwacht „10000.00”, gevonden „10000.01”");
        await session.ShotAsync("verify-difference");

        // A date the page cannot read is refused next to its field before anything is asked.
        await page.GetByLabel("Stand per (dd-mm-jjjj)").FillAsync("31-02-x");
        await page.GetByRole(AriaRole.Button, new() { Name = "Downloaden" }).ClickAsync();
        await Expect(page.Locator("#export-asof + .error")).ToHaveTextAsync("Vul een datum in als dd-mm-jjjj, bijvoorbeeld 23-11-2026.");
        await session.ShotAsync("date-error");
        File.Delete(file);
        File.Delete(tampered);
    }
}
