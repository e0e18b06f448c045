using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PvoFinance.Browser.Tests;

/// <summary>The browser tests whose service's clock they move (PVO_CLOCK=settable, POST /dev/clock): a service of their own.</summary>
public sealed class ClockBrowserFixture : BrowserFixture
{
    /// <inheritdoc/>
    protected override IReadOnlyDictionary<string, string>? Environment { get; } = new Dictionary<string, string> { ["PVO_CLOCK"] = "settable" };
}

/// <summary>The collection of <see cref="ClockBrowserFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ClockBrowserCollection : ICollectionFixture<ClockBrowserFixture>
{
    public const string Name = "browser-clock";
}

/// <summary>
/// Issue 18's journeys through the pages, as people click them: an objection that succeeds (a rejection becomes a grant,
/// the money is reserved, the rejection's letter is listed with its hash in the history), and a penalty for a late decision
/// (the decision term passes on the service's test clock, the manager gives notice of default, the decision comes on the
/// penalty's 21st day, the owner decides € 532,00 and a treasurer pays it to the region).
/// </summary>
[Collection(ClockBrowserCollection.Name)]
public sealed class ObjectionPenaltyJourneyTests(ClockBrowserFixture fixture)
{
    private static string Dutch(DateTime day) => day.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    private async Task<(string Fund, string AppId)> SubmittedAsync(string s, string prefix)
    {
        var (fund, appId) = ($"fonds-{prefix}-{s}", $"{prefix}-{s}");
        await using var officer = await fixture.NewSessionAsync($"{prefix}-setup-officer");
        await officer.SignInAsync("Provinciaal ambtenaar", province: "Limburg", user: $"officer-{s}");
        await OfficerPages.CreateFundAsync(officer, fund, $"Fonds {prefix}", "100", "80.000,00");
        await using var manager = await fixture.NewSessionAsync($"{prefix}-setup-manager");
        await manager.SignInAsync("PVO-manager", region: "Limburg", user: $"manager-{s}");
        await ManagerPages.DraftAndSubmitAsync(manager, appId, fund, "30.000,00", "30.000,00", (fund, "30.000,00"));
        // The service's clock may be in a later year than the browser's (the penalty journey moves it): the fund has a
        // ceiling there too, so a decision in that year is not refused for want of one.
        using var owner = await fixture.Service.ClientAsync("provincial-officer", province: "Limburg");
        var clock = JsonDocument.Parse(await owner.GetStringAsync("dev/clock")).RootElement;
        var year = int.Parse(clock.GetProperty("today").GetString()![..4], CultureInfo.InvariantCulture);
        foreach (var y in new[] { year, year + 1 })
        {
            using var put = await owner.PutAsJsonAsync($"api/funding-sources/{fund}/years/{y}", new { ceiling = "80000.00" });
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }
        return (fund, appId);
    }

    [Fact]
    public async Task A_founded_objection_turns_a_rejection_into_a_grant_through_the_pages()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var (fund, appId) = await SubmittedAsync(s, "bezwaar");
        await using (var officer = await fixture.NewSessionAsync("objection-reject"))
        {
            await officer.SignInAsync("Provinciaal ambtenaar", province: "Limburg", user: $"officer-{s}");
            var p = officer.Page;
            await p.GotoAsync($"/application.html?id={appId}");
            await p.GetByRole(AriaRole.Button, new() { Name = "Beoordeling starten" }).ClickAsync();
            await p.Locator("#reject-reason").FillAsync("Past niet binnen de regeling.");
            await p.Locator("#do-reject").ClickAsync();
            await p.Locator("#confirm-yes").ClickAsync();
            await Expect(p.Locator("#sum-state")).ToHaveTextAsync("Afgewezen");
            // The rejection's letter is listed, and its hash stands in the history.
            await Expect(p.Locator("#documents")).ToContainTextAsync("Weigering");
            await Expect(p.Locator("#history-table .letter-hash")).ToHaveCountAsync(1);
        }

        await using (var manager = await fixture.NewSessionAsync("objection-lodge"))
        {
            await manager.SignInAsync("PVO-manager", region: "Limburg", user: $"manager-{s}");
            var p = manager.Page;
            await p.GotoAsync($"/application.html?id={appId}");
            await Expect(p.Locator("#deadlines-table")).ToContainTextAsync("Bezwaar mogelijk tot en met");
            await p.Locator("#do-lodge-objection").ClickAsync();
            await Expect(p.Locator("#lodge-objection-grounds + .error")).ToHaveTextAsync("Dit veld is verplicht.");
            await p.Locator("#lodge-objection-grounds").FillAsync("De activiteit past wel in de regeling: zie het beleidskader, paragraaf 3.");
            await p.Locator("#do-lodge-objection").ClickAsync();
            await Expect(p.Locator("#objections-table")).ToContainTextAsync("open");
            await Expect(p.Locator("#do-lodge-objection")).ToHaveCountAsync(0);
            await manager.ShotAsync("objection-lodged");
        }

