using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PvoFinance.Browser.Tests;

/// <summary>
/// The PVO-manager's and the provincial officer's work on one application, through the pages only: the officer
/// opens a fund with a ceiling, the manager adds the region's sponsor money, sees the region at a glance, drafts a
/// co-financed application with live checks, submits it; the officer reviews and grants it with a split.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ManagerJourneyTests(BrowserFixture fixture)
{
    private static string Year => DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Suffix() => Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task A_manager_sees_the_region_drafts_a_co_financed_application_with_live_checks_and_submits_it()
    {
        var s = Suffix();
        var fund = $"veilig-lim-{s}";
        var sponsor = $"spons-{s}";
        var appId = $"kvo-{s}";

        // The province's fund, opened by its officer (the officer's page).
        await using (var officer = await fixture.NewSessionAsync("manager-setup-officer"))
        {
            await officer.SignInAsync("Provinciaal ambtenaar", province: "Limburg", user: $"officer-a-{s}");
            await OfficerPages.CreateFundAsync(officer, fund, "Veiligheidsfonds Limburg", "60", "100.000,00");
        }

        await using var session = await fixture.NewSessionAsync("manager");
        var page = session.Page;
        await session.SignInAsync("PVO-manager", region: "Limburg", user: $"manager-{s}");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/manager\\.html$"));
        // The page opens on the work; the region's figures are a view of their own.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mijn werk" })).ToBeVisibleAsync();
        await Expect(page.Locator("#start-new")).ToBeVisibleAsync();
        await session.ViewAsync("Mijn regio in cijfers");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mijn regio in één oogopslag" })).ToBeVisibleAsync();
        // The region in the coming years: five years of the status quo with the gap per year.
        await Expect(page.Locator("#projection-table tbody tr")).ToHaveCountAsync(5);
        await Expect(page.Locator("#projection-horizon-gap")).ToContainTextAsync("€ ");
        await Expect(page.Locator("#chart-gap svg rect")).ToHaveCountAsync(5);
        await session.ShotAsync("glance-empty");

        // The region's own sponsor money, through the page.
        await session.ViewAsync("Eigen bronnen");
        await page.Locator("#own-id").FillAsync(sponsor);
        await page.GetByLabel("Naam", new() { Exact = true }).FillAsync("Sponsors Maastricht");
        await page.GetByLabel("Financier").FillAsync("Ondernemersvereniging Maastricht");
        await page.GetByRole(AriaRole.Button, new() { Name = "Private bron aanmaken" }).ClickAsync();
        await Expect(page.Locator("#own-result")).ToContainTextAsync("Bron aangemaakt: Sponsors Maastricht");
        await page.Locator("#contrib-source").SelectOptionAsync(sponsor);
        await page.Locator("#contrib-id").FillAsync("c1");
        await page.GetByLabel("Bijdrager").FillAsync("Ondernemersvereniging");
        await page.Locator("#contrib-amount").FillAsync("5.000,00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bijdrage vastleggen" }).ClickAsync();
        await Expect(page.Locator("#own-result")).ToContainTextAsync("Bijdrage vastgelegd: € 5.000,00");
        var sponsorRow = page.Locator("#funding-table tr", new() { HasText = "Sponsors Maastricht" });
        await Expect(sponsorRow).ToContainTextAsync("€ 5.000,00");
        await session.ShotAsync("glance-with-sponsor");

        // A new application in three steps. Step 1, the project: 40,000 of costs; Next keeps it as a draft.
        await session.ViewAsync("Nieuwe aanvraag");
        await Expect(page.Locator("#steps li[data-step='1']")).ToHaveAttributeAsync("aria-current", "step");
        await page.Locator("#app-title").FillAsync("Keurmerk Veilig Ondernemen Maastricht");
        await page.Locator("#app-id").FillAsync(appId);
        await page.GetByLabel("Fonds").SelectOptionAsync(fund);
        await page.GetByLabel("Projectkosten").FillAsync("40.000,00");
        await session.ShotAsync("new-application-step-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende: financieringsplan" }).ClickAsync();

        // Step 2, the plan: the draft exists; what the fund pays at most (60 % of 40,000) is proposed.
        await Expect(page.Locator("#steps li[data-step='2']")).ToHaveAttributeAsync("aria-current", "step");
        await Expect(page.Locator("#steps li[data-step='1']")).Not.ToHaveAttributeAsync("aria-current", "step");
        await Expect(page.Locator("#step-2-title")).ToBeFocusedAsync();
        await Expect(page.Locator("#app-requested")).ToHaveValueAsync("24.000,00");
        await Expect(page.Locator("#app-title")).ToBeHiddenAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"\\?draft={appId}#nieuw$"));
        // 28,000 requested, 24,000 from the fund (60 %) and 4,000 from the sponsors.
        await page.GetByLabel("Gevraagd").FillAsync("28.000,00");
        await page.Locator("#part-source-0").SelectOptionAsync(fund);
        await page.Locator("#part-amount-0").FillAsync("24.000,00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bron toevoegen" }).ClickAsync();
        await page.Locator("#part-source-1").SelectOptionAsync(sponsor);
        await page.Locator("#part-amount-1").FillAsync("3.000,00");
        // Live checks: the parts do not add up yet.
        await Expect(page.Locator("#check-sum")).ToContainTextAsync("De delen tellen op tot € 27.000,00, maar gevraagd is € 28.000,00.");
        await Expect(page.Locator("#check-tier")).ToContainTextAsync("Niveau B");
        await Expect(page.Locator($"#check-share-{fund}")).ToContainTextAsync("60 % van de projectkosten (maximaal 60 %)");
        await Expect(page.Locator($"#check-ceiling-{fund}")).ToContainTextAsync("plafond over € 100.000,00");
        await session.ShotAsync("new-application-checks");

        // Back to the project and forward again: nothing typed is lost.
        await page.GetByRole(AriaRole.Button, new() { Name = "Vorige: project" }).ClickAsync();
        await Expect(page.Locator("#steps li[data-step='1']")).ToHaveAttributeAsync("aria-current", "step");
        await Expect(page.Locator("#app-title")).ToHaveValueAsync("Keurmerk Veilig Ondernemen Maastricht");
        await Expect(page.Locator("#app-id")).ToHaveJSPropertyAsync("readOnly", true);
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende: financieringsplan" }).ClickAsync();
        // The parts did not add up: the service refused the edit, and the step 2 field carries it.
        await Expect(page.Locator("#steps li[data-step='2']")).ToHaveAttributeAsync("aria-current", "step");
        await Expect(page.Locator("#part-amount-1")).ToHaveValueAsync("3.000,00");

        // Too much from the fund: the live check and then the service's refusal, next to the field.
        await page.Locator("#part-amount-0").FillAsync("25.000,00");
        await Expect(page.Locator($"#check-share-{fund}")).ToContainTextAsync("✗");
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende: controleren" }).ClickAsync();
        await Expect(page.Locator("#part-amount-0 + .error")).ToContainTextAsync("Dit is niet geldig. ");
        // The particulars in Dutch: the fund by name, the share and the amounts the Dutch way (no id, no "60.00").
        await Expect(page.Locator("#part-amount-0 + .error")).ToContainTextAsync("Toelichting: Veiligheidsfonds Limburg betaalt ten hoogste 60,00 % van de projectkosten van € 40.000,00; € 25.000,00 is meer.");
        await Expect(page.Locator("#steps li[data-step='2']")).ToHaveAttributeAsync("aria-current", "step");
        await session.ShotAsync("new-application-refused");

        await page.Locator("#part-amount-0").FillAsync("24.000,00");
        await page.Locator("#part-amount-1").FillAsync("4.000,00");
        await Expect(page.Locator("#check-sum")).ToContainTextAsync("De delen tellen op tot het gevraagde bedrag: € 28.000,00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende: controleren" }).ClickAsync();

        // Step 3: the draft as the service holds it, by name.
        await Expect(page.Locator("#steps li[data-step='3']")).ToHaveAttributeAsync("aria-current", "step");
        await Expect(page.Locator("#review-list")).ToContainTextAsync("€ 28.000,00");
        await Expect(page.Locator("#review-list")).ToContainTextAsync("Veiligheidsfonds Limburg");
        await Expect(page.Locator("#review-plan")).ToContainTextAsync("Sponsors Maastricht");
        await Expect(page.Locator("#review-plan")).ToContainTextAsync("€ 4.000,00");
        await Expect(page.Locator("#review-plan")).Not.ToContainTextAsync(sponsor);
        await session.ShotAsync("new-application-step-3");

        // The manager leaves after step 2; the draft is the service's. Its page: figures per source, history, only the manager's actions.
        await page.GetByRole(AriaRole.Link, new() { Name = "Later verder (het concept blijft bewaard)" }).ClickAsync();
        await page.Locator($"#applications-table tr[data-id='{appId}'] a").First.ClickAsync();
        await Expect(page.Locator("#app-id")).ToHaveTextAsync(appId);
        await Expect(page.Locator("#sum-state")).ToHaveTextAsync("Concept");
        await Expect(page.Locator("#sum-requested")).ToHaveTextAsync("€ 28.000,00");
        await Expect(page.Locator($"#figures-table tr[data-id='{sponsor}']")).ToContainTextAsync("€ 4.000,00");
        await Expect(page.Locator("#history-table")).ToContainTextAsync("Aangemaakt");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Indienen" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Verlenen" })).ToHaveCountAsync(0);
        await session.ShotAsync("application-draft");

        // The draft edited on its page: a new title, the plan's parts kept.
        await page.Locator("#edit-draft-title").FillAsync("Keurmerk Veilig Ondernemen Maastricht-Centrum");
        await page.Locator("#edit-draft-part-1").FillAsync("abc");
        await page.Locator("#do-edit-draft").ClickAsync();
        await Expect(page.Locator("#edit-draft-part-1 + .error")).ToHaveTextAsync("Vul een bedrag in voor deze bron.");
        await page.Locator("#edit-draft-part-1").FillAsync("4.000,00");
        await page.Locator("#do-edit-draft").ClickAsync();
        await Expect(page.Locator("#app-title")).ToHaveTextAsync("Keurmerk Veilig Ondernemen Maastricht-Centrum");
        await Expect(page.Locator($"#figures-table tr[data-id='{sponsor}']")).ToContainTextAsync("€ 4.000,00");
        await session.ShotAsync("application-draft-edited");

        // Coming back later from Mijn werk: the draft's task reopens the steps where they were left, at step 3.
        await page.GetByRole(AriaRole.Link, new() { Name = "Terug naar mijn pagina" }).ClickAsync();
        await Expect(page.Locator($"#tasks li[data-id='{appId}']")).ToContainTextAsync("Concept afmaken en indienen");
        await page.Locator($"#tasks li[data-id='{appId}'] a").ClickAsync();
        await Expect(page.Locator("#steps li[data-step='3']")).ToHaveAttributeAsync("aria-current", "step");
        await Expect(page.Locator("#new-title")).ToHaveTextAsync("Concept: Keurmerk Veilig Ondernemen Maastricht-Centrum");
        await Expect(page.Locator("#review-plan")).ToContainTextAsync("€ 24.000,00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vorige: financieringsplan" }).ClickAsync();
        await Expect(page.Locator("#part-amount-1")).ToHaveValueAsync("4.000,00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende: controleren" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanvraag indienen" }).ClickAsync();
        // Submitted: the application's page says so in the banner at the top, which has the focus.
        await Expect(page.Locator("#banner")).ToHaveTextAsync("De aanvraag is ingediend: Keurmerk Veilig Ondernemen Maastricht-Centrum.");
        await Expect(page.Locator("#banner")).ToBeFocusedAsync();
        await Expect(page.Locator("#sum-state")).ToHaveTextAsync("Ingediend");
        await Expect(page.Locator("#deadlines-table")).ToContainTextAsync("Besluit uiterlijk");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Indienen" })).ToHaveCountAsync(0);
        await session.ShotAsync("application-submitted");

        // Back on the region page the application is listed with its state.
        await page.GetByRole(AriaRole.Link, new() { Name = "Terug naar mijn pagina" }).ClickAsync();
        await Expect(page.Locator($"#applications-table tr[data-id='{appId}']")).ToContainTextAsync("Ingediend");
        await Expect(page.Locator($"#applications-table tr[data-id='{appId}']")).ToContainTextAsync("€ 28.000,00");
        // Listed by its title, not its id, and among the tasks: the fund's decision is awaited, with its date.
        await Expect(page.Locator($"#applications-table tr[data-id='{appId}'] a").First).ToHaveTextAsync("Keurmerk Veilig Ondernemen Maastricht-Centrum");
        await Expect(page.Locator($"#tasks li[data-id='{appId}']")).ToContainTextAsync("Besluit van het fonds verwacht");
        await Expect(page.Locator($"#tasks li[data-id='{appId}']")).ToContainTextAsync("Veiligheidsfonds Limburg");
        await session.ShotAsync("glance-with-application");
    }
}
