using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PvoFinance.Browser.Tests;

/// <summary>
/// The application page's decisions that end or change a grant: an officer's rejection (reason required), a manager's
/// withdrawal, an amendment approved on its own form (an amount over what was asked refused next to its field) and a
/// revocation; and the first of two tier C approvals, which the history must not call a grant.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ApplicationPageTests(BrowserFixture fixture)
{
    private static string Suffix() => Guid.NewGuid().ToString("N")[..6];

    /// <summary>An officer of Limburg with a new fund, and a manager's submitted application to it, opened on the officer's application page.</summary>
    internal static async Task<BrowserSession> SubmittedAsync(BrowserFixture fixture, string s, string fund, string appId, string requested, string costs, string maxShare = "60", string ceiling = "100.000,00")
    {
        var officer = await fixture.NewSessionAsync($"application-{appId}");
        await officer.SignInAsync("Provinciaal ambtenaar", province: "Limburg", user: $"officer-{s}", name: $"Fleur Bakker {s}");
        await OfficerPages.CreateFundAsync(officer, fund, $"Fonds {s}", maxShare, ceiling);
        await using (var manager = await fixture.NewSessionAsync($"application-{appId}-manager"))
        {
            await manager.SignInAsync("PVO-manager", region: "Limburg", user: $"manager-{s}");
            await Expect(manager.Page.Locator($"#app-fund option[value='{fund}']")).ToHaveCountAsync(1);
            await ManagerPages.DraftAndSubmitAsync(manager, appId, fund, requested, costs, (fund, requested));
        }
        await officer.Page.GotoAsync($"/application.html?id={appId}");
        await Expect(officer.Page.Locator("#sum-state")).ToHaveTextAsync("Ingediend");
        return officer;
    }

    private static ILocator LastHistoryRow(IPage page) => page.Locator("#history-table tbody tr").Last;

    [Fact]
    public async Task An_officer_rejects_with_a_required_reason_and_the_page_shows_the_end()
    {
        var s = Suffix();
        var (fund, appId) = ($"fonds-r-{s}", $"afw-{s}");
        await using var officer = await SubmittedAsync(fixture, s, fund, appId, "20.000,00", "40.000,00");
        var page = officer.Page;
        await page.GetByRole(AriaRole.Button, new() { Name = "Beoordeling starten" }).ClickAsync();
        await Expect(page.Locator("#sum-state")).ToHaveTextAsync("In behandeling");

        await page.Locator("#do-reject").ClickAsync();
        await Expect(page.Locator("#reject-reason + .error")).ToHaveTextAsync("Dit veld is verplicht.");
        await Expect(page.Locator("#reject-reason")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#sum-state")).ToHaveTextAsync("In behandeling");
        await officer.ShotAsync("reject-reason-required");

        await page.Locator("#reject-reason").FillAsync("Past niet binnen de regeling.");
        // Rejecting is secondary (starting the review's next step, the grant, is primary) and asks first, saying what
        // happens to the money; "Annuleren" changes nothing.
        await Expect(page.Locator("#do-grant")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bprimary\\b"));
        await Expect(page.Locator("#do-reject")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bdanger\\b"));
        await page.Locator("#do-reject").ClickAsync();
        var dialog = page.Locator("#confirm-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("Er is nog niets toegezegd of betaald: het gevraagde bedrag van € 20.000,00 wordt niet toegekend en blijft bij de fondsen.");
        await officer.ShotAsync("reject-confirm");
        await page.Locator("#confirm-no").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.Locator("#sum-state")).ToHaveTextAsync("In behandeling");
        await page.Locator("#do-reject").ClickAsync();
        await page.Locator("#confirm-yes").ClickAsync();
        await Expect(page.Locator("#sum-state")).ToHaveTextAsync("Afgewezen");
        // A banner at the top says what happened and has the focus.
        await Expect(page.Locator("#banner")).ToHaveTextAsync("De aanvraag is afgewezen. Status: Afgewezen.");
        await Expect(page.Locator("#banner")).ToBeFocusedAsync();
        await Expect(LastHistoryRow(page)).ToContainTextAsync("Afgewezen");
        await Expect(LastHistoryRow(page)).ToContainTextAsync("Past niet binnen de regeling.");
        // Who rejected, by the name the officer signed in with (not the user id).
        await Expect(LastHistoryRow(page)).ToContainTextAsync($"Fleur Bakker {s}");
        await Expect(LastHistoryRow(page)).Not.ToContainTextAsync($"officer-{s}");
        // What is left is closing the file; no decision can be taken again.
        await Expect(page.Locator("#actions form.action")).ToHaveCountAsync(1);
        await Expect(page.Locator("#action-close")).ToBeVisibleAsync();
        await Expect(page.Locator("#sum-granted")).ToHaveTextAsync("€ 0,00");
        await officer.ShotAsync("rejected");
    }

    [Fact]
    public async Task A_manager_withdraws_a_submitted_application()
    {
        var s = Suffix();
        var (fund, appId) = ($"fonds-w-{s}", $"intr-{s}");
        await using (await SubmittedAsync(fixture, s, fund, appId, "12.000,00", "30.000,00"))
        {
        }
        await using var manager = await fixture.NewSessionAsync("application-withdraw");
        await manager.SignInAsync("PVO-manager", region: "Limburg", user: $"manager-{s}");
        var page = manager.Page;
        await page.GotoAsync($"/application.html?id={appId}");
        await Expect(page.Locator("#sum-state")).ToHaveTextAsync("Ingediend");
        await page.Locator("#withdraw-reason").FillAsync("Het project gaat niet door.");
        await page.Locator("#do-withdraw").ClickAsync();
        await Expect(page.Locator("#confirm-money")).ToContainTextAsync("€ 12.000,00 wordt niet toegekend");
        await page.Locator("#confirm-yes").ClickAsync();
        await Expect(page.Locator("#sum-state")).ToHaveTextAsync("Ingetrokken");
        await Expect(LastHistoryRow(page)).ToContainTextAsync("Ingetrokken");
        await Expect(LastHistoryRow(page)).ToContainTextAsync("Het project gaat niet door.");
        await Expect(LastHistoryRow(page)).ToContainTextAsync("Ingediend → Ingetrokken");
        // Nothing of the applicant's is offered any more.
        await Expect(page.Locator("#action-withdraw")).ToHaveCountAsync(0);
        await Expect(page.Locator("#action-submit")).ToHaveCountAsync(0);
        await Expect(page.Locator("#action-request-amendment")).ToHaveCountAsync(0);
        await manager.ShotAsync("withdrawn");
    }

    [Fact]
    public async Task An_amendment_is_approved_on_its_form_and_the_grant_is_then_revoked()
    {
        var s = Suffix();
        var (fund, appId) = ($"fonds-a-{s}", $"wijz-{s}");
        await using var officer = await SubmittedAsync(fixture, s, fund, appId, "28.000,00", "50.000,00");
        var page = officer.Page;
        await page.GetByRole(AriaRole.Button, new() { Name = "Beoordeling starten" }).ClickAsync();
        await Expect(page.Locator("#grant-amount")).ToHaveValueAsync("28.000,00");
        await page.Locator("#do-grant").ClickAsync();
        await Expect(page.Locator("#sum-state")).ToHaveTextAsync("Verleend");

        await using (var manager = await fixture.NewSessionAsync("amendment-manager"))
        {
            await manager.SignInAsync("PVO-manager", region: "Limburg", user: $"manager-{s}");
            await manager.Page.GotoAsync($"/application.html?id={appId}");
            await manager.Page.Locator("#request-amendment-budget").FillAsync("30.000,00");
            await manager.Page.Locator("#request-amendment-reason").FillAsync("Twee winkelgebieden extra.");
            await manager.Page.Locator("#do-request-amendment").ClickAsync();
            await Expect(manager.Page.Locator("#sum-state")).ToHaveTextAsync("Wijziging gevraagd");
            // The manager cannot approve it: no such form on the manager's page.
            await Expect(manager.Page.Locator("#action-approve-amendment")).ToHaveCountAsync(0);
        }

        await page.ReloadAsync();
        await Expect(page.Locator("#sum-state")).ToHaveTextAsync("Wijziging gevraagd");
        await Expect(page.Locator("#approve-amendment-budget")).ToHaveValueAsync("28.000,00");
        await Expect(LastHistoryRow(page)).ToContainTextAsync("Twee winkelgebieden extra.");
        await officer.ShotAsync("amendment-form");

        // More than was asked: the service refuses, its words next to the budget, nothing changes.
        await page.Locator("#approve-amendment-budget").FillAsync("31.000,00");
        await page.Locator("#approve-amendment-reason").FillAsync("Akkoord met de uitbreiding.");
        await page.Locator("#do-approve-amendment").ClickAsync();
        await Expect(page.Locator("#approve-amendment-budget + .error")).ToContainTextAsync("Dit is niet geldig.");
        await Expect(page.Locator("#sum-granted")).ToHaveTextAsync("€ 28.000,00");
        await officer.ShotAsync("amendment-refused");

        // An end date the page cannot read is refused before anything is sent.
        await page.Locator("#approve-amendment-budget").FillAsync("30.000,00");
        await page.Locator("#approve-amendment-endDate").FillAsync("31-02");
        await page.Locator("#do-approve-amendment").ClickAsync();
        await Expect(page.Locator("#approve-amendment-endDate + .error")).ToHaveTextAsync("Vul een datum in als dd-mm-jjjj.");
        await page.Locator("#approve-amendment-endDate").FillAsync(DateTime.UtcNow.AddDays(200).ToString("dd-MM-yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#do-approve-amendment").ClickAsync();
        await Expect(page.Locator("#sum-state")).ToHaveTextAsync("Verleend");
        await Expect(page.Locator("#sum-granted")).ToHaveTextAsync("€ 30.000,00");
        await Expect(LastHistoryRow(page)).ToContainTextAsync("Wijziging goedgekeurd");
        await Expect(page.Locator($"#figures-table tr[data-id='{fund}']")).ToContainTextAsync("€ 30.000,00");
        await Expect(page.Locator("#ledger-check")).ToHaveTextAsync("✓ De cijfers komen overeen met het grootboek.");
        await officer.ShotAsync("amendment-approved");

        // Revocation needs its ground; then the grant is undone and the page offers no revocation any more.
        await page.Locator("#do-revoke").ClickAsync();
        await Expect(page.Locator("#revoke-reason + .error")).ToHaveTextAsync("Dit veld is verplicht.");
        await page.Locator("#revoke-reason").FillAsync("Activiteiten niet uitgevoerd (Awb 4:48).");
        await page.Locator("#do-revoke").ClickAsync();
        // What happens to the money, per source: the granted € 30.000,00 is not yet paid and goes back to the fund.
        await Expect(page.Locator("#confirm-money")).ToContainTextAsync($"Fonds {s}: € 30.000,00 nog niet betaald: gaat terug naar de bron");
        await officer.ShotAsync("revoke-confirm");
        await page.Locator("#confirm-yes").ClickAsync();
        await Expect(page.Locator("#sum-state")).ToHaveTextAsync("Ingetrokken door het fonds");
        await Expect(LastHistoryRow(page)).ToContainTextAsync("Ingetrokken door het fonds");
        await Expect(LastHistoryRow(page)).ToContainTextAsync("Activiteiten niet uitgevoerd (Awb 4:48).");
        await Expect(page.Locator("#action-revoke")).ToHaveCountAsync(0);
        await Expect(page.Locator("#banner")).ToHaveTextAsync("De verlening is ingetrokken. Status: Ingetrokken door het fonds.");
        await Expect(page.Locator("#ledger-check")).ToHaveTextAsync("✓ De cijfers komen overeen met het grootboek.");
        await officer.ShotAsync("revoked");
    }

    [Fact]
    public async Task The_first_of_two_tier_C_approvals_reads_as_a_first_approval_in_the_history()
    {
        var s = Suffix();
        var (fund, appId) = ($"fonds-e-{s}", $"eerst-{s}");
        await using var officer = await SubmittedAsync(fixture, s, fund, appId, "130.000,00", "150.000,00", maxShare: "100", ceiling: "500.000,00");
        var page = officer.Page;
        await page.GetByRole(AriaRole.Button, new() { Name = "Beoordeling starten" }).ClickAsync();
        await page.Locator("#do-grant").ClickAsync();
        await Expect(page.Locator("#four-eyes")).ToContainTextAsync("wacht op tweede goedkeurder");
        await Expect(LastHistoryRow(page)).ToContainTextAsync("Eerste goedkeuring");
        await Expect(page.Locator("#history-table")).Not.ToContainTextAsync("Verleend");
        await officer.ShotAsync("first-approval-history");

        await page.GetByLabel("Taal").SelectOptionAsync("en");
        await Expect(LastHistoryRow(page)).ToContainTextAsync("First approval");
        await Expect(page.Locator("#history-table")).Not.ToContainTextAsync("Granted");
        await page.GetByLabel("Language").SelectOptionAsync("nl");
    }

    [Fact]
    public async Task A_long_history_shows_the_newest_entries_and_pages_older_ones_on_request()
    {
        var s = Suffix();
        var (fund, appId) = ($"fonds-h-{s}", $"hist-{s}");
        await using (var officer = await fixture.NewSessionAsync($"application-{appId}-officer"))
        {
            await officer.SignInAsync("Provinciaal ambtenaar", province: "Limburg", user: $"officer-{s}");
            await OfficerPages.CreateFundAsync(officer, fund, $"Fonds {s}", "60", "100.000,00");
        }
        await using var manager = await fixture.NewSessionAsync($"application-{appId}");
        await manager.SignInAsync("PVO-manager", region: "Limburg", user: $"manager-{s}");
        var page = manager.Page;
        // 1 + 55 entries, made through the API with the page's own sign-in (typing 55 edits would take minutes).
        await page.EvaluateAsync(@"async ([id, fund]) => {
            const { api } = await import('/js/app.js');
            await api('/api/applications', { method: 'POST', body: { id, region: 'limburg', fundingSource: fund, title: 'Versie 0', requested: '10000.00', projectCosts: '20000.00' } });
            for (let i = 1; i <= 55; i++) {
              await api(`/api/applications/${id}/edit-draft`, { method: 'POST', body: { title: `Versie ${i}`, requested: '10000.00', projectCosts: '20000.00' } });
            }
        }", new[] { appId, fund });
        await page.GotoAsync($"/application.html?id={appId}");
        var rows = page.Locator("#history-table tbody tr");
        await Expect(rows).ToHaveCountAsync(50);
        await Expect(page.Locator("#history")).ToContainTextAsync("50 van 56");
        await page.Locator("#history-more").ClickAsync();
        await Expect(rows).ToHaveCountAsync(56);
        await Expect(page.Locator("#history-more")).ToHaveCountAsync(0);
        // The creation reads as such, without the service's internal reason.
        await Expect(rows.First).ToContainTextAsync("Aangemaakt");
        await Expect(rows.First).Not.ToContainTextAsync("created");
        await Expect(rows.Last).ToContainTextAsync("Concept bewerkt");
        await manager.ShotAsync("history-paged");

        await page.GotoAsync($"/application.html?id={appId}");
        await page.GetByLabel("Taal").SelectOptionAsync("en");
        await Expect(page.Locator("#history-more")).ToHaveTextAsync("Show more");
        await page.GetByLabel("Language").SelectOptionAsync("nl");
    }
}
