using System.Net;
using System.Numerics;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// Bank details where money goes (issue 17, item 1): a region's, a funding source owner's and its intermediary's, and a
/// municipality's account; the IBAN's mod-97 check, the holder and the BIC each refused by name; access by scope; and the
/// creditor reference each levy invoice carries.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class BankAccountTests(ServiceFixture fixture)
{
    private static readonly string S = "ba-" + Suffix;

    private static JsonObject Account(string? iban, string? holder, string? bic = null)
    {
        var body = new JsonObject { ["iban"] = iban, ["holder"] = holder };
        if (bic is not null)
        {
            body["bic"] = bic;
        }
        return body;
    }

    [Fact]
    public async Task A_region_records_its_account_and_bad_details_are_refused_by_field()
    {
        var manager = await fixture.As(Who.Manager("limburg"));
        var treasurer = await fixture.As(Who.Treasurer("region:limburg"));
        var other = await fixture.As(Who.Manager("zeeland-west-brabant"));

        var put = (await manager.PutJsonAsync("api/bank-accounts/regions/limburg", Account("nl91 abna 0417 1643 00", "Stichting PVO Limburg", "abnanl2a"))).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("region.limburg", put.GetProperty("party").GetString());
        Assert.Equal("NL91ABNA0417164300", put.GetProperty("iban").GetString());
        Assert.Equal("NL91 ABNA 0417 1643 00", put.GetProperty("ibanGrouped").GetString());
        Assert.Equal("ABNANL2A", put.GetProperty("bic").GetString());
        Assert.Contains(put.GetProperty("status").GetString(), new[] { "changed", "unchanged" });
        var again = (await treasurer.PutJsonAsync("api/bank-accounts/regions/limburg", Account("NL91ABNA0417164300", "Stichting PVO Limburg", "ABNANL2A"))).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("unchanged", again.GetProperty("status").GetString());
        var read = (await treasurer.GetAsync("api/bank-accounts/regions/limburg")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("Stichting PVO Limburg", read.GetProperty("holder").GetString());

        // One digit off fails the mod-97 check; the problem names the field and nothing changes.
        (await manager.PutJsonAsync("api/bank-accounts/regions/limburg", Account("NL91ABNA0417164301", "X"))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "iban");
        (await manager.PutJsonAsync("api/bank-accounts/regions/limburg", Account("NL91ABNA0417164300", " "))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "holder");
        (await manager.PutJsonAsync("api/bank-accounts/regions/limburg", Account("NL91ABNA0417164300", new string('x', 71)))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "holder");
        (await manager.PutJsonAsync("api/bank-accounts/regions/limburg", Account("NL91ABNA0417164300", "X", "ABN"))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "bic");
        Assert.Equal(read.GetRawText(), (await manager.GetAsync("api/bank-accounts/regions/limburg")).Expect(HttpStatusCode.OK).Text);

        // Another region's manager neither changes nor reads it; an unknown region is not found.
        (await other.PutJsonAsync("api/bank-accounts/regions/limburg", Account("NL91ABNA0417164300", "X"))).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "scope");
        (await other.GetAsync("api/bank-accounts/regions/limburg")).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "scope");
        (await manager.GetAsync("api/bank-accounts/regions/atlantis")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "id");
    }

    [Fact]
    public async Task A_scheme_has_its_owners_account_and_its_intermediarys()
    {
        var ministry = await fixture.As(Who.Ministry);
        var manager = await fixture.As(Who.Manager("limburg"));
        var id = $"{S}-ccv";
        await ministry.CreateAsync(Source(id, $"Regeling {S}", "national-scheme", "JenV", intermediary: "ccv"));
        var direct = $"{S}-direct";
        await ministry.CreateAsync(Source(direct, $"Direct {S}", "national-scheme", "JenV"));

        (await ministry.GetAsync($"api/bank-accounts/funding-sources/{id}")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "iban");
        (await ministry.PutJsonAsync($"api/bank-accounts/funding-sources/{id}", Account("NL02ABNA0123456789", "Ministerie van Justitie en Veiligheid"))).Expect(HttpStatusCode.OK);
        (await ministry.PutJsonAsync($"api/bank-accounts/funding-sources/{id}/intermediary", Account("NL20INGB0001234567", "Stichting CCV"))).Expect(HttpStatusCode.OK);
        Assert.Equal("owner." + id, (await manager.GetAsync($"api/bank-accounts/funding-sources/{id}")).Expect(HttpStatusCode.OK).Json.GetProperty("party").GetString());
        var ccv = (await manager.GetAsync($"api/bank-accounts/funding-sources/{id}/intermediary")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("NL20INGB0001234567", ccv.GetProperty("iban").GetString());
        Assert.Equal("Stichting CCV", ccv.GetProperty("holder").GetString());

        // A region's manager does not record the ministry's accounts; a scheme without intermediary has no such account.
        (await manager.PutJsonAsync($"api/bank-accounts/funding-sources/{id}", Account("NL02ABNA0123456789", "X"))).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "scope");
        (await ministry.PutJsonAsync($"api/bank-accounts/funding-sources/{direct}/intermediary", Account("NL20INGB0001234567", "Stichting CCV"))).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "intermediary");
        (await ministry.GetAsync($"api/bank-accounts/funding-sources/{S}-nothing")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "id");
    }

    [Fact]
    public async Task A_municipality_has_an_account_kept_by_its_region_and_levy_invoices_carry_a_creditor_reference()
    {
        var manager = await fixture.As(Who.Manager("oost-brabant"));
        var treasurer = await fixture.As(Who.Treasurer("region:oost-brabant"));
        var stranger = await fixture.As(Who.Treasurer("region:limburg"));
        (await treasurer.PutJsonAsync("api/bank-accounts/municipalities/GM0772", Account("NL39RABO0300065264", "Gemeente Eindhoven"))).Expect(HttpStatusCode.OK);
        Assert.Equal("Gemeente Eindhoven", (await manager.GetAsync("api/bank-accounts/municipalities/GM0772")).Expect(HttpStatusCode.OK).Json.GetProperty("holder").GetString());
        (await stranger.PutJsonAsync("api/bank-accounts/municipalities/GM0772", Account("NL39RABO0300065264", "X"))).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "scope");
        (await treasurer.PutJsonAsync("api/bank-accounts/municipalities/GM9999", Account("NL39RABO0300065264", "X"))).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "id");

        var id = $"{S}-levy";
        await manager.CreateAsync(Source(id, $"Inwonersbijdrage {S}", "municipal-levy", "Gemeenten", region: "oost-brabant", levyRate: "0.10"));
        (await manager.PostJsonAsync($"api/funding-sources/{id}/years/2026/invoices", new JsonObject())).Expect(HttpStatusCode.OK);
        var invoices = (await treasurer.GetAsync($"api/funding-sources/{id}/years/2026/invoices")).Expect(HttpStatusCode.OK).Json.GetProperty("invoices").EnumerateArray().ToArray();
        var references = invoices.Select(i => i.GetProperty("creditorReference").GetString()!).ToArray();
        Assert.All(references, r => Assert.True(IsIso11649(r), r));
        Assert.Equal(references.Length, references.Distinct().Count());
        var eindhoven = invoices.Single(i => i.GetProperty("municipalityCode").GetString() == "GM0772").GetProperty("creditorReference").GetString()!;
        // L, the year, the four-digit CBS code, then eight characters of the source's hash (docs/banking.md).
        Assert.StartsWith("L20260772", eindhoven[4..], StringComparison.Ordinal);
        Assert.Equal(17, eindhoven[4..].Length);
    }

    /// <summary>ISO 11649 computed here, not by the service: RF + two check digits + base; letters as 10..35, mod 97 of base + "RF" + digits is 1.</summary>
    private static bool IsIso11649(string reference)
    {
        if (reference.Length is < 5 or > 25 || !reference.StartsWith("RF", StringComparison.Ordinal))
        {
            return false;
        }
        var moved = reference[4..] + reference[..4];
        var digits = string.Concat(moved.Select(c => char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) % 97 == 1;
    }
}
