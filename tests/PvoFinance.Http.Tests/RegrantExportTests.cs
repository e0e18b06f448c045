using System.Net;
using System.Text;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// Issue 13, item 6, through the API: a national scheme pays Rotterdam €10 million through the CCV in two payments.
/// In the region's transactions.csv every line of the region's incoming money from the CCV (and every CCV
/// disbursement to the region) names in <c>regrant_of</c> the transaction id of a line of the same file that is the CCV's
/// incoming money from the same scheme, for the same amount; the CCV is the recipient of that line.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class RegrantExportTests(ServiceFixture fixture)
{
    private const string Region = "rotterdam";
    private static readonly string S = "rg-" + Suffix;

    [Fact]
    public async Task Money_passed_on_by_the_ccv_names_the_ccvs_own_incoming_transaction()
    {
        var ministry = await fixture.As(Who.Ministry);
        var id = $"{S}-ccv";
        await ministry.CreateAsync(Source(id, $"PVO scheme via CCV {S}", "national-scheme", "Ministerie van Justitie en Veiligheid", intermediary: "ccv"));
        await ministry.CeilingAsync(id, 2026, "10000000.00");
        (await ministry.PostJsonAsync($"api/funding-sources/{id}/commitments", Commitment("r-2026", Region, (2026, "10000000.00")))).Expect(HttpStatusCode.OK);
        (await ministry.PostJsonAsync($"api/funding-sources/{id}/payments", Payment("p1", Region, 2026, "6000000.00"))).Expect(HttpStatusCode.Created);
        (await ministry.PostJsonAsync($"api/funding-sources/{id}/payments", Payment("p2", Region, 2026, "4000000.00"))).Expect(HttpStatusCode.Created);

        var treasurer = await fixture.As(Who.Treasurer($"region:{Region}"));
        var (status, bytes, _, _, _) = await treasurer.GetBytesAsync($"api/exports/transactions.csv?scope={Uri.EscapeDataString($"region:{Region}")}");
        Assert.True(status == HttpStatusCode.OK, Encoding.UTF8.GetString(bytes));
        var rows = Csv.Rows(Encoding.UTF8.GetString(bytes));
        var byId = rows.ToDictionary(r => r["transaction_id"], StringComparer.Ordinal);

        // The region's incoming money from the CCV, and the CCV's disbursements to the region: what the CCV passes on.
        var arriving = rows.Where(r => r["transaction_id"].StartsWith($"region.{Region}:", StringComparison.Ordinal) && r["debit_account"] == "clearing:intermediary.ccv").ToList();
        var leaving = rows.Where(r => r["transaction_id"].StartsWith("intermediary.ccv:", StringComparison.Ordinal) && r["credit_account"] == $"clearing:region.{Region}").ToList();
        Assert.Contains(arriving, r => r["credit_account"] == $"region:{Region}:{id}" && r["amount"] == "6000000.00");
        Assert.Contains(arriving, r => r["credit_account"] == $"region:{Region}:{id}" && r["amount"] == "4000000.00");
        Assert.Equal(arriving.Count, leaving.Count);
        foreach (var line in arriving.Concat(leaving))
        {
            // The source is named by the region's account (region:<region>:<source>) or the CCV's (commitment:ccv:<source>:<region>).
            var source = line["credit_account"].StartsWith("region:", StringComparison.Ordinal) ? line["credit_account"].Split(':')[2] : line["debit_account"].Split(':')[2];
            Assert.True(byId.TryGetValue(line["regrant_of"], out var received), $"{line["transaction_id"]}: regrant_of '{line["regrant_of"]}' is no line of the file");
            Assert.StartsWith("intermediary.ccv:", received["transaction_id"], StringComparison.Ordinal);
            Assert.Equal("1", received["iati_transaction_type"]);
            Assert.StartsWith($"clearing:source.{source}.", received["debit_account"], StringComparison.Ordinal);
            Assert.Equal($"commitment:ccv:{source}:{Region}", received["credit_account"]);
            Assert.Equal(line["amount"], received["amount"]);
            Assert.Equal(("NL-PVO-INTERMEDIARY-ccv", "ccv", ""), (received["recipient_org_id"], received["recipient_name"], received["regrant_of"]));
            Assert.Equal((line["funder_org_id"], Region), (received["funder_org_id"], received["region_code"]));
            Assert.Equal(($"NL-PVO-{Region}", "PVO Rotterdam"), (line["recipient_org_id"], line["recipient_name"]));
        }
        // Each payment passes on its own receipt: the two of this scheme name two different CCV lines.
        Assert.Equal(2, arriving.Where(r => r["credit_account"] == $"region:{Region}:{id}").Select(r => r["regrant_of"]).Distinct().Count());
        // Nothing else is a regrant: the scheme's commitment and its payment to the CCV are not.
        Assert.All(rows.Where(r => !arriving.Contains(r) && !leaving.Contains(r)), r => Assert.Equal("", r["regrant_of"]));
    }
}
