using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>What the statement tests share: fresh IBANs, a levy source with invoices, and the import call.</summary>
public static class BankStatementTestKit
{
    /// <summary>A random Dutch IBAN with valid check digits (bank code TEST), so no two tests share an account.</summary>
    public static string NewIban()
    {
        var account = RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString("D10", CultureInfo.InvariantCulture);
        var bban = "TEST" + account;
        var digits = string.Concat((bban + "NL00").Select(c => char.IsAsciiLetter(c) ? (c - 'A' + 10).ToString(CultureInfo.InvariantCulture) : c.ToString()));
        var check = 98 - (int)(BigInteger.Parse(digits, CultureInfo.InvariantCulture) % 97);
        return $"NL{check:D2}{bban}";
    }

    /// <summary>POSTs a statement file to the import.</summary>
    public static Task<Reply> ImportAsync(this LedgerApi api, byte[] file, string? format = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/bank/statements" + (format is null ? "" : "?format=" + format))
        {
            Content = new ByteArrayContent(file),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return api.SendAsync(request);
    }

    /// <summary>A municipal levy source of <paramref name="region"/> at €0.25 per inhabitant, invoiced for 2026, its owner's account <paramref name="iban"/>; the invoices.</summary>
    public static async Task<JsonElement[]> LevyWithInvoicesAsync(LedgerApi manager, string id, string region, string iban)
    {
        await manager.CreateAsync(Source(id, $"Bijdrage {id}", "municipal-levy", "Gemeenten", region: region, levyRate: "0.25"));
        (await manager.PutJsonAsync($"api/bank-accounts/funding-sources/{id}", new JsonObject { ["iban"] = iban, ["holder"] = "Stichting PVO " + region })).Expect(HttpStatusCode.OK);
        var invoiced = (await manager.PostJsonAsync($"api/funding-sources/{id}/years/2026/invoices", new JsonObject())).Expect(HttpStatusCode.OK).Json;
        return [.. invoiced.GetProperty("invoices").EnumerateArray()];
    }

    /// <summary>An amount string in cents.</summary>
    public static long Cents(string amount) => (long)(decimal.Parse(amount, CultureInfo.InvariantCulture) * 100);

    /// <summary>An invoice's field as cents.</summary>
    public static long Cents(JsonElement element, string field) => Cents(element.GetProperty(field).GetString()!);
}
