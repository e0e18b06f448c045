using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PvoFinance.Browser.Tests;

/// <summary>
/// The provincial officer's work from the browser: the inbox with each fund's budget left, review, a request for
/// information answered by the manager, a grant with a split over two sources, and four-eyes on a tier C grant.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OfficerJourneyTests(BrowserFixture fixture)
{
    private static string Suffix() => Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task An_officer_reviews_asks_for_information_and_grants_a_co_financed_application_with_a_split()
    {
        var s = Suffix();
        var (fund, sponsor, appId) = ($"fonds-b-{s}", $"spons-b-{s}", $"cofi-{s}");

        await using var officer = await fixture.NewSessionAsync("officer");
        await officer.SignInAsync("Provinciaal ambtenaar", province: "Limburg", user: $"officer-{s}");
        await OfficerPages.CreateFundAsync(officer, fund, "Fonds Veilig Ondernemen", "60", "100.000,00");

        await using (var manager = await fixture.NewSessionAsync("officer-setup-manager"))
        {
            await manager.SignInAsync("PVO-manager", region: "Limburg", user: $"manager-{s}");
            await ManagerPages.SponsorAsync(manager, sponsor, $"Sponsors {s}", "5.000,00");
            await ManagerPages.DraftAndSubmitAsync(manager, appId, fund, "28.000,00", "40.000,00", (fund, "24.000,00"), (sponsor, "4.000,00"));
        }

        // The inbox lists it with what to do; the budget table shows the fund's ceiling.
        var page = officer.Page;
        await page.ReloadAsync();
        await officer.ViewAsync("Mijn werk");
        var row = page.Locator($"#inbox-table tr[data-id='{appId}']");
        await Expect(row).ToContainTextAsync("Ingediend");
        await Expect(row).ToContainTextAsync("Beoordeling starten");
        await Expect(row).ToContainTextAsync("€ 28.000,00");
        await Expect(page.Locator($"#budgets-table tr[data-id='{fund}']")).ToContainTextAsync("€ 100.000,00");
        await officer.ShotAsync("inbox");

        await row.GetByRole(AriaRole.Link, new() { Name = appId }).ClickAsync();
        await Expect(page.Locator("#sum-state")).ToHaveTextAsync("Ingediend");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Indienen" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Beoordeling starten" }).ClickAsync();
        await Expect(page.Locator("#sum-state")).ToHaveTextAsync("In behandeling");

        // A request for information needs a reason: the error stands next to the field.
        await page.Locator("#do-request-information").ClickAsync();
        await Expect(page.Locator("#request-information-reason + .error")).ToHaveTextAsync("Dit veld is verplicht.");
        await officer.ShotAsync("reason-required");
        await page.Locator("#request-information-reason").FillAsync("Graag de begroting per gemeente.");
        await page.Locator("#do-request-information").ClickAsync();
        await Expect(page.Locator("#sum-state")).ToHaveTextAsync("Informatie gevraagd");

        await using (var manager = await fixture.NewSessionAsync("officer-manager-answers"))
        {
            await manager.SignInAsync("PVO-manager", region: "Limburg", user: $"manager-{s}");
            await manager.Page.GotoAsync($"/application.html?id={appId}");
            await manager.Page.Locator("#supply-information-reason").FillAsync("Begroting per gemeente bijgevoegd.");
            await manager.Page.Locator("#do-supply-information").ClickAsync();
            await Expect(manager.Page.Locator("#sum-state")).ToHaveTextAsync("In behandeling");
            await manager.ShotAsync("information-supplied");
        }

        // The grant with a split the service refuses first (parts do not add up), then accepts.
        await page.ReloadAsync();
        await Expect(page.Locator("#sum-state")).ToHaveTextAsync("In behandeling");
        await Expect(page.Locator("#grant-amount")).ToHaveValueAsync("28.000,00");
        await page.Locator("#grant-split-1").FillAsync("3.000,00");
        await page.Locator("#do-grant").ClickAsync();
        await Expect(page.Locator("#action-grant .error")).ToBeVisibleAsync();
        await officer.ShotAsync("grant-refused");
        await page.Locator("#grant-split-1").FillAsync("4.000,00");
        await page.Locator("#do-grant").ClickAsync();
        await Expect(page.Locator("#sum-state")).ToHaveTextAsync("Verleend");
        await Expect(page.Locator("#sum-tier")).ToHaveTextAsync("B");
        await Expect(page.Locator("#sum-granted")).ToHaveTextAsync("€ 28.000,00");
        await Expect(page.Locator($"#figures-table tr[data-id='{fund}']")).ToContainTextAsync("€ 24.000,00");
        await Expect(page.Locator($"#figures-table tr[data-id='{sponsor}']")).ToContainTextAsync("€ 4.000,00");
        await Expect(page.Locator("#ledger-check")).ToContainTextAsync("De cijfers komen overeen met het grootboek.");
        // Signed in without a name: the role in words, never the user id.
        await Expect(page.Locator("#four-eyes")).ToContainTextAsync("Verleend door Provinciaal ambtenaar");
        await Expect(page.Locator("#history-table")).ToContainTextAsync("Informatie aangeleverd");
        await Expect(page.Locator("#history-table")).ToContainTextAsync("PVO-manager");
        await Expect(page.Locator("#history-table")).Not.ToContainTextAsync($"officer-{s}");
        await Expect(page.Locator("#history-table")).Not.ToContainTextAsync($"manager-{s}");
        await officer.ShotAsync("granted");

        // The budget left is what the ledger shows after the commitment.
        await page.GetByRole(AriaRole.Link, new() { Name = "Terug naar mijn pagina" }).ClickAsync();
        await Expect(page.Locator($"#budgets-table tr[data-id='{fund}']")).ToContainTextAsync("€ 76.000,00");
        await Expect(page.Locator($"#inbox-table tr[data-id='{appId}']")).ToHaveCountAsync(0);
        await officer.ShotAsync("budget-after-grant");
    }

    [Fact]
    public async Task A_tier_C_grant_needs_two_different_officers_and_the_page_shows_who_approved()
    {
        var s = Suffix();
        var (fund, appId) = ($"fonds-c-{s}", $"groot-{s}");
        await using var first = await fixture.NewSessionAsync("four-eyes-first");
        await first.SignInAsync("Provinciaal ambtenaar", province: "Limburg", user: $"officer-a-{s}", name: $"Anna Jansen {s}");
        await OfficerPages.CreateFundAsync(first, fund, "Fonds Grote Projecten", "100", "500.000,00");

        await using (var manager = await fixture.NewSessionAsync("four-eyes-manager"))
        {
            await manager.SignInAsync("PVO-manager", region: "Limburg", user: $"manager-{s}");
            await Expect(manager.Page.Locator($"#app-fund option[value='{fund}']")).ToHaveCountAsync(1);
            await ManagerPages.DraftAsync(manager, appId, fund, "130.000,00", "150.000,00", (fund, "130.000,00"));
            // Step 3 repeats the plan's checks: the tier that needs two approvers.
            await Expect(manager.Page.Locator("#review-checks")).ToContainTextAsync("Niveau C");
            await ManagerPages.SubmitAsync(manager);
        }

        var page = first.Page;
        await page.GotoAsync($"/application.html?id={appId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Beoordeling starten" }).ClickAsync();
        await Expect(page.Locator("#sum-state")).ToHaveTextAsync("In behandeling");
        await Expect(page.Locator("#grant-tier")).ToContainTextAsync("Niveau C — twee verschillende goedkeurders nodig");
        await page.Locator("#do-grant").ClickAsync();
        await Expect(page.Locator("#four-eyes")).ToContainTextAsync($"Eerste goedkeuring door Anna Jansen {s}");
        await Expect(page.Locator("#four-eyes")).ToContainTextAsync("wacht op tweede goedkeurder");
        await Expect(page.Locator("#sum-state")).ToHaveTextAsync("In behandeling");
        await first.ShotAsync("first-approval");

        await using var second = await fixture.NewSessionAsync("four-eyes-second");
        await second.SignInAsync("Provinciaal ambtenaar", province: "Limburg", user: $"officer-b-{s}", name: $"Bram de Wit {s}");
        await second.Page.GotoAsync($"/application.html?id={appId}");
        await Expect(second.Page.Locator("#four-eyes")).ToContainTextAsync($"Eerste goedkeuring door Anna Jansen {s}");
        await second.Page.Locator("#do-grant").ClickAsync();
        await Expect(second.Page.Locator("#sum-state")).ToHaveTextAsync("Verleend");
        await Expect(second.Page.Locator("#sum-tier")).ToHaveTextAsync("C");
        await Expect(second.Page.Locator("#four-eyes")).ToContainTextAsync($"goedgekeurd door Anna Jansen {s} en Bram de Wit {s}");
        await Expect(second.Page.Locator("#sum-granted")).ToHaveTextAsync("€ 130.000,00");
        await second.ShotAsync("second-approval");
    }
}
