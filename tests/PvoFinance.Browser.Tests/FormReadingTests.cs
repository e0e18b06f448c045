using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PvoFinance.Browser.Tests;

/// <summary>
/// How the pages read what a person types and how they lead through a form (issue 16, second round): amounts read the
/// Dutch way with the rule and the reading shown next to the field, one error summary at the top of a form with links
/// to the fields in error, a skip link on every page, and every chart's figures in a table as well.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FormReadingTests(BrowserFixture fixture)
{
    private static string Suffix() => Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task Amounts_are_read_the_dutch_way_and_what_cannot_be_told_apart_is_refused_rather_than_guessed()
    {
        await using var session = await fixture.NewSessionAsync("amount-rule");
        var page = session.Page;
        await page.GotoAsync("/");
        var read = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const { parseAmount } = await import('/js/app.js');
              const cases = ['30.000', '30.000,00', '30000,5', '1.234', '1234.56', '30.000,-', '€ 1.234.567,89', '-12,3',
                             '1.2345', '1,2,3', '30.00.0', '12.34.567', '1.234,567', 'dertig'];
              return Object.fromEntries(cases.map(c => [c, parseAmount(c)]));
            }
            """);
        var expected = new Dictionary<string, string?>
        {
            ["30.000"] = "30000.00",
            ["30.000,00"] = "30000.00",
            ["30000,5"] = "30000.50",
            ["1.234"] = "1234.00",
            ["1234.56"] = "1234.56",
            ["30.000,-"] = "30000.00",
            ["€ 1.234.567,89"] = "1234567.89",
            ["-12,3"] = "-12.30",
            ["1.2345"] = null,
            ["1,2,3"] = null,
            ["30.00.0"] = null,
            ["12.34.567"] = null,
            ["1.234,567"] = null,
            ["dertig"] = null,
        };
        foreach (var (text, amount) in expected)
        {
            var got = read.GetProperty(text);
            Assert.True(amount is null ? got.ValueKind == JsonValueKind.Null : got.GetString() == amount, $"{text} read as {got}");
        }
    }

    [Fact]
    public async Task A_fund_and_an_application_typed_with_dutch_thousands_are_saved_as_those_amounts_and_the_page_says_how_it_reads_them()
    {
        var s = Suffix();
        var fund = $"lees-fonds-{s}";
        await using (var officer = await fixture.NewSessionAsync("amount-fund"))
        {
            await officer.SignInAsync("Provinciaal ambtenaar", province: "Limburg", user: $"officer-{s}");
            var op = officer.Page;
            await officer.ViewAsync("Fonds aanmaken");
            await op.GetByLabel("Naam", new() { Exact = true }).FillAsync($"Leesfonds {s}");
            await op.GetByLabel("Kenmerk (voorgesteld uit de naam)").FillAsync(fund);
            await op.GetByLabel("Maximaal aandeel in de projectkosten (%)").FillAsync("60");
            await op.GetByLabel("Plafond dit jaar").FillAsync("100.000");
            await Expect(op.Locator("#fund-ceiling-hint")).ToHaveTextAsync("Gelezen als € 100.000,00");
            await op.GetByRole(AriaRole.Button, new() { Name = "Fonds aanmaken" }).ClickAsync();
            await Expect(op.Locator($"#budgets-table tr[data-id='{fund}']")).ToContainTextAsync("€ 100.000,00");
        }

        await using var session = await fixture.NewSessionAsync("amount-application");
        var page = session.Page;
        await session.SignInAsync("PVO-manager", region: "Limburg", user: $"manager-{s}");
        await session.ViewAsync("Nieuwe aanvraag");
        // The rule stands next to the empty field; it is part of the field's description for a screen reader.
        await Expect(page.Locator("#app-costs-hint")).ToContainTextAsync("30.000 en 30.000,00 zijn dertigduizend");
        await Expect(page.Locator("#app-costs")).ToHaveAttributeAsync("aria-describedby", "app-costs-hint");
        await page.Locator("#app-costs").FillAsync("1.2345");
        await Expect(page.Locator("#app-costs-hint")).ToContainTextAsync("Geen bedrag volgens de regel");

        await page.Locator("#app-title").FillAsync($"Leesproef {s}");
        await page.Locator("#app-id").FillAsync($"lees-{s}");
        await page.Locator("#app-fund").SelectOptionAsync(fund);
        await page.Locator("#app-costs").FillAsync("60000,5");
        await Expect(page.Locator("#app-costs-hint")).ToHaveTextAsync("Gelezen als € 60.000,50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende: financieringsplan" }).ClickAsync();
        // Step 2 proposes what the fund pays at most: 60 % of € 60.000,50.
        await Expect(page.Locator("#app-requested")).ToHaveValueAsync("36.000,30");
        await Expect(page.Locator("#app-requested")).ToHaveAttributeAsync("aria-describedby", "app-requested-hint");
        await page.Locator("#app-requested").FillAsync("30.000");
        await Expect(page.Locator("#app-requested-hint")).ToHaveTextAsync("Gelezen als € 30.000,00");
        await page.Locator("#part-source-0").SelectOptionAsync(fund);
        await page.Locator("#part-amount-0").FillAsync("30.000,00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende: controleren" }).ClickAsync();
        // Step 3 shows the draft as the service saved it.
        await Expect(page.Locator("#review-list")).ToContainTextAsync("Concept");
        await Expect(page.Locator("#review-list")).ToContainTextAsync("€ 30.000,00");
        await Expect(page.Locator("#review-list")).ToContainTextAsync("€ 60.000,50");
    }

    [Fact]
    public async Task The_theme_is_chosen_from_the_funds_themes_and_the_officer_is_offered_only_the_regions_of_the_province()
    {
        var s = Suffix();
        var fund = $"thema-fonds-{s}";
        await using (var officer = await fixture.NewSessionAsync("choices-officer"))
        {
            await officer.SignInAsync("Provinciaal ambtenaar", province: "Limburg", user: $"officer-{s}");
            var op = officer.Page;
            await officer.ViewAsync("Fonds aanmaken");
            await op.GetByLabel("Naam", new() { Exact = true }).FillAsync($"Themafonds {s}");
            await op.GetByLabel("Kenmerk (voorgesteld uit de naam)").FillAsync(fund);
            await op.GetByLabel("Maximaal aandeel in de projectkosten (%)").FillAsync("60");
            await op.GetByLabel("Thema's (komma's ertussen)").FillAsync("cybercrime, winkelcriminaliteit");
            await op.GetByLabel("Plafond dit jaar").FillAsync("50.000");
            await op.GetByRole(AriaRole.Button, new() { Name = "Fonds aanmaken" }).ClickAsync();
            await Expect(op.Locator($"#budgets-table tr[data-id='{fund}']")).ToContainTextAsync("€ 50.000,00");
            // Limburg lies in one police region: the commitment offers that one, by name, and no other.
            var regions = op.Locator("#commit-region option");
            await Expect(regions).ToHaveCountAsync(1);
            await Expect(regions).ToHaveTextAsync("Limburg");
            Assert.Equal("limburg", await regions.First.GetAttributeAsync("value"));
        }

        await using var session = await fixture.NewSessionAsync("choices-manager");
        var page = session.Page;
        await session.SignInAsync("PVO-manager", region: "Limburg", user: $"manager-{s}");
        await session.ViewAsync("Nieuwe aanvraag");
        await page.Locator("#app-title").FillAsync($"Themaproef {s}");
        await page.Locator("#app-id").FillAsync($"thema-{s}");
        await page.Locator("#app-fund").SelectOptionAsync(fund);
        var theme = page.Locator("select#app-theme");
        await Expect(theme).ToBeVisibleAsync();
        await Expect(theme.Locator("option")).ToHaveTextAsync(["Kies een thema van het fonds", "cybercrime", "winkelcriminaliteit"]);
        await Expect(page.GetByLabel("Thema", new() { Exact = true })).ToHaveCountAsync(1);
        await page.Locator("#app-costs").FillAsync("40.000");
        // No theme chosen: the service refuses the draft in step 1, in Dutch, next to the theme, with the fund by name.
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende: financieringsplan" }).ClickAsync();
        await Expect(page.Locator("#app-theme + .error")).ToContainTextAsync($"Themafonds {s} is alleen voor de thema's cybercrime, winkelcriminaliteit; het project heeft geen thema.");
        await Expect(page.Locator("#steps li[data-step='1']")).ToHaveAttributeAsync("aria-current", "step");
        await theme.SelectOptionAsync("winkelcriminaliteit");
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende: financieringsplan" }).ClickAsync();
        await page.Locator("#app-requested").FillAsync("20.000");
        await page.Locator("#part-source-0").SelectOptionAsync(fund);
        await page.Locator("#part-amount-0").FillAsync("20.000");
        await Expect(page.Locator($"#check-theme-{fund}")).ToContainTextAsync("✓");
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende: controleren" }).ClickAsync();
        await Expect(page.Locator("#review-list")).ToContainTextAsync("winkelcriminaliteit");
        await Expect(page.Locator("#review-checks")).ToContainTextAsync("✓");
    }

    [Fact]
    public async Task A_form_in_error_starts_with_one_summary_that_has_the_focus_and_links_to_each_field()
    {
        var s = Suffix();
        await using var session = await fixture.NewSessionAsync("error-summary");
        var page = session.Page;
        await session.SignInAsync("PVO-manager", region: "Limburg", user: $"manager-{s}");
        await session.ViewAsync("Nieuwe aanvraag");
        await page.Locator("#app-title").FillAsync($"Foutproef {s}");
        await page.Locator("#app-costs").FillAsync("1.2345");
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende: financieringsplan" }).ClickAsync();

        var summary = page.Locator("#new-application > .error-summary");
        await Expect(summary).ToHaveCountAsync(1);
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary.Locator("h3")).ToContainTextAsync("fout");
        var links = summary.Locator("a");
        Assert.True(await links.CountAsync() >= 1, "the summary links to the fields in error");
        // Every field in error has its line in the summary, and the same message stays by the field.
        var invalid = await page.Locator("#new-application [aria-invalid='true']").CountAsync();
        Assert.Equal(invalid, await links.CountAsync());
        var requested = summary.Locator("a[href='#app-costs']");
        await Expect(requested).ToHaveTextAsync(await page.Locator("#app-costs + .error").InnerTextAsync());
        var hash = await page.EvaluateAsync<string>("() => location.hash");
        await requested.ClickAsync();
        await Expect(page.Locator("#app-costs")).ToBeFocusedAsync();
        Assert.Equal(hash, await page.EvaluateAsync<string>("() => location.hash"));
        await session.ShotAsync("error-summary");

        // Put right and sent again: the summary goes with the errors.
        await page.Locator("#app-costs").FillAsync("1.234,00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende: financieringsplan" }).ClickAsync();
        await Expect(page.Locator("#new-application a[href='#app-costs']")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("/", null, null, null, null)]
    [InlineData("/manager.html", "PVO-manager", "Limburg", null, null)]
    [InlineData("/officer.html", "Provinciaal ambtenaar", null, "Limburg", null)]
    [InlineData("/treasurer.html", "Penningmeester", null, null, "region:limburg")]
    [InlineData("/ministry.html", "Ministerie", null, null, null)]
    public async Task Every_page_starts_with_a_skip_link_to_its_content(string path, string? role, string? region, string? province, string? scope)
    {
        await using var session = await fixture.NewSessionAsync("skip-link");
        var page = session.Page;
        if (role is null)
        {
            await page.GotoAsync(path);
        }
        else
        {
            await session.SignInAsync(role, region: region, province: province, scope: scope, user: $"skip-{Suffix()}");
            await page.WaitForURLAsync($"**{path}*");
        }
        // A fresh load, so the first Tab starts from the top of the document.
        await page.ReloadAsync();
        await Expect(page.Locator("#skip")).ToBeAttachedAsync();
        await page.Keyboard.PressAsync("Tab");
        var skip = page.Locator("#skip");
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToHaveTextAsync("Naar de inhoud");
        await Expect(skip).ToBeInViewportAsync();
        var hash = await page.EvaluateAsync<string>("() => location.hash");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main")).ToBeFocusedAsync();
        Assert.Equal(hash, await page.EvaluateAsync<string>("() => location.hash"));
    }

    [Fact]
    public async Task Each_chart_of_the_ministry_has_its_figures_in_a_table_for_a_screen_reader_and_on_request()
    {
        await using var session = await fixture.NewSessionAsync("chart-tables");
        var page = session.Page;
        await session.SignInAsync("Ministerie");
        await session.ViewAsync("Regio's vergeleken");
        await Expect(page.Locator("#ministry-table tbody tr")).ToHaveCountAsync(10);
        foreach (var chart in new[] { "#chart-per-inhabitant", "#chart-rijk", "#chart-themes" })
        {
            var bars = await page.Locator($"{chart} svg rect").CountAsync();
            var table = page.Locator($"{chart} table.chart-table");
            Assert.True(bars > 0, $"{chart} draws bars");
            await Expect(table.Locator("tbody tr")).ToHaveCountAsync(bars);
            // Visually hidden but in the accessibility tree: a screen reader reads it as a table.
            await Expect(table).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("sr-only"));
        }
        // What a screen reader gets: Chromium's own accessibility tree has each chart's table, named by its caption.
        var cdp = await page.Context.NewCDPSessionAsync(page);
        var tree = await cdp.SendAsync("Accessibility.getFullAXTree");
        var tables = tree!.Value.GetProperty("nodes").EnumerateArray()
            .Where(n => n.TryGetProperty("role", out var r) && r.GetProperty("value").GetString() == "table"
                && !(n.TryGetProperty("ignored", out var i) && i.GetBoolean()))
            .Select(n => n.TryGetProperty("name", out var nm) ? nm.GetProperty("value").GetString() : null)
            .ToList();
        foreach (var caption in new[] { "Geld per inwoner", "Afhankelijkheid van het Rijk", "Thema's" })
        {
            Assert.True(tables.Contains(caption), $"no table named {caption} in the accessibility tree: {string.Join(" | ", tables)}");
        }
        await Expect(page.Locator("#chart-per-inhabitant table.chart-table tbody tr", new() { HasText = "Limburg" })).ToContainTextAsync("€");

        var toggle = page.Locator("#chart-per-inhabitant").GetByRole(AriaRole.Button, new() { Name = "Toon als tabel" });
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await toggle.ClickAsync();
        var shown = page.Locator("#chart-per-inhabitant table.chart-table");
        await Expect(shown).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("sr-only"));
        await Expect(page.Locator("#chart-per-inhabitant").GetByRole(AriaRole.Button, new() { Name = "Verberg de tabel" })).ToHaveAttributeAsync("aria-expanded", "true");
        var box = await shown.BoundingBoxAsync();
        Assert.True(box is { Width: > 100, Height: > 100 }, $"the table is shown at full size, got {box?.Width}x{box?.Height}");
        await session.ShotAsync("chart-table-shown");
    }
}
