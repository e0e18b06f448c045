using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// A per-inhabitant levy invoices every municipality of a region; the invoices add up to the rate times the
/// region's inhabitants to the cent, and the ledger reconciles. Expected figures are computed here from the
/// municipality file the service ships (<c>src/Core/Regions/Data/gemeenten.csv</c>, Bron: CBS), not taken
/// from the service.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class LevyTests(ServiceFixture fixture)
{
    private static readonly string S = "lv-" + Suffix;
    private const string Region = "oost-brabant";
    private const string PoliceUnit = "Oost-Brabant";

    private sealed record Gemeente(string Code, string Name, int Inhabitants);

    /// <summary>The region's municipalities from the shipped CSV, ordered by code as the service invoices them.</summary>
    private static readonly Lazy<Gemeente[]> Municipalities = new(() =>
    {
        var file = Path.Combine(TestEnvironment.RepoRoot, "src", "Core", "Regions", "Data", "gemeenten.csv");
        var lines = File.ReadAllLines(file);
        var header = SplitCsv(lines[0]);
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException($"No column {name} in {file}.");
        var (code, name, unit, inhabitants) = (Col("gemeentecode"), Col("gemeentenaam"), Col("politie_eenheid"), Col("inwoners"));
        return [.. lines.Skip(1).Where(l => l.Length > 0).Select(SplitCsv).Where(f => f[unit] == PoliceUnit)
            .Select(f => new Gemeente(f[code], f[name], int.Parse(f[inhabitants], CultureInfo.InvariantCulture)))
            .OrderBy(g => g.Code, StringComparer.Ordinal)];
    });

    /// <summary>One CSV line: comma-separated, fields optionally in double quotes ("Nuenen, Gerwen en Nederwetten").</summary>
    private static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
        return [.. fields];
    }

    /// <summary>
    /// The expected invoices in cents: the total is rate × inhabitants rounded once (half away from zero); it is split
    /// in proportion to inhabitants, each part the floor of its exact share, the leftover cents one each to the
    /// largest remainders, ties to the earlier municipality (docs/ledger.md, Allocation.Split).
    /// </summary>
    private static (long Total, long[] Parts) Expected(long rateTenThousandths, Gemeente[] gemeenten)
    {
        long people = gemeenten.Sum(g => (long)g.Inhabitants);
        var total = (rateTenThousandths * people + 50) / 100;
        var parts = gemeenten.Select(g => total * g.Inhabitants / people).ToArray();
        var remainders = gemeenten.Select((g, i) => (Remainder: total * g.Inhabitants % people, Index: i)).ToArray();
        var left = total - parts.Sum();
        foreach (var (_, index) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take((int)left))
        {
            parts[index]++;
        }
        return (total, parts);
    }

    private static string Cents(long cents) => Money(cents / 100m);

    [Fact]
    public async Task A_levy_of_0_25_invoices_every_municipality_of_the_region_to_the_cent_and_the_ledger_reconciles()
    {
        var gemeenten = Municipalities.Value;
        // The shipped file has 32 municipalities in the Oost-Brabant police unit (1,486,090 inhabitants on 1 January 2024).
        Assert.Equal(32, gemeenten.Length);
        Assert.Equal(1_486_090, gemeenten.Sum(g => g.Inhabitants));
        var (total, parts) = Expected(2500, gemeenten);
        Assert.Equal(37_152_250, total);

        var manager = await fixture.As(Who.Manager(Region));
        var ministry = await fixture.As(Who.Ministry);
        var id = $"{S}-all";
        await manager.CreateAsync(Source(id, $"Inwonersbijdrage {S}", "municipal-levy", "Gemeenten Oost-Brabant", region: Region, levyRate: "0.25"));

        var invoiced = (await manager.PostJsonAsync($"api/funding-sources/{id}/years/2026/invoices", new JsonObject())).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(32, invoiced.GetProperty("count").GetInt32());
        Assert.Equal("371522.50", invoiced.GetProperty("total").GetString());
        Assert.Equal("371522.50", invoiced.GetProperty("outstanding").GetString());
        var invoices = invoiced.GetProperty("invoices").EnumerateArray().ToArray();
        Assert.Equal(gemeenten.Select(g => g.Code), invoices.Select(i => i.GetProperty("municipalityCode").GetString()!));
        Assert.Equal(gemeenten.Select(g => g.Name), invoices.Select(i => i.GetProperty("municipalityName").GetString()!));
        Assert.Equal(gemeenten.Select(g => g.Inhabitants), invoices.Select(i => i.GetProperty("inhabitants").GetInt32()));
        Assert.Equal(parts.Select(Cents), invoices.Select(i => i.GetProperty("amount").GetString()!));
        Assert.Equal("371522.50", Money(invoices.Sum(i => Dec(i.GetProperty("amount").GetString()!))));
        for (var i = 0; i < gemeenten.Length; i++)
        {
            // Each invoice differs from the municipality's own rounded product by at most one cent.
            var own = (2500L * gemeenten[i].Inhabitants + 50) / 100;
            Assert.True(Math.Abs(own - parts[i]) <= 1, $"{gemeenten[i].Code}: {parts[i]} vs {own}");
        }
        Assert.Equal("61604.25", invoices.Single(i => i.GetProperty("municipalityCode").GetString() == "GM0772").GetProperty("amount").GetString());

        // The ledger: one entry per municipality, receivables summing to the total, the budget credited with it.
        var journal = $"source.{id}.2026";
        await AssertLedgerAsync(ministry, journal, id, gemeenten, parts, total);
        var summary = (await ministry.SummaryAsync(journal)).GetRawText();
        Assert.Equal(32, (await ministry.SummaryAsync(journal)).GetProperty("version").GetInt64());
        Assert.True((await ministry.VerifyAsync(journal)).GetProperty("intact").GetBoolean());

        // Invoicing again is idempotent: the same invoices, no new entries.
        var again = (await manager.PostJsonAsync($"api/funding-sources/{id}/years/2026/invoices", new JsonObject())).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(invoiced.GetRawText(), again.GetRawText());
        Assert.Equal(summary, (await ministry.SummaryAsync(journal)).GetRawText());
        await AssertLedgerAsync(ministry, journal, id, gemeenten, parts, total);
        Assert.Equal(invoiced.GetRawText(), (await manager.GetAsync($"api/funding-sources/{id}/years/2026/invoices")).Expect(HttpStatusCode.OK).Text);

        var details = await manager.SourceAsync(id);
        Assert.Equal("371522.50", YearField(details, 2026, "invoiced"));
        Assert.Equal("371522.50", YearField(details, 2026, "receivable"));
        Assert.Equal("0.00", YearField(details, 2026, "received"));
        Assert.Equal("371522.50/0.00/0.00/371522.50", Figures(await manager.RegionFundingAsync(Region, 2026), id));

        // A receipt reduces what that municipality owes.
        var eindhoven = parts[Array.FindIndex(gemeenten, g => g.Code == "GM0772")];
        var receipt = new JsonObject { ["receiptId"] = "r1", ["year"] = 2026, ["debtor"] = "GM0772", ["amount"] = "1000.00" };
        (await manager.PostJsonAsync($"api/funding-sources/{id}/receipts", receipt)).Expect(HttpStatusCode.Created);
        // ...once, however often it is sent.
        (await manager.PostJsonAsync($"api/funding-sources/{id}/receipts", receipt)).Expect(HttpStatusCode.Created);
        var afterReceipt = (await manager.GetAsync($"api/funding-sources/{id}/years/2026/invoices")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("370522.50", afterReceipt.GetProperty("outstanding").GetString());
        Assert.Equal("371522.50", afterReceipt.GetProperty("total").GetString());
        foreach (var invoice in afterReceipt.GetProperty("invoices").EnumerateArray())
        {
            var code = invoice.GetProperty("municipalityCode").GetString();
            var amount = parts[Array.FindIndex(gemeenten, g => g.Code == code)];
            Assert.Equal(Cents(code == "GM0772" ? amount - 1000_00 : amount), invoice.GetProperty("outstanding").GetString());
        }
        Assert.Equal("1000.00", YearField(await manager.SourceAsync(id), 2026, "received"));
        Assert.Equal("371522.50/0.00/1000.00/370522.50", Figures(await manager.RegionFundingAsync(Region, 2026), id));
        Assert.Equal(33, (await ministry.SummaryAsync(journal)).GetProperty("version").GetInt64());

        // More than the municipality still owes is refused, and changes nothing.
        var state = await ministry.StateAsync(journal);
        var tooMuch = new JsonObject { ["receiptId"] = "r2", ["year"] = 2026, ["debtor"] = "GM0772", ["amount"] = Cents(eindhoven - 1000_00 + 1) };
        (await manager.PostJsonAsync($"api/funding-sources/{id}/receipts", tooMuch)).ExpectProblem(HttpStatusCode.UnprocessableEntity, "LimitExceeded", "amount");
        // A municipality outside the levy owes nothing.
        var stranger = new JsonObject { ["receiptId"] = "r3", ["year"] = 2026, ["debtor"] = "GM0014", ["amount"] = "0.01" };
        (await manager.PostJsonAsync($"api/funding-sources/{id}/receipts", stranger)).ExpectProblem(HttpStatusCode.UnprocessableEntity, "LimitExceeded", "amount");
        Assert.Equal(state, await ministry.StateAsync(journal));

        // Exactly the rest settles the invoice.
        var rest = new JsonObject { ["receiptId"] = "r4", ["year"] = 2026, ["debtor"] = "GM0772", ["amount"] = Cents(eindhoven - 1000_00) };
        (await manager.PostJsonAsync($"api/funding-sources/{id}/receipts", rest)).Expect(HttpStatusCode.Created);
        var settled = (await manager.GetAsync($"api/funding-sources/{id}/years/2026/invoices")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("0.00", settled.GetProperty("invoices").EnumerateArray().Single(i => i.GetProperty("municipalityCode").GetString() == "GM0772").GetProperty("outstanding").GetString());
        Assert.Equal(Cents(total - eindhoven), settled.GetProperty("outstanding").GetString());
        var ledger = await ministry.BalancesAsync(journal);
        Assert.Equal(Cents(eindhoven), LedgerApi.Field(ledger, $"cash:{id}:2026", "debitsPosted"));
        Assert.Equal("0.00", LedgerApi.Field(ledger, $"receivable:{id}:2026:gm0772", "balance"));
    }

    private static async Task AssertLedgerAsync(LedgerApi ministry, string journal, string id, Gemeente[] gemeenten, long[] parts, long total)
    {
        var balances = await ministry.BalancesAsync(journal);
        var receivables = balances.Where(b => b.Key.StartsWith($"receivable:{id}:2026:", StringComparison.Ordinal)).ToArray();
        Assert.Equal(32, receivables.Length);
        for (var i = 0; i < gemeenten.Length; i++)
        {
            Assert.Equal(Cents(parts[i]), LedgerApi.Field(balances, $"receivable:{id}:2026:{gemeenten[i].Code.ToLowerInvariant()}", "debitsPosted"));
        }
        Assert.Equal(Cents(total), Money(receivables.Sum(r => Dec(r.Value.GetProperty("balance").GetString()!))));
        Assert.Equal(Cents(total), LedgerApi.Field(balances, $"budget:{id}:2026", "creditsPosted"));
        Assert.Equal("0.00", LedgerApi.Field(balances, $"budget:{id}:2026", "debitsPosted"));
        Assert.Equal("0.00", Money(balances.Values.Sum(b => Dec(b.GetProperty("balance").GetString()!))));
    }

    [Fact]
    public async Task A_levy_for_some_participants_invoices_only_them()
    {
        var manager = await fixture.As(Who.Manager(Region));
        var id = $"{S}-some";
        var gemeenten = Municipalities.Value.Where(g => g.Code is "GM0772" or "GM0794").ToArray();
        var (total, parts) = Expected(2500, gemeenten);
        await manager.CreateAsync(Source(id, $"Inwonersbijdrage deel {S}", "municipal-levy", "Eindhoven en Helmond", region: Region, levyRate: "0.25", participants: ["GM0794", "GM0772"]));
        var invoiced = (await manager.PostJsonAsync($"api/funding-sources/{id}/years/2026/invoices", new JsonObject())).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(2, invoiced.GetProperty("count").GetInt32());
        Assert.Equal("85572.75", invoiced.GetProperty("total").GetString());
        Assert.Equal(Cents(total), invoiced.GetProperty("total").GetString());
        Assert.Equal(["GM0772", "GM0794"], invoiced.GetProperty("invoices").EnumerateArray().Select(i => i.GetProperty("municipalityCode").GetString()!));
        Assert.Equal(["61604.25", "23968.50"], invoiced.GetProperty("invoices").EnumerateArray().Select(i => i.GetProperty("amount").GetString()!));
        Assert.Equal(parts.Select(Cents), invoiced.GetProperty("invoices").EnumerateArray().Select(i => i.GetProperty("amount").GetString()!));
        Assert.Equal(2, (await (await fixture.As(Who.Ministry)).SummaryAsync($"source.{id}.2026")).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Bad_rates_participants_and_amounts_are_400_naming_the_field()
    {
        var manager = await fixture.As(Who.Manager(Region));
        var ministry = await fixture.As(Who.Ministry);
        (await manager.PostJsonAsync("api/funding-sources", Source($"{S}-rate", $"Rate {S}", "municipal-levy", "Gemeenten", region: Region, levyRate: "0.12345")))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "levyRate");
        (await manager.PostJsonAsync("api/funding-sources", Source($"{S}-rate", $"Rate {S}", "municipal-levy", "Gemeenten", region: Region, levyRate: "-0.25")))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "levyRate");
        (await manager.PostJsonAsync("api/funding-sources", Source($"{S}-rate", $"Rate {S}", "municipal-levy", "Gemeenten", region: Region)))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "levyRate");
        // Groningen is not in Oost-Brabant.
        (await manager.PostJsonAsync("api/funding-sources", Source($"{S}-rate", $"Rate {S}", "municipal-levy", "Gemeenten", region: Region, levyRate: "0.25", participants: ["GM0772", "GM0014"])))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "participants");
        (await ministry.GetAsync($"api/funding-sources/{S}-rate")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "id");

        var id = $"{S}-amt";
        await manager.CreateAsync(Source(id, $"Amounts {S}", "municipal-levy", "Gemeenten", region: Region, levyRate: "0.01", participants: ["GM0772"]));
        (await manager.PostJsonAsync($"api/funding-sources/{id}/years/2026/invoices", new JsonObject())).Expect(HttpStatusCode.OK);
        var state = await ministry.StateAsync($"source.{id}.2026");
        foreach (var amount in new[] { "-5.00", "1.234", "0.00", "5,00", "" })
        {
            var body = new JsonObject { ["receiptId"] = "bad", ["year"] = 2026, ["debtor"] = "GM0772", ["amount"] = amount };
            (await manager.PostJsonAsync($"api/funding-sources/{id}/receipts", body)).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "amount");
        }
        Assert.Equal(state, await ministry.StateAsync($"source.{id}.2026"));
        Assert.Equal("2464.17", (await manager.GetAsync($"api/funding-sources/{id}/years/2026/invoices")).Expect(HttpStatusCode.OK).Json.GetProperty("outstanding").GetString());
    }
}
