using System.Net;

namespace PvoFinance.Http.Tests;

[Collection(ServiceCollection.Name)]
public sealed class ChainAndPagingTests(ServiceFixture fixture)
{
    private const string Journal = "project.chain";

    [Fact]
    public async Task Verify_reports_an_intact_chain_and_entries_page_in_order()
    {
        var api = fixture.Api;
        var hashes = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            var entry = (await api.PostEntryAsync(Journal, "post", $"e{i}", $"2026-02-0{i}", ("project:chain:funds", $"{i}.0{i}"), ("income:chain:grant", $"-{i}.0{i}")))
                .Expect(HttpStatusCode.Created).Json.GetProperty("entry");
            Assert.Equal(i, entry.GetProperty("sequence").GetInt64());
            hashes.Add(entry.GetProperty("hash").GetString()!);
        }

        var report = await api.VerifyAsync(Journal);
        Assert.True(report.GetProperty("intact").GetBoolean(), report.GetRawText());
        Assert.Equal(5, report.GetProperty("entriesChecked").GetInt64());
        Assert.Equal(hashes[^1], report.GetProperty("headHash").GetString());
        Assert.Equal(hashes[^1], (await api.SummaryAsync(Journal)).GetProperty("headHash").GetString());

        var all = await api.EntriesAsync(Journal);
        Assert.Equal([1L, 2, 3, 4, 5], all.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal(hashes, all.Select(e => e.GetProperty("hash").GetString()!));
        for (var i = 1; i < all.Length; i++)
        {
            Assert.Equal(all[i - 1].GetProperty("hash").GetString(), all[i].GetProperty("previousHash").GetString());
        }
        Assert.Equal("3.03", all[2].GetProperty("postings")[0].GetProperty("amount").GetString());

        var page1 = await api.EntriesAsync(Journal, "?after=0&limit=2");
        var page2 = await api.EntriesAsync(Journal, "?after=2&limit=2");
        var page3 = await api.EntriesAsync(Journal, "?after=4&limit=2");
        var page4 = await api.EntriesAsync(Journal, "?after=5&limit=2");
        Assert.Equal([1L, 2], page1.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal([3L, 4], page2.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal([5L], page3.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Empty(page4);
        Assert.Equal(["e1", "e2", "e3", "e4", "e5"], page1.Concat(page2).Concat(page3).Select(e => e.GetProperty("key").GetString()!));

        var empty = await api.VerifyAsync("project.chain-empty");
        Assert.True(empty.GetProperty("intact").GetBoolean());
        Assert.Equal(0, empty.GetProperty("entriesChecked").GetInt64());
    }
}
