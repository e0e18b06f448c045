using System.Net;
using System.Text;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// A source's commitments, page by page from <c>GET /api/funding-sources/{id}/commitments</c>; the source's details hold
/// only the newest few and the counts. Bad paging input is a problem naming the parameter.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class CommitmentPageTests(ServiceFixture fixture)
{
    private static readonly string S = "cp-" + Suffix;

    [Fact]
    public async Task Every_commitment_is_listed_once_page_by_page_and_the_details_hold_the_newest_and_the_counts()
    {
        var ministry = await fixture.As(Who.Ministry);
        var id = $"{S}-scheme";
        await ministry.CreateAsync(Source(id, $"Scheme {S}", "national-scheme", "Ministerie van Justitie en Veiligheid"));
        await ministry.CeilingAsync(id, 2026, "100000.00");
        var ids = new[] { "k-3", "k-1", "k-7", "k-2", "k-5", "k-4", "k-6" };
        foreach (var (commitmentId, i) in ids.Select((c, i) => (c, i)))
        {
            (await ministry.PostJsonAsync($"api/funding-sources/{id}/commitments", Commitment(commitmentId, i % 2 == 0 ? "limburg" : "rotterdam", (2026, $"{i + 1}.00"))))
                .Expect(HttpStatusCode.OK);
        }

        var listed = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = (await ministry.GetAsync($"api/funding-sources/{id}/commitments?pageSize=3" + (next is null ? "" : $"&continuation={Uri.EscapeDataString(next)}")))
                .Expect(HttpStatusCode.OK).Json;
            Assert.Equal(id, page.GetProperty("sourceId").GetString());
            Assert.True(page.GetProperty("count").GetInt32() <= 3);
            listed.AddRange(page.GetProperty("commitments").EnumerateArray().Select(c => c.GetProperty("commitmentId").GetString()!));
            next = page.GetProperty("next").ValueKind == System.Text.Json.JsonValueKind.Null ? null : page.GetProperty("next").GetString();
            pages++;
        }
        while (next is not null);
        Assert.Equal(ids.Order(StringComparer.Ordinal), listed);
        Assert.Equal(3, pages);

        var first = (await ministry.GetAsync($"api/funding-sources/{id}/commitments")).Expect(HttpStatusCode.OK).Json;
        var k7 = first.GetProperty("commitments").EnumerateArray().Single(c => c.GetProperty("commitmentId").GetString() == "k-7");
        Assert.Equal("limburg", k7.GetProperty("region").GetString());
        Assert.Equal("3.00", k7.GetProperty("amounts").GetProperty("2026").GetString());

        var details = await ministry.SourceAsync(id);
        Assert.Equal(7, details.GetProperty("commitmentCount").GetInt64());
        Assert.Equal(0, details.GetProperty("paymentCount").GetInt64());
        Assert.Equal(Enumerable.Reverse(ids), details.GetProperty("commitments").EnumerateArray().Select(c => c.GetProperty("commitmentId").GetString()));
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("pageSize=abc", "pageSize")]
    [InlineData("pageSize=-1", "pageSize")]
    [InlineData("continuation=%21%21", "continuation")]
    [InlineData("continuation=YS9i", "continuation")]
    public async Task Bad_paging_input_is_a_problem_naming_the_parameter(string query, string field)
    {
        var ministry = await fixture.As(Who.Ministry);
        var id = $"{S}-bad";
        if ((await ministry.GetAsync($"api/funding-sources/{id}")).Status != HttpStatusCode.OK)
        {
            await ministry.CreateAsync(Source(id, $"Bad paging {S}", "national-scheme", "Ministerie"));
        }
        (await ministry.GetAsync($"api/funding-sources/{id}/commitments?{query}")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", field);
    }

    [Fact]
    public async Task An_unknown_source_has_no_commitments_to_page()
    {
        var ministry = await fixture.As(Who.Ministry);
        (await ministry.GetAsync($"api/funding-sources/{S}-nothing/commitments")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "id");
        Assert.Equal("YS9i", Convert.ToBase64String(Encoding.UTF8.GetBytes("a/b")));
    }
}
