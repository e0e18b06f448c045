using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// A scheme's budget year spread over the regions in one step (docs/distribution.md): €10,000,000.00 per inhabitant over
/// the ten regions through the CCV, previewed, committed and paid all at once; refused whole when one part cannot be
/// committed; and the region funding views and budgets.csv agree with the parts.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class DistributionTests(ServiceFixture fixture)
{
    private const int Year = 2026;
    private static readonly string S = "dist-" + Suffix;

    private static JsonObject Body(string? id, string rule, string total, bool pay = false, string? baseAmount = null, string? scenario = null)
    {
        var body = new JsonObject { ["rule"] = rule, ["total"] = total, ["pay"] = pay };
        if (id is not null)
        {
            body["distributionId"] = id;
        }
        if (baseAmount is not null)
        {
            body["base"] = baseAmount;
        }
        if (scenario is not null)
        {
            body["scenario"] = scenario;
        }
        return body;
    }

    private static List<JsonElement> Parts(JsonElement view) => [.. view.GetProperty("parts").EnumerateArray()];

    [Fact]
    public async Task Ten_million_per_inhabitant_over_the_ten_regions_through_the_ccv_commits_ten_parts_summing_to_exactly_ten_million()
    {
        var ministry = await fixture.As(Who.Ministry);
        var id = $"{S}-ccv";
        await ministry.CreateAsync(Source(id, $"PVO-regeling via CCV {S}", "national-scheme", "Ministerie van Justitie en Veiligheid", intermediary: "ccv"));
        await ministry.CeilingAsync(id, Year, "10000000.00");
        var path = $"api/funding-sources/{id}/years/{Year}/distributions";

        // The preview: ten parts by region id, each within a cent of its exact share, together exactly the total; nothing committed.
        var preview = (await ministry.PostJsonAsync($"{path}/preview", Body(null, "per-inhabitant", "10000000.00", pay: true))).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("preview", preview.GetProperty("status").GetString());
        Assert.Equal("ccv", preview.GetProperty("via").GetString());
        var parts = Parts(preview);
        Assert.Equal(10, parts.Count);
        Assert.Equal(parts.Select(p => p.GetProperty("region").GetString()).Order(StringComparer.Ordinal), parts.Select(p => p.GetProperty("region").GetString()));
        Assert.Equal(10_000_000.00m, parts.Sum(p => Dec(p.GetProperty("amount").GetString()!)));
        var inhabitants = parts.Sum(p => p.GetProperty("inhabitants").GetInt64());
        Assert.All(parts, p => Assert.True(Math.Abs(Dec(p.GetProperty("amount").GetString()!) - 10_000_000.00m * p.GetProperty("inhabitants").GetInt64() / inhabitants) < 0.01m, p.GetRawText()));
        Assert.Contains(parts, p => p.GetProperty("name").GetString() == "Zeeland-West-Brabant");
        Assert.Equal("0.00", YearField(await ministry.SourceAsync(id), Year, "committed"));

        // The commit: every part committed and paid through the CCV, at once.
        var body = Body("jaar-2026", "per-inhabitant", "10000000.00", pay: true);
        var committed = (await ministry.PostJsonAsync(path, body)).Expect(HttpStatusCode.Created).Json;
        Assert.Equal("paid", committed.GetProperty("status").GetString());
        Assert.Equal(parts.Select(p => p.GetProperty("amount").GetString()), Parts(committed).Select(p => p.GetProperty("amount").GetString()));
        Assert.All(Parts(committed), p => Assert.Equal($"jaar-2026.{p.GetProperty("region").GetString()}", p.GetProperty("commitmentId").GetString()));
        var source = await ministry.SourceAsync(id);
        Assert.Equal(("10000000.00", "10000000.00", "0.00"), (YearField(source, Year, "committed"), YearField(source, Year, "paid"), YearField(source, Year, "available")));

        // Each region's funding view, the CCV's journal and budgets.csv show exactly its part.
        var ccv = await ministry.BalancesAsync("intermediary.ccv");
        var (_, csvBytes, _, _, _) = await (await fixture.As(Who.Treasurer("national"))).GetBytesAsync($"api/exports/budgets.csv?scope=national&from={Year}&to={Year}");
        var budgetRows = Csv.Rows(Encoding.UTF8.GetString(csvBytes)).Where(r => r["line"] == "source" && r["source"] == id).ToList();
        Assert.Equal(10, budgetRows.Count);
        foreach (var part in Parts(committed))
        {
            var region = part.GetProperty("region").GetString()!;
            var amount = part.GetProperty("amount").GetString()!;
            Assert.Equal($"{amount}/{amount}/{amount}/0.00", Figures(await ministry.RegionFundingAsync(region, Year), id));
            Assert.Equal(amount, LedgerApi.Field(ccv, $"commitment:ccv:{id}:{region}", "creditsPosted"));
            Assert.Equal(amount, LedgerApi.Field(ccv, $"commitment:ccv:{id}:{region}", "debitsPosted"));
            var row = Assert.Single(budgetRows, r => r["region_code"] == region);
            Assert.Equal((amount, amount, "0.00"), (row["committed"], row["actual"], row["difference"]));
        }

        // A retry answers the same and books nothing; the distribution reads back; another request under the id is refused.
        var journal = await ministry.StateAsync($"source.{id}.{Year}");
        var again = (await ministry.PostJsonAsync(path, body)).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(committed.GetRawText(), again.GetRawText());
        Assert.Equal(journal, await ministry.StateAsync($"source.{id}.{Year}"));
        var read = (await ministry.GetAsync($"{path}/jaar-2026")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(committed.GetRawText(), read.GetRawText());
        (await ministry.PostJsonAsync(path, Body("jaar-2026", "per-inhabitant", "9000000.00", pay: true))).ExpectProblem(HttpStatusCode.Conflict, "IdempotencyConflict", "distributionId");
        (await ministry.GetAsync($"{path}/nope")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "distributionId");
        Assert.Equal(journal, await ministry.StateAsync($"source.{id}.{Year}"));
    }

    [Fact]
    public async Task Refused_whole_when_one_part_cannot_be_committed()
    {
        var ministry = await fixture.As(Who.Ministry);
        var id = $"{S}-whole";
        await ministry.CreateAsync(Source(id, $"Regeling geheel of niet {S}", "national-scheme", "Ministerie"));
        await ministry.CeilingAsync(id, Year, "1000000.00");
        var path = $"api/funding-sources/{id}/years/{Year}/distributions";
        // The id the distribution would give Rotterdam's part is taken by a commitment with other content.
        (await ministry.PostJsonAsync($"api/funding-sources/{id}/commitments", Commitment("d1.rotterdam", "rotterdam", (Year, "5.00")))).Expect(HttpStatusCode.OK);
        var journal = await ministry.StateAsync($"source.{id}.{Year}");

        var problem = (await ministry.PostJsonAsync(path, Body("d1", "base-plus-per-inhabitant", "900000.00", baseAmount: "10000.00")))
            .ExpectProblem(HttpStatusCode.Conflict, "IdempotencyConflict", "parts.rotterdam");
        Assert.Contains("rotterdam", problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.Equal(journal, await ministry.StateAsync($"source.{id}.{Year}"));
        Assert.Equal("5.00", YearField(await ministry.SourceAsync(id), Year, "committed"));
        Assert.True(Row(await ministry.RegionFundingAsync("limburg", Year), id) is not { } limburg || limburg.GetProperty("committed").GetString() == "0.00");
        (await ministry.GetAsync($"{path}/d1")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "distributionId");

        // A total over what the year has available is refused whole, naming the total.
        (await ministry.PostJsonAsync(path, Body("d2", "per-inhabitant", "999995.01")))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "LimitExceeded", "total");
        Assert.Equal(journal, await ministry.StateAsync($"source.{id}.{Year}"));

        // With another id the same distribution goes through, exactly to the cent of what is available.
        var made = (await ministry.PostJsonAsync(path, Body("d3", "per-inhabitant", "999995.00"))).Expect(HttpStatusCode.Created).Json;
        Assert.Equal("committed", made.GetProperty("status").GetString());
        Assert.Equal(999_995.00m, Parts(made).Sum(p => Dec(p.GetProperty("amount").GetString()!)));
        Assert.Equal(("1000000.00", "0.00"), (YearField(await ministry.SourceAsync(id), Year, "committed"), YearField(await ministry.SourceAsync(id), Year, "paid")));
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_the_field_and_changes_nothing()
    {
        var ministry = await fixture.As(Who.Ministry);
        var id = $"{S}-bad";
        await ministry.CreateAsync(Source(id, $"Regeling fout {S}", "national-scheme", "Ministerie"));
        await ministry.CeilingAsync(id, Year, "1000.00");
        var path = $"api/funding-sources/{id}/years/{Year}/distributions";
        var journal = await ministry.StateAsync($"source.{id}.{Year}");
        (await ministry.PostJsonAsync(path, Body("x", "per-municipality", "10.00"))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "rule");
        (await ministry.PostJsonAsync(path, Body("x", "per-inhabitant", "10.001"))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "total");
        (await ministry.PostJsonAsync(path, Body("x", "per-inhabitant", "0.00"))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "total");
        (await ministry.PostJsonAsync(path, Body("X y", "per-inhabitant", "10.00"))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "distributionId");
        (await ministry.PostJsonAsync(path, Body("x", "base-plus-per-inhabitant", "10.00"))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "base");
        (await ministry.PostJsonAsync(path, Body("x", "base-plus-per-inhabitant", "10.00", baseAmount: "1.01"))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "base");
        // The status quo gives the Rijk no per-inhabitant or co-financing money: its figures cannot weigh a distribution.
        (await ministry.PostJsonAsync(path, Body("x", "scenario", "10.00", scenario: "status-quo"))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "scenario");
        (await ministry.PostJsonAsync(path, Body("x", "scenario", "10.00", scenario: $"{S}-none"))).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "scenario");
        (await ministry.PostJsonAsync(path, Body("x", "per-inhabitant", "10000.00"))).ExpectProblem(HttpStatusCode.UnprocessableEntity, "LimitExceeded", "total");
        // A year no population is recorded for (or before).
        await ministry.CeilingAsync(id, 2001, "1000.00");
        var problem = (await ministry.PostJsonAsync($"api/funding-sources/{id}/years/2001/distributions/preview", Body(null, "per-inhabitant", "10.00")));
        Assert.True(problem.Expect(HttpStatusCode.BadRequest).Json.GetProperty("field").GetString()!.StartsWith("regions.", StringComparison.Ordinal), problem.Describe());
        Assert.Equal(journal, await ministry.StateAsync($"source.{id}.{Year}"));

        // Only the owner commits: a provincial officer may not distribute the ministry's scheme.
        var officer = await fixture.As(Who.Officer("Limburg"));
        Assert.True((await officer.PostJsonAsync(path, Body("x", "per-inhabitant", "10.00"))).Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_provincial_officer_distributes_the_fund_over_the_regions_of_the_province()
    {
        var officer = await fixture.As(Who.Officer("Gelderland"));
        var id = $"{S}-gld";
        await officer.CreateAsync(Source(id, $"Fonds Gelderland {S}", "provincial-fund", "Provincie Gelderland", province: "Gelderland"));
        await officer.CeilingAsync(id, Year, "100000.00");
        var made = (await officer.PostJsonAsync($"api/funding-sources/{id}/years/{Year}/distributions", Body("g1", "per-inhabitant", "100000.00")))
            .Expect(HttpStatusCode.Created).Json;
        var parts = Parts(made);
        Assert.NotEmpty(parts);
        Assert.Equal(100_000.00m, parts.Sum(p => Dec(p.GetProperty("amount").GetString()!)));
        foreach (var part in parts)
        {
            var amount = part.GetProperty("amount").GetString()!;
            Assert.Equal($"{amount}/0.00/0.00/{amount}", Figures(await (await fixture.As(Who.Ministry)).RegionFundingAsync(part.GetProperty("region").GetString()!, Year), id));
        }
        // Only the province's regions, weighed by their inhabitants in the province.
        Assert.DoesNotContain(parts, p => p.GetProperty("region").GetString() is "limburg" or "rotterdam" or "noord-holland");
        var other = await fixture.As(Who.Officer("Limburg"));
        Assert.True((await other.PostJsonAsync($"api/funding-sources/{id}/years/{Year}/distributions", Body("g2", "per-inhabitant", "1.00"))).Status
            is HttpStatusCode.NotFound or HttpStatusCode.Forbidden);
    }
}