        await using (var officer = await fixture.NewSessionAsync("objection-decide"))
        {
            await officer.SignInAsync("Provinciaal ambtenaar", province: "Limburg", user: $"officer2-{s}");
            var p = officer.Page;
            await p.GotoAsync($"/application.html?id={appId}");
            await p.Locator("#decide-objection-founded").CheckAsync();
            await Expect(p.Locator("#decide-objection-amount")).ToHaveValueAsync("30.000,00");
            await p.Locator("#decide-objection-endDate").FillAsync(Dutch(DateTime.UtcNow.AddDays(300)));
            await p.Locator("#decide-objection-accountabilityDue").FillAsync(Dutch(DateTime.UtcNow.AddDays(330)));
            await p.Locator("#decide-objection-reason").FillAsync("Gegrond: de activiteit past in de regeling.");
            await p.Locator("#do-decide-objection").ClickAsync();
            await Expect(p.Locator("#confirm-money")).ToContainTextAsync("€ 30.000,00");
            await p.Locator("#confirm-yes").ClickAsync();
            await Expect(p.Locator("#sum-state")).ToHaveTextAsync("Verleend");
            await Expect(p.Locator("#sum-granted")).ToHaveTextAsync("€ 30.000,00");
            await Expect(p.Locator($"#figures-table tr[data-id='{fund}']")).ToContainTextAsync("€ 30.000,00");
            await Expect(p.Locator("#ledger-check")).ToHaveClassAsync("ok");
            await Expect(p.Locator("#objections-table")).ToContainTextAsync("gegrond");
            await Expect(p.Locator("#history-table")).ToContainTextAsync("Op bezwaar beslist");
            // The decision on the objection is a letter too, listed beside the rejection's, its hash in the history.
            await Expect(p.Locator("#documents")).ToContainTextAsync("Beslissing op bezwaar");
            await Expect(p.Locator("#history-table .letter-hash")).ToHaveCountAsync(2);
            await officer.ShotAsync("objection-founded");
        }
    }

    [Fact]
    public async Task A_penalty_for_a_late_decision_is_noticed_decided_and_paid_through_the_pages()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var (_, appId) = await SubmittedAsync(s, "dwangsom");
        using var ministry = await fixture.Service.ClientAsync("ministry");
        var view = JsonDocument.Parse(await ministry.GetStringAsync($"api/applications/{appId}")).RootElement;
        var due = DateTime.ParseExact(view.GetProperty("deadlines").GetProperty("decision").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        async Task SetDay(DateTime day)
        {
            using var moved = await ministry.PostAsJsonAsync("dev/clock", new { now = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
            Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        }

        // The day after the decision term: the manager gives notice of default; the penalty runs two weeks later.
        await SetDay(due.AddDays(1));
        await using (var manager = await fixture.NewSessionAsync("penalty-notice"))
        {
            await manager.SignInAsync("PVO-manager", region: "Limburg", user: $"manager-{s}");
            var p = manager.Page;
            await p.GotoAsync($"/application.html?id={appId}");
            await p.Locator("#give-notice-of-default-reason").FillAsync("De beslistermijn is verstreken; wij stellen u in gebreke.");
            await p.Locator("#do-give-notice-of-default").ClickAsync();
            await Expect(p.Locator("#penalty")).ToContainTextAsync(Dutch(due.AddDays(15)));
            await Expect(p.Locator("#deadlines-table")).ToContainTextAsync("Dwangsom loopt vanaf");
            await manager.ShotAsync("penalty-notice");
        }

        // Granted on the penalty's 21st day: 20 days in default, 14 × € 23 + 6 × € 35 = € 532,00.
        await SetDay(due.AddDays(15 + 20));
        await using (var officer = await fixture.NewSessionAsync("penalty-decide"))
        {
            await officer.SignInAsync("Provinciaal ambtenaar", province: "Limburg", user: $"officer-{s}");
            var p = officer.Page;
            await p.GotoAsync($"/application.html?id={appId}");
            await Expect(p.Locator("#penalty")).ToContainTextAsync("€ 532,00");
            await p.GetByRole(AriaRole.Button, new() { Name = "Beoordeling starten" }).ClickAsync();
            await Expect(p.Locator("#sum-state")).ToHaveTextAsync("In behandeling");
            await p.Locator("#do-grant").ClickAsync();
            await Expect(p.Locator("#sum-state")).ToHaveTextAsync("Verleend");
            await Expect(p.Locator("#decide-penalty-amount")).ToHaveValueAsync("532,00");
            await p.Locator("#decide-penalty-reason").FillAsync("20 dagen in gebreke.");
            await p.Locator("#do-decide-penalty").ClickAsync();
            await Expect(p.Locator("#confirm-money")).ToContainTextAsync("niet ten laste van het subsidieplafond");
            await p.Locator("#confirm-yes").ClickAsync();
            await Expect(p.Locator("#penalty dt:text-is('Vastgesteld') + dd")).ToHaveTextAsync("€ 532,00");
            // The grant and the penalty each have their letter.
            await Expect(p.Locator("#documents")).ToContainTextAsync("Dwangsom");
            await Expect(p.Locator("#history-table .letter-hash")).ToHaveCountAsync(2);
            await officer.ShotAsync("penalty-decided");
        }

        await using (var treasurer = await fixture.NewSessionAsync("penalty-pay"))
        {
            await treasurer.SignInAsync("Penningmeester", scope: "province:Limburg", user: $"treasurer-{s}");
            var p = treasurer.Page;
            await p.GotoAsync($"/application.html?id={appId}");
            await Expect(p.Locator("#pay-penalty-amount")).ToHaveValueAsync("532,00");
            await p.Locator("#pay-penalty-reference").FillAsync("SEPA-DW-001");
            await p.Locator("#do-pay-penalty").ClickAsync();
            await Expect(p.Locator("#confirm-money")).ToContainTextAsync("Limburg");
            await p.Locator("#confirm-yes").ClickAsync();
            await Expect(p.Locator("#penalty dt:text-is('Betaald') + dd")).ToHaveTextAsync("€ 532,00");
            await Expect(p.Locator("#history-table")).ToContainTextAsync("Dwangsom betaald");
            await Expect(p.Locator("#do-pay-penalty")).ToHaveCountAsync(0);
            await treasurer.ShotAsync("penalty-paid");
        }
    }
}
