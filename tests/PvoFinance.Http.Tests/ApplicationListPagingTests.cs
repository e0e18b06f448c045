using System.Net;
using System.Text.Json;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// Issue 14, the suite's size of the scale test: 300 applications of one region, a third of them submitted, read page
/// by page (odd page sizes, following <c>next</c>) with each filter: every one exactly once, in id order, and exactly
/// the ones the filter names (<c>./bench.sh scale</c> does the same with 10,000).
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class ApplicationListPagingTests(ServiceFixture fixture)
{
    private const string Region = "limburg";
    private const int Count = 300;

    [Fact]
    public async Task Three_hundred_applications_page_through_exactly_with_every_filter()
    {
        var source = await fixture.FundAsync("lst-300", "100000000.00");
        var prefix = $"l300-{Suffix}-";
        var ids = Enumerable.Range(0, Count).Select(i => $"{prefix}{i:D3}").ToArray();
        var submitted = ids.Where((_, i) => i % 3 == 0).ToArray();
        var drafts = ids.Except(submitted).ToArray();
        var manager = await fixture.As(Who.Manager(Region));
        foreach (var chunk in ids.Chunk(10))
        {
            await Task.WhenAll(chunk.Select(async id =>
            {
                await fixture.DraftAsync(id, Region, source, "10.00");
                if (submitted.Contains(id))
                {
                    await manager.Act(id, "submit");
                }
            }));
        }
        var officer = await fixture.As(Who.Officer("Limburg"));
        var all = $"?source={source}";

        Assert.Equal(ids, await PagedIdsAsync(officer, all, 37));
        Assert.Equal(ids, await PagedIdsAsync(officer, $"?region={Region}&source={source}", 200));
        Assert.Equal(submitted, await PagedIdsAsync(officer, $"{all}&state=Submitted", 7));
        Assert.Equal(drafts, await PagedIdsAsync(officer, $"{all}&state=draft", 64));
        Assert.Empty(await PagedIdsAsync(officer, $"{all}&state=Granted", 50));
        // A submission starts the decision term of 8 weeks: due on day 56, so before day 57 but not before day 56.
        Assert.Equal(submitted, await PagedIdsAsync(officer, $"{all}&dueBefore={Day(57)}", 33));
        Assert.Empty(await PagedIdsAsync(officer, $"{all}&dueBefore={Day(56)}", 33));
        Assert.Equal(submitted, await PagedIdsAsync(officer, $"{all}&state=Submitted&dueBefore={Day(57)}", 200));
        Assert.Empty(await PagedIdsAsync(officer, $"{all}&state=draft&dueBefore={Day(57)}", 200));
        Assert.Equal(submitted, await PagedIdsAsync(officer, $"{all}&dueWithinDays=56", 41));
        Assert.Empty(await PagedIdsAsync(officer, $"{all}&dueWithinDays=55", 41));
        Assert.Empty(await PagedIdsAsync(officer, $"{all}&overdue=true", 41));
        Assert.Equal(ids, await PagedIdsAsync(officer, $"{all}&overdue=false", 41));
    }

    // Every page of at most pageSize, following next to the end; the ids in the order the pages gave them.
    private static async Task<string[]> PagedIdsAsync(LedgerApi api, string query, int pageSize)
    {
        var ids = new List<string>();
        string? next = null;
        for (var pages = 0; pages <= Count + 1; pages++)
        {
            var url = $"api/applications{query}&pageSize={pageSize}" + (next is null ? "" : $"&continuation={Uri.EscapeDataString(next)}");
            var json = (await api.GetAsync(url)).Expect(HttpStatusCode.OK).Json;
            var page = json.GetProperty("applications").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
            Assert.InRange(page.Count, 0, pageSize);
            Assert.Equal(page.Count, json.GetProperty("count").GetInt32());
            ids.AddRange(page);
            next = json.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            if (next is null)
            {
                Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
                return [.. ids];
            }
        }
        throw new InvalidOperationException("The list does not end.");
    }
}
