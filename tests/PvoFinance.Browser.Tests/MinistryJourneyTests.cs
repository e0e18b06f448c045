using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PvoFinance.Browser.Tests;

/// <summary>
/// The ministry's work from the browser: the ten regions compared with charts, a scenario, side by side, the solver;
/// a national scheme opened and a tier A application to it decided from the inbox.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MinistryJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_ministry_compares_the_ten_regions_saves_a_scenario_compares_it_and_solves_with_a_sweep_chart()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        await using var session = await fixture.NewSessionAsync("ministry");
        var page = session.Page;
        await session.SignInAsync("Ministerie");
        await session.ViewAsync("Regio's vergeleken");
        await Expect(page.Locator("#ministry-table tbody tr")).ToHaveCountAsync(10);
        await Expect(page.Locator("#ministry-table")).ToContainTextAsync("Noord-Nederland");
        await Expect(page.Locator("#ministry-table tr", new() { HasText = "Noord-Nederland" })).ToContainTextAsync("1.781.547");
        await Expect(page.Locator("#chart-per-inhabitant svg rect")).ToHaveCountAsync(10);
        await Expect(page.Locator("#chart-rijk svg")).ToContainTextAsync("%");
        await Expect(page.Locator("#chart-themes svg")).ToContainTextAsync("cybercrime");
        await session.ShotAsync("comparison");

        // A region's projection: Limburg over three years, then a horizon the service does not allow, refused by the page.
        await session.ViewAsync("Projectie per regio");
        await page.Locator("#projection-region").SelectOptionAsync(new SelectOptionValue { Label = "Limburg" });
        await page.GetByLabel("Jaren vooruit (2 tot 10)").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Projectie tonen" }).ClickAsync();
        await Expect(page.Locator("#projection-table tbody tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("#projection-table tbody tr").First).ToContainTextAsync("€ ");
        await Expect(page.Locator("#chart-gap svg rect")).ToHaveCountAsync(3);
        // Income per line and year, each figure with its basis: the Rijk per-inhabitant line is never committed.
        await Expect(page.Locator("#projection-income tbody tr")).ToHaveCountAsync(8);
        await Expect(page.Locator("#projection-income tr", new() { HasText = "Rijk per inwoner" })).ToContainTextAsync("aangenomen");
        await page.GetByLabel("Jaren vooruit (2 tot 10)").FillAsync("12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Projectie tonen" }).ClickAsync();
        await Expect(page.Locator("#projection-years + .error")).ToHaveTextAsync("Kies 2 tot 10 jaar.");
        await session.ShotAsync("projection");

        // A scenario: € 0,10 per inhabitant from the Rijk; a bad amount first, shown next to its field.
        await session.ViewAsync("Scenario's");
        await page.GetByLabel("Naam", new() { Exact = true }).FillAsync($"Mandaat {s}");
        // The id is proposed from the name.
        await Expect(page.Locator("#sc-id")).ToHaveValueAsync($"mandaat-{s}");
        await page.GetByLabel("Rijk per inwoner").FillAsync("abc");
        await page.GetByRole(AriaRole.Button, new() { Name = "Scenario opslaan" }).ClickAsync();
        await Expect(page.Locator("#sc-rijk + .error")).ToBeVisibleAsync();
        await session.ShotAsync("scenario-refused");
        await page.GetByLabel("Rijk per inwoner").FillAsync("0,10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Scenario opslaan" }).ClickAsync();
        await Expect(page.Locator("#sc-result")).ToContainTextAsync($"Opgeslagen: Mandaat {s} (versie 1)");
        await Expect(page.Locator($"#scenario-table tr[data-id='mandaat-{s}']")).ToContainTextAsync($"Mandaat {s}");

        // Side by side: the status quo and the new scenario.
        await session.ViewAsync("Regio's vergeleken");
        await page.GetByLabel("Scenario's (1 tot 5)").SelectOptionAsync(["status-quo", $"mandaat-{s}"]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Vergelijken" }).ClickAsync();
        await Expect(page.Locator("#side-by-side thead")).ToContainTextAsync($"Mandaat {s}");
        await Expect(page.Locator("#side-by-side tbody tr")).ToHaveCountAsync(10);
        await session.ShotAsync("side-by-side");

        // The solver with its sweep.
        await session.ViewAsync("Oplosser");
        await page.GetByLabel("Wat zoeken").SelectOptionAsync("per-inhabitant");
        await page.GetByLabel("Op basis van scenario").SelectOptionAsync("status-quo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Berekenen" }).ClickAsync();
        await Expect(page.Locator("#solve-answer")).ToContainTextAsync("Kleinste waarde die elk tekort dicht: € 0,");
        await Expect(page.Locator("#sweep-table tbody tr")).ToHaveCountAsync(10);
        await Expect(page.Locator("#chart-sweep svg rect")).ToHaveCountAsync(10);
        await Expect(page.Locator("#sweep-table")).ToContainTextAsync("-1 step");
        await session.ShotAsync("solver");

        // A national scheme opened by the ministry, a tier A application to it decided from the inbox.
        var scheme = $"regeling-{s}";
        await session.ViewAsync("Regelingen en toezeggingen");
        await page.GetByLabel("Naam regeling").FillAsync("PVO-regeling");
        await page.GetByLabel("Kenmerk regeling").FillAsync(scheme);
        await page.GetByLabel("Tussenpersoon (bijv. ccv, optioneel)").FillAsync("ccv");
        await page.GetByLabel("Plafond dit jaar").FillAsync("1.000.000,00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Regeling aanmaken" }).ClickAsync();
        await Expect(page.Locator("#fund-result")).ToContainTextAsync("Fonds aangemaakt: PVO-regeling, plafond € 1.000.000,00");
        await Expect(page.Locator($"#budgets-table tr[data-id='{scheme}']")).ToContainTextAsync("€ 1.000.000,00");

        // The ministry commits scheme money to a region outside an application (the same form as the officer's).
        await page.Locator("#commit-source").SelectOptionAsync(scheme);
        await page.GetByLabel("Toezeggingsnummer").FillAsync("m1");
        await page.Locator("#commit-region").SelectOptionAsync("limburg");
        await page.Locator("#commit-amount").FillAsync("50.000,00");
        var commitYear = await page.Locator("#commit-year").InputValueAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Toezeggen", Exact = true }).ClickAsync();
        await Expect(page.Locator("#commit-result")).ToHaveTextAsync($"Toegezegd: € 50.000,00 aan Limburg voor {commitYear}");
        await Expect(page.Locator($"#budgets-table tr[data-id='{scheme}']")).ToContainTextAsync("€ 950.000,00");
        await session.ShotAsync("committed");
        var appId = $"klein-{s}";
        await using (var manager = await fixture.NewSessionAsync("ministry-manager"))
        {
            await manager.SignInAsync("PVO-manager", region: "Rotterdam", user: $"manager-{s}");
            await ManagerPages.DraftAndSubmitAsync(manager, appId, scheme, "20.000,00", "20.000,00", (scheme, "20.000,00"));
        }
        await page.ReloadAsync();
        await session.ViewAsync("Mijn werk");
        var row = page.Locator($"#inbox-table tr[data-id='{appId}']");
        // Names where a person reads: the region, the scheme.
        await Expect(row).ToContainTextAsync("Rotterdam");
        await Expect(row).ToContainTextAsync("PVO-regeling");
        await Expect(page.Locator($"#tasks li[data-id='{appId}']")).ToContainTextAsync("Beoordeling starten");
        await Expect(row).ToContainTextAsync("€ 20.000,00");
        await session.ShotAsync("inbox");
        await row.GetByRole(AriaRole.Link, new() { Name = appId }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Beoordeling starten" }).ClickAsync();
        await Expect(page.Locator("#sum-state")).ToHaveTextAsync("In behandeling");
        await Expect(page.Locator("#grant-tier")).ToContainTextAsync("Niveau A — verleend en vastgesteld in één keer, zonder verantwoording");
        await Expect(page.Locator("#grant-accountabilityDue")).ToHaveValueAsync("");
        await page.Locator("#do-grant").ClickAsync();
        // Tier A: granted and determined at once.
        await Expect(page.Locator("#sum-state")).ToHaveTextAsync("Vastgesteld");
        await Expect(page.Locator("#sum-tier")).ToHaveTextAsync("A");
        await Expect(page.Locator("#sum-determined")).ToHaveTextAsync("€ 20.000,00");
        await session.ShotAsync("tier-a-decided");
    }
}
