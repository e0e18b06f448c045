using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PvoFinance.Http.Tests;
using static Microsoft.Playwright.Assertions;

namespace PvoFinance.Browser.Tests;

/// <summary>
/// The money forms of the manager's and the treasurer's pages, through the pages only: a saved draft's funding plan
/// changed (a source added, then removed; a wrong part refused next to its field in Dutch), a levy invoiced to the
/// region's municipalities per inhabitant and a receipt recorded by the treasurer (what is outstanding goes down by
/// exactly that amount), hours in kind and an overhead charge in the region's figures, and budgets.csv downloaded
/// with its manifest and verified. Expected levy figures come from the municipality file the service ships
/// (src/Core/Regions/Data/gemeenten.csv, Bron: CBS), not from the service.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class MoneyFormsJourneyTests(BrowserFixture fixture)
{
    private static string Suffix() => Guid.NewGuid().ToString("N")[..6];

    private static string Year => DateTime.UtcNow.Year.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_manager_adds_and_removes_sources_of_a_saved_drafts_plan_and_a_wrong_part_is_refused_in_dutch()
    {
        var s = Suffix();
        var (fund, sponsor, appId) = ($"plan-fonds-{s}", $"plan-spons-{s}", $"plan-{s}");
        await using (var officer = await fixture.NewSessionAsync("draft-plan-officer"))
        {
            await officer.SignInAsync("Provinciaal ambtenaar", province: "Limburg", user: $"officer-{s}");
            await OfficerPages.CreateFundAsync(officer, fund, $"Planfonds {s}", "60", "100.000,00");
        }
        await using var session = await fixture.NewSessionAsync("draft-plan");
        var page = session.Page;
        await session.SignInAsync("PVO-manager", region: "Limburg", user: $"manager-{s}");
        await ManagerPages.SponsorAsync(session, sponsor, $"Sponsors {s}", "5.000,00");

        // A draft with the fund alone: 24,000 of 40,000 costs, through the first two steps.
        await session.ViewAsync("Nieuwe aanvraag");
        await page.Locator("#app-title").FillAsync($"Winkelschouw {s}");
        await page.Locator("#app-id").FillAsync(appId);
        await page.Locator("#app-fund").SelectOptionAsync(fund);
        await page.Locator("#app-costs").FillAsync("40.000,00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende: financieringsplan" }).ClickAsync();
        await page.Locator("#app-requested").FillAsync("24.000,00");
        await page.Locator("#part-source-0").SelectOptionAsync(fund);
        await page.Locator("#part-amount-0").FillAsync("24.000,00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende: controleren" }).ClickAsync();
        await Expect(page.Locator("#review-list")).ToContainTextAsync("Concept");
        await Expect(page.Locator("#review-plan tbody tr")).ToHaveCountAsync(1);

        // Back on the region page the draft offers its plan for editing, in the same steps with the same checks.
        await page.GetByRole(AriaRole.Link, new() { Name = "Later verder (het concept blijft bewaard)" }).ClickAsync();
        await page.Locator($"#edit-plan-{appId}").ClickAsync();
        await Expect(page.Locator("#new-title")).ToHaveTextAsync($"Concept: Winkelschouw {s}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vorige: financieringsplan" }).ClickAsync();
        await Expect(page.Locator("#part-amount-0")).ToHaveValueAsync("24.000,00");
        await Expect(page.Locator(".part")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Vorige: project" }).ClickAsync();
        await Expect(page.Locator("#app-id")).ToHaveValueAsync(appId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende: financieringsplan" }).ClickAsync();
        await session.ShotAsync("draft-loaded");

        // The sponsor added; too much from the fund: the live check, then the service's refusal in Dutch next to the part.
        await page.Locator("#app-requested").FillAsync("28.000,00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bron toevoegen" }).ClickAsync();
        await page.Locator(".part").Nth(1).Locator("select").SelectOptionAsync(sponsor);
        await page.Locator(".part").Nth(1).Locator("input").FillAsync("3.000,00");
        await page.Locator("#part-amount-0").FillAsync("25.000,00");
        await Expect(page.Locator("#check-sum")).ToContainTextAsync("De delen tellen op tot het gevraagde bedrag: € 28.000,00");
        await Expect(page.Locator($"#check-share-{fund}")).ToContainTextAsync("✗");
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende: controleren" }).ClickAsync();
        var refusal = page.Locator("#part-amount-0 + .error");
        await Expect(refusal).ToContainTextAsync("Dit is niet geldig. Controleer deel 1 (bedrag) van het financieringsplan.");
        await Expect(refusal).ToHaveAttributeAsync("role", "alert");
        await Expect(page.Locator("#part-amount-0")).ToHaveAttributeAsync("aria-invalid", "true");
        await session.ShotAsync("draft-plan-refused");

        await page.Locator("#part-amount-0").FillAsync("24.000,00");
        await page.Locator(".part").Nth(1).Locator("input").FillAsync("4.000,00");
        await Expect(page.Locator($"#check-share-{fund}")).ToContainTextAsync("✓");
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende: controleren" }).ClickAsync();
        await Expect(page.Locator("#review-list")).ToContainTextAsync("€ 28.000,00");
        await Expect(page.Locator("#review-plan tr", new() { HasText = $"Sponsors {s}" })).ToContainTextAsync("€ 4.000,00");
        await Expect(page.Locator("#review-plan tbody tr").First).ToContainTextAsync("€ 24.000,00");
        await session.ShotAsync("draft-plan-source-added");

        // And removed again: the fund alone for 24,000.
        await page.GotoAsync($"/manager.html?draft={appId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vorige: financieringsplan" }).ClickAsync();
        await Expect(page.Locator(".part")).ToHaveCountAsync(2);
        await page.Locator(".part").Nth(1).GetByRole(AriaRole.Button, new() { Name = "Verwijderen" }).ClickAsync();
        await Expect(page.Locator(".part")).ToHaveCountAsync(1);
        await page.Locator("#app-requested").FillAsync("24.000,00");
        await Expect(page.Locator("#check-sum")).ToContainTextAsync("De delen tellen op tot het gevraagde bedrag: € 24.000,00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende: controleren" }).ClickAsync();
        await Expect(page.Locator("#review-list")).ToContainTextAsync("€ 24.000,00");
        await Expect(page.Locator("#review-plan tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#review-plan")).Not.ToContainTextAsync($"Sponsors {s}");
        // The application's own page agrees: the fund alone.
        await page.GotoAsync($"/application.html?id={appId}");
        await Expect(page.Locator("#sum-requested")).ToHaveTextAsync("€ 24.000,00");
        await Expect(page.Locator($"#figures-table tr[data-id='{sponsor}']")).ToHaveCountAsync(0);
        await Expect(page.Locator($"#figures-table tr[data-id='{fund}']")).ToContainTextAsync("€ 24.000,00");
        await session.ShotAsync("draft-plan-source-removed");
    }

    [Fact]
    public async Task A_levy_invoiced_to_the_regions_municipalities_goes_down_by_exactly_a_receipt_the_treasurer_records()
    {
        var s = Suffix();
        var levy = $"heffing-{s}";
        var (count, people) = Municipalities("Limburg");
        var total = (2500L * people + 50) / 100; // € 0.25 per inhabitant, rounded once (docs/ledger.md)

        await using var session = await fixture.NewSessionAsync("levy-manager");
        var page = session.Page;
        await session.SignInAsync("PVO-manager", region: "Limburg", user: $"manager-{s}");
        await session.ViewAsync("Eigen bronnen");
        await page.Locator("#own-kind").SelectOptionAsync("municipal-levy");
        await Expect(page.Locator("#own-levy")).ToBeVisibleAsync();
        await page.Locator("#own-id").FillAsync(levy);
        await page.Locator("#own-name").FillAsync($"Inwonersbijdrage {s}");
        await page.Locator("#own-funder").FillAsync("Gemeenten in Limburg");
        await page.Locator("#own-levy").FillAsync("0,25");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bron aanmaken", Exact = true }).ClickAsync();
        await Expect(page.Locator("#own-result")).ToContainTextAsync($"Bron aangemaakt: Inwonersbijdrage {s}");

        await session.ViewAsync("Gemeentelijke bijdragen");
        await page.Locator("#levy-source").SelectOptionAsync(levy);
        await page.Locator("#levy-year").FillAsync(Year);
        await page.GetByRole(AriaRole.Button, new() { Name = "Gemeenten factureren" }).ClickAsync();
        await Expect(page.Locator("#levy-result")).ToContainTextAsync($"Gefactureerd: {count} gemeenten, {Eur(total)}");
        await Expect(page.Locator("#invoices-table tbody tr")).ToHaveCountAsync(count);
        await Expect(page.Locator("#invoices-total")).ToHaveTextAsync(Eur(total));
        await Expect(page.Locator("#invoices-outstanding")).ToHaveTextAsync(Eur(total));
        var heerlen = page.Locator("#invoices-table tr", new() { HasText = "GM0917" });
        await Expect(heerlen).ToContainTextAsync("Heerlen");
        await Expect(heerlen).ToContainTextAsync("87.461");
        var heerlenOwes = Cents((await heerlen.Locator("td").Nth(5).TextContentAsync())!);
        Assert.InRange(heerlenOwes, 2500L * 87461 / 100 - 1, 2500L * 87461 / 100 + 1);
        await Expect(page.Locator("#funding-table tr", new() { HasText = $"Inwonersbijdrage {s}" })).ToContainTextAsync(Eur(total));
        await session.ShotAsync("levy-invoiced");

        // The treasurer of the region records money received from Heerlen; more than it owes is refused first, in Dutch.
        await using (var treasurer = await fixture.NewSessionAsync("levy-treasurer"))
        {
            var t = treasurer.Page;
            await treasurer.SignInAsync("Penningmeester", scope: "region:limburg", user: $"treasurer-{s}");
            await treasurer.ViewAsync("Ontvangsten");
            await t.Locator("#receipt-source").SelectOptionAsync(levy);
            await Expect(t.Locator("#receipt-outstanding")).ToHaveTextAsync(Eur(total));
            await t.Locator("#receipt-debtor").FillAsync("GM0917");
            await t.Locator("#receipt-amount").FillAsync(Eur(heerlenOwes + 1)[2..]);
            await t.Locator("#receipt-id").FillAsync($"bank-{s}-0");
            await t.GetByRole(AriaRole.Button, new() { Name = "Ontvangst vastleggen" }).ClickAsync();
            await Expect(t.Locator("#receipt-amount + .error")).ToContainTextAsync($"Geweigerd: dit is meer dan er over is of openstaat. Controleer het bedrag. Toelichting: Meer dan Heerlen voor {Year} verschuldigd is: Er is nog {Eur(heerlenOwes)} beschikbaar");
            await Expect(t.Locator("#receipt-outstanding")).ToHaveTextAsync(Eur(total));
            await treasurer.ShotAsync("receipt-refused");

            // The payer chosen by name, as the treasurer knows it; the page sends its CBS code.
            await t.Locator("#receipt-debtor").FillAsync("Heerlen");
            await t.Locator("#receipt-amount").FillAsync("1.000,00");
            await t.Locator("#receipt-id").FillAsync($"bank-{s}-1");
            await t.GetByRole(AriaRole.Button, new() { Name = "Ontvangst vastleggen" }).ClickAsync();
            await Expect(t.Locator("#receipt-result")).ToContainTextAsync("Ontvangst vastgelegd: € 1.000,00 betaald door Heerlen (GM0917)");
            await Expect(t.Locator("#receipt-outstanding")).ToHaveTextAsync(Eur(total - 1000_00));
            await Expect(t.Locator("#receipt-invoices-table tr", new() { HasText = "GM0917" })).ToContainTextAsync(Eur(heerlenOwes - 1000_00));
            await treasurer.ShotAsync("receipt-recorded");
        }

        // The manager sees the same: outstanding down by exactly € 1.000,00, Heerlen's invoice too.
        await page.ReloadAsync();
        await page.Locator("#levy-source").SelectOptionAsync(levy);
        await page.GetByRole(AriaRole.Button, new() { Name = "Facturen tonen" }).ClickAsync();
        await Expect(page.Locator("#invoices-outstanding")).ToHaveTextAsync(Eur(total - 1000_00));
        await Expect(page.Locator("#invoices-total")).ToHaveTextAsync(Eur(total));
        await Expect(heerlen.Locator("td").Nth(5)).ToHaveTextAsync(Eur(heerlenOwes - 1000_00));
        var row = page.Locator("#funding-table tr", new() { HasText = $"Inwonersbijdrage {s}" });
        await Expect(row.Locator("td").Nth(4)).ToHaveTextAsync("€ 1.000,00");
        await Expect(row.Locator("td").Nth(5)).ToHaveTextAsync(Eur(total - 1000_00));
        await session.ShotAsync("levy-after-receipt");
    }

    [Fact]
    public async Task Hours_in_kind_and_an_overhead_charge_show_in_the_regions_figures()
    {
        var s = Suffix();
        var (hours, overhead) = ($"uren-{s}", $"overhead-{s}");
        await using var session = await fixture.NewSessionAsync("inkind-overhead");
        var page = session.Page;
        await session.SignInAsync("PVO-manager", region: "Den Haag", user: $"manager-{s}");
        await session.ViewAsync("Mijn regio in cijfers");
        await Expect(page.Locator("#funding-table")).ToBeVisibleAsync();
        var inKindBefore = await page.Locator("#in-kind").CountAsync() == 0 ? 0 : Cents((await page.Locator("#in-kind").TextContentAsync())!);

        await session.ViewAsync("Eigen bronnen");
        await page.Locator("#own-kind").SelectOptionAsync("in-kind");
        await page.Locator("#own-id").FillAsync(hours);
        await page.Locator("#own-name").FillAsync($"Uren politie {s}");
        await page.Locator("#own-funder").FillAsync("Politie Den Haag");
        await page.Locator("#own-hourly").FillAsync("65,00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bron aanmaken", Exact = true }).ClickAsync();
        await Expect(page.Locator("#own-result")).ToContainTextAsync($"Bron aangemaakt: Uren politie {s}");

        // Hours the page cannot read are refused next to their field before anything is sent.
        await session.ViewAsync("Uren en overhead");
        await page.Locator("#hours-source").SelectOptionAsync(hours);
        await page.Locator("#hours-id").FillAsync("h1");
        await page.Locator("#hours-hours").FillAsync("16,555");
        await page.GetByRole(AriaRole.Button, new() { Name = "Uren vastleggen" }).ClickAsync();
        await Expect(page.Locator("#hours-hours + .error")).ToHaveTextAsync("Vul het aantal uren in, bijvoorbeeld 16,5.");
        await page.Locator("#hours-hours").FillAsync("16,5");
        await page.Locator("#hours-description").FillAsync("Winkelschouw");
        await page.GetByRole(AriaRole.Button, new() { Name = "Uren vastleggen" }).ClickAsync();
        await Expect(page.Locator("#hours-result")).ToContainTextAsync("Uren vastgelegd: 16,5 uur, waarde € 1.072,50");
        await Expect(page.Locator("#in-kind")).ToContainTextAsync($"In natura (apart): {Eur(inKindBefore + 1072_50)}");
        // Not cash: the source has no row among the region's money.
        await Expect(page.Locator("#funding-table tr", new() { HasText = $"Uren politie {s}" })).ToHaveCountAsync(0);
        await session.ShotAsync("hours-recorded");

        await session.ViewAsync("Eigen bronnen");
        await page.Locator("#own-kind").SelectOptionAsync("project-overhead");
        await page.Locator("#own-id").FillAsync(overhead);
        await page.Locator("#own-name").FillAsync($"Overhead {s}");
        await page.Locator("#own-funder").FillAsync("Projecten Den Haag");
        await page.Locator("#own-overhead").FillAsync("7,5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bron aanmaken", Exact = true }).ClickAsync();
        await Expect(page.Locator("#own-result")).ToContainTextAsync($"Bron aangemaakt: Overhead {s}");
        await session.ViewAsync("Uren en overhead");
        await page.Locator("#overhead-source").SelectOptionAsync(overhead);
        await page.Locator("#overhead-id").FillAsync("ch1");
        await page.Locator("#overhead-project").FillAsync($"winkel-{s}");
        await page.Locator("#overhead-costs").FillAsync("10.000,00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Overhead doorbelasten" }).ClickAsync();
        await Expect(page.Locator("#overhead-result")).ToContainTextAsync("Overhead doorbelast: € 750,00 op € 10.000,00");
        var row = page.Locator("#funding-table tr", new() { HasText = $"Overhead {s}" });
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("€ 750,00");
        await Expect(row.Locator("td").Nth(4)).ToHaveTextAsync("€ 0,00");
        await Expect(row.Locator("td").Nth(5)).ToHaveTextAsync("€ 750,00");
        await session.ShotAsync("overhead-charged");

        // Costs whose overhead rounds to nothing: the service's refusal, in Dutch by its code with the field's label and its particulars ...
        await page.Locator("#overhead-id").FillAsync("ch2");
        await page.Locator("#overhead-project").FillAsync($"winkel-{s}");
        await page.Locator("#overhead-costs").FillAsync("0,06");
        await page.Locator("#overhead-charge").ClickAsync();
        await Expect(page.Locator("#overhead-costs + .error")).ToHaveTextAsync(
            "Dit is niet geldig. Controleer de projectkosten. Toelichting: De overhead op deze kosten komt afgerond op nul uit.");
        // ... and on the English page as the service wrote it.
        await page.Locator("#lang").SelectOptionAsync("en");
        await Expect(page.Locator("#overhead-charge")).ToHaveTextAsync("Charge overhead");
        await page.Locator("#overhead-source").SelectOptionAsync(overhead);
        await page.Locator("#overhead-id").FillAsync("ch2");
        await page.Locator("#overhead-project").FillAsync($"winkel-{s}");
        await page.Locator("#overhead-costs").FillAsync("0.06");
        await page.Locator("#overhead-charge").ClickAsync();
        await Expect(page.Locator("#overhead-costs + .error")).ToHaveTextAsync("The overhead on these costs rounds to zero.");
        await Expect(row.Locator("td").Nth(5)).ToHaveTextAsync("€ 750,00");
        await session.ShotAsync("overhead-refused-english");
    }

    [Fact]
    public async Task A_commitment_the_officer_makes_is_paid_out_by_the_treasurer_and_no_more_than_is_open()
    {
        var s = Suffix();
        var fund = $"toez-{s}";
        await using (var officer = await fixture.NewSessionAsync("commitment-officer"))
        {
            var o = officer.Page;
            await officer.SignInAsync("Provinciaal ambtenaar", province: "Limburg", user: $"officer-{s}");
            await OfficerPages.CreateFundAsync(officer, fund, $"Regiofonds {s}", "100", "100.000,00");
            await officer.ViewAsync("Toezeggen aan een regio");
            await o.Locator("#commit-source").SelectOptionAsync(fund);
            await o.Locator("#commit-id").FillAsync("t1");
            await o.Locator("#commit-year").FillAsync(Year);
            await o.Locator("#commit-amount").FillAsync("20.000,00");
            // A region outside the province is not offered (the service refuses it too: FundingSourceAggregateTests, HostileInputTests).
            await Expect(o.Locator("#commit-region option")).ToHaveCountAsync(1);
            await Expect(o.Locator("#commit-region option[value='rotterdam']")).ToHaveCountAsync(0);
            await o.Locator("#commit-region").SelectOptionAsync("limburg");
            await o.GetByRole(AriaRole.Button, new() { Name = "Toezeggen", Exact = true }).ClickAsync();
            await Expect(o.Locator("#commit-result")).ToHaveTextAsync($"Toegezegd: € 20.000,00 aan Limburg voor {Year}");
            var budget = o.Locator($"#budgets-table tr[data-id='{fund}']");
            await Expect(budget.Locator("td").Nth(2)).ToHaveTextAsync("€ 20.000,00");
            await Expect(budget.Locator("td").Nth(4)).ToHaveTextAsync("€ 80.000,00");
            await officer.ShotAsync("committed");
        }

        await using var session = await fixture.NewSessionAsync("commitment-treasurer");
        var page = session.Page;
        await session.SignInAsync("Penningmeester", scope: "province:Limburg", user: $"treasurer-{s}");
        await session.ViewAsync("Toezeggingen uitbetalen");
        await page.Locator("#pc-source").SelectOptionAsync(fund);
        var row = page.Locator("#commitments-table tr", new() { HasText = "t1" });
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("Limburg");
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("€ 20.000,00");
        await Expect(row.Locator("td").Nth(5)).ToHaveTextAsync("€ 20.000,00");
        await page.Locator("#pc-year").FillAsync(Year);
        await page.Locator("#pc-amount").FillAsync("20.000,01");
        await page.Locator("#pc-id").FillAsync($"bank-{s}-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Uitbetalen" }).ClickAsync();
        await Expect(page.Locator("#pc-amount + .error")).ToContainTextAsync("Geweigerd: dit is meer dan er over is of openstaat. Controleer het bedrag.");
        await Expect(row.Locator("td").Nth(5)).ToHaveTextAsync("€ 20.000,00");
        await session.ShotAsync("payment-refused");

        // A refused payment keeps its id (the ledger remembers every transfer it was asked for): the next one takes a new id.
        await page.Locator("#pc-amount").FillAsync("8.000,00");
        await page.Locator("#pc-id").FillAsync($"bank-{s}-2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Uitbetalen" }).ClickAsync();
        await Expect(page.Locator("#pc-result")).ToHaveTextAsync("Uitbetaald: € 8.000,00 aan Limburg");
        await Expect(row.Locator("td").Nth(4)).ToHaveTextAsync("€ 8.000,00");
        await Expect(row.Locator("td").Nth(5)).ToHaveTextAsync("€ 12.000,00");
        await session.ShotAsync("payment-made");
    }

    [Fact]
    public async Task A_treasurer_downloads_budgets_csv_with_its_manifest_and_verifies_it()
    {
        var s = Suffix();
        await using var session = await fixture.NewSessionAsync("budgets");
        var page = session.Page;
        await session.SignInAsync("Penningmeester", scope: "region:limburg", user: $"treasurer-{s}");
        await session.ViewAsync("Exporteren en controleren");
        await page.Locator("#export-name").SelectOptionAsync("budgets");
        await Expect(page.Locator("#export-scenario")).ToHaveValueAsync("status-quo");
        // A version the page cannot read is refused next to its field.
        await page.Locator("#export-version").FillAsync("x");
        await page.GetByRole(AriaRole.Button, new() { Name = "Downloaden" }).ClickAsync();
        await Expect(page.Locator("#export-version + .error")).ToHaveTextAsync("Vul een versienummer in (1, 2, …) of laat het leeg voor de laatste.");
        await page.Locator("#export-version").FillAsync("1");
        await session.ShotAsync("budgets-form");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Downloaden" }).ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"pvo-{s}-{download.SuggestedFilename}");
        await download.SaveAsAsync(file);
        Assert.StartsWith("budgets-region-limburg-status-quo-v1-", download.SuggestedFilename, StringComparison.Ordinal);
        await Expect(page.Locator("#manifest-file")).ToHaveTextAsync(download.SuggestedFilename);
        var lines = File.ReadAllLines(file);
        Assert.True(lines.Length > 1, "budgets.csv has no data rows.");
        Assert.Contains("limburg", lines[1], StringComparison.OrdinalIgnoreCase);
        await Expect(page.Locator("#manifest-rows")).ToHaveTextAsync((lines.Length - 1).ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#manifest-sha")).ToHaveTextAsync(new Regex("^[0-9a-f]{64}$"));
        await session.ShotAsync("budgets-exported");

        await page.Locator("#verify-file").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Controleren", Exact = true }).ClickAsync();
        await Expect(page.Locator("#verify-verdict")).ToContainTextAsync("Het bestand komt overeen met het grootboek");
        await session.ShotAsync("budgets-verified");
        File.Delete(file);
    }

    /// <summary>Cents as the pages show them: € 1.234,56.</summary>
    private static string Eur(long cents)
    {
        var whole = (Math.Abs(cents) / 100).ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '.');
        return $"{(cents < 0 ? "-" : "")}€ {whole},{Math.Abs(cents) % 100:00}";
    }

    /// <summary>"€ 1.234,56" (or text ending in it) → 123456.</summary>
    private static long Cents(string text)
    {
        var m = AmountText().Match(text);
        Assert.True(m.Success, $"No amount in '{text}'.");
        return long.Parse(m.Groups[1].Value.Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) * 100
            + long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The number of municipalities of a police unit (a PVO region) and their inhabitants, from the shipped file.</summary>
    private static (int Count, long People) Municipalities(string unit)
    {
        var lines = File.ReadAllLines(Path.Combine(TestEnvironment.RepoRoot, "src", "Core", "Regions", "Data", "gemeenten.csv"));
        var header = lines[0].Split(',');
        var (unitCol, peopleCol) = (Array.IndexOf(header, "politie_eenheid"), Array.IndexOf(header, "inwoners"));
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => CsvField().Matches(l).Select(f => f.Groups[1].Success ? f.Groups[1].Value : f.Groups[2].Value).ToArray())
            .Where(f => f[unitCol] == unit).ToArray();
        return (rows.Length, rows.Sum(f => long.Parse(f[peopleCol], CultureInfo.InvariantCulture)));
    }

    [GeneratedRegex(@"€\s?([0-9.]+),(\d{2})\s*$")]
    private static partial Regex AmountText();

    // A CSV field: quoted (commas allowed inside) or plain.
    [GeneratedRegex("(?:^|,)(?:\"([^\"]*)\"|([^,]*))")]
    private static partial Regex CsvField();
}
