using System.Globalization;
using System.Net.Http.Json;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PvoFinance.Browser.Tests;

/// <summary>
/// "Bankafschrift inlezen" on the treasurer's page: a camt.053 with a levy paid by its reference, one paid without a
/// reference from the municipality's known account and one from nobody known is uploaded; the page shows them as booked,
/// proposed and not matched; the treasurer confirms the proposal and it is booked (the invoice is paid in full).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BankStatementPageTests(BrowserFixture fixture)
{
    private const string Region = "midden-nederland";

    private static string NewIban()
    {
        var bban = "TEST" + Random.Shared.Next(100_000_000, 999_999_999).ToString("D10", CultureInfo.InvariantCulture);
        var digits = string.Concat((bban + "NL00").Select(c => char.IsAsciiLetter(c) ? (c - 'A' + 10).ToString(CultureInfo.InvariantCulture) : c.ToString()));
        return $"NL{98 - (int)(BigInteger.Parse(digits, CultureInfo.InvariantCulture) % 97):D2}{bban}";
    }

    private static string Camt(string iban, string day, params (long Cents, string? Payer, string? Reference, string BankRef)[] credits)
    {
        static string A(long c) => (c / 100).ToString(CultureInfo.InvariantCulture) + "." + (c % 100).ToString("00", CultureInfo.InvariantCulture);
        var xml = new StringBuilder($"""<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>M1</MsgId><CreDtTm>{day}T18:00:00</CreDtTm></GrpHdr>""");
        xml.Append($"<Stmt><Id>B-{day}</Id><Acct><Id><IBAN>{iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>");
        xml.Append($"<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>{day}</Dt></Dt></Bal>");
        xml.Append($"<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">{A(credits.Sum(c => c.Cents))}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>{day}</Dt></Dt></Bal>");
        foreach (var (cents, payer, reference, bankRef) in credits)
        {
            var remittance = reference is null ? "<RmtInf><Ustrd>bijdrage</Ustrd></RmtInf>"
                : $"<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>ISO</Issr></Tp><Ref>{reference}</Ref></CdtrRefInf></Strd></RmtInf>";
            xml.Append($"<Ntry><Amt Ccy=\"EUR\">{A(cents)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>{day}</Dt></BookgDt><ValDt><Dt>{day}</Dt></ValDt><AcctSvcrRef>{bankRef}</AcctSvcrRef>");
            xml.Append($"<NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><RltdPties><Dbtr><Nm>Gemeente</Nm></Dbtr>{(payer is null ? "" : $"<DbtrAcct><Id><IBAN>{payer}</IBAN></Id></DbtrAcct>")}</RltdPties>{remittance}</TxDtls></NtryDtls></Ntry>");
        }
        xml.Append("</Stmt></BkToCstmrStmt></Document>");
        return xml.ToString();
    }

    [Fact]
    public async Task A_treasurer_uploads_a_statement_and_confirms_the_proposed_line()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var levy = $"afschrift-{s}";
        var iban = NewIban();
        var payer = NewIban();
        using var manager = await fixture.Service.ClientAsync("pvo-manager", region: Region);
        (await manager.PostAsJsonAsync("api/funding-sources", new { id = levy, name = $"Bijdrage {s}", kind = "municipal-levy", funder = "Gemeenten", region = Region, levyRate = "0.25" })).EnsureSuccessStatusCode();
        (await manager.PutAsJsonAsync($"api/bank-accounts/funding-sources/{levy}", new { iban, holder = "Stichting PVO Midden-Nederland" })).EnsureSuccessStatusCode();
        var invoiced = await manager.PostAsJsonAsync($"api/funding-sources/{levy}/years/2026/invoices", new { });
        invoiced.EnsureSuccessStatusCode();
        var invoices = JsonDocument.Parse(await invoiced.Content.ReadAsStringAsync()).RootElement.GetProperty("invoices").EnumerateArray().ToArray();
        long Cents(int i) => (long)(decimal.Parse(invoices[i].GetProperty("amount").GetString()!, CultureInfo.InvariantCulture) * 100);
        var code1 = invoices[1].GetProperty("municipalityCode").GetString()!;
        (await manager.PutAsJsonAsync($"api/bank-accounts/municipalities/{code1}", new { iban = payer, holder = "Gemeente" })).EnsureSuccessStatusCode();
        var file = Camt(iban, "2026-05-29",
            (Cents(0), NewIban(), invoices[0].GetProperty("creditorReference").GetString(), $"{s}-1"),
            (Cents(1), payer, null, $"{s}-2"),
            (2_500, NewIban(), null, $"{s}-3"));

        await using var session = await fixture.NewSessionAsync("bank-statement");
        var page = session.Page;
        await session.SignInAsync("Penningmeester", scope: "national", user: $"treasurer-{s}");
        await session.ViewAsync("Bankafschrift inlezen");
        // A file with a dollar entry is refused whole, in Dutch, naming the entry.
        var dollars = file[..file.LastIndexOf("Ccy=\"EUR\"", StringComparison.Ordinal)] + "Ccy=\"USD\"" + file[(file.LastIndexOf("Ccy=\"EUR\"", StringComparison.Ordinal) + 9)..];
        await page.Locator("#stmt-file").SetInputFilesAsync(new FilePayload { Name = "dollars.xml", MimeType = "application/xml", Buffer = Encoding.UTF8.GetBytes(dollars) });
        await page.Locator("#stmt-import").ClickAsync();
        var refusal = page.Locator("#stmt-form [role=alert]").First;
        await Expect(refusal).ToContainTextAsync("Post 3");
        await Expect(refusal).ToContainTextAsync("De valuta is USD; alleen afschriften in euro worden ingelezen.");
        await Expect(page.Locator("#stmt-counts")).ToHaveCountAsync(0);

        await page.Locator("#stmt-file").SetInputFilesAsync(new FilePayload { Name = "afschrift.xml", MimeType = "application/xml", Buffer = Encoding.UTF8.GetBytes(file) });
        await page.Locator("#stmt-import").ClickAsync();
        await Expect(page.Locator("#stmt-counts")).ToHaveTextAsync("Gekoppeld: 1 · Voorgesteld: 1 · Niet gekoppeld: 1 · Geboekt: 1");
        await Expect(page.Locator("#stmt-note")).ToHaveTextAsync("Afschrift ingelezen");
        await Expect(page.Locator("#stmt-proposed tr[data-id='2']")).ToContainTextAsync(invoices[1].GetProperty("municipalityName").GetString()!);
        await Expect(page.Locator("#stmt-unmatched tr[data-id='3']")).ToContainTextAsync("€ 25,00");
        await Expect(page.Locator("#stmt-unmatched tr[data-id='3']")).ToContainTextAsync("Geen kenmerk en geen openstaande vordering van deze betaler voor dit bedrag.");
        await Expect(page.Locator("#stmt-matched tr[data-id='1']")).ToContainTextAsync(": volledig betaald.");
        await session.ShotAsync("statement-imported");

        await page.Locator("#stmt-confirm-2").ClickAsync();
        await Expect(page.Locator("#stmt-counts")).ToHaveTextAsync("Gekoppeld: 2 · Voorgesteld: 0 · Niet gekoppeld: 1 · Geboekt: 2");
        await Expect(page.Locator("#stmt-matched tr[data-id='2']")).ToContainTextAsync($"{levy}/2026/{code1}");
        await Expect(page.Locator("#stmt-reconciliation")).ToContainTextAsync("Nog niet geboekt € 25,00");
        await session.ShotAsync("statement-confirmed");

        var after = JsonDocument.Parse(await manager.GetStringAsync($"api/funding-sources/{levy}/years/2026/invoices")).RootElement.GetProperty("invoices")
            .EnumerateArray().Single(i => i.GetProperty("municipalityCode").GetString() == code1);
        Assert.Equal("0.00", after.GetProperty("outstanding").GetString());
    }
}
