using PvoFinance.Grains.Applications;

namespace PvoFinance.Storage.Tests;

/// <summary>How a page from the store and the writer's rows not yet stored make one page.</summary>
public sealed class ApplicationListOverlayTests
{
    private static ApplicationListRow Row(int n, int sequence = 1, string state = "Draft") =>
        new($"a{n:D2}", "limburg", "src", "national", state, null, $"T{n}", "1.00", "0.00", sequence, null, "{}");

    private static string[] Ids(ApplicationListPage page) => [.. page.Rows.Select(r => r.Id)];

    [Fact]
    public void A_pending_row_joins_replaces_or_removes_within_the_span_the_page_covers()
    {
        var query = new ApplicationListQuery("limburg", "Draft", null, null, null, 3);
        var stored = new ApplicationListPage([Row(1), Row(3), Row(5)], More: true);
        // a02 is new, a03 moved on to Submitted (no longer matches), a05 got a newer title, a07 lies beyond the page.
        var merged = ApplicationListReaderGrain.Overlay(query, stored,
            [Row(2), Row(3, sequence: 2, state: "Submitted"), Row(5, sequence: 2) with { Title = "new" }, Row(7)]);
        Assert.Equal(["a01", "a02", "a05"], Ids(merged));
        Assert.Equal("new", merged.Rows[2].Title);
        Assert.True(merged.More);
    }

    [Fact]
    public void An_older_pending_row_never_wins_and_a_full_page_is_cut_with_more_set()
    {
        var query = new ApplicationListQuery("limburg", null, null, null, "a00", 2);
        var stored = new ApplicationListPage([Row(1, sequence: 5)], More: false);
        var merged = ApplicationListReaderGrain.Overlay(query, stored, [Row(1, sequence: 4, state: "Old"), Row(2), Row(3), Row(0)]);
        Assert.Equal(["a01", "a02"], Ids(merged));
        Assert.Equal(5, merged.Rows[0].Sequence);
        Assert.True(merged.More);
        // On the last page every later pending row belongs to it.
        var last = ApplicationListReaderGrain.Overlay(query with { Max = 10 }, stored, [Row(9)]);
        Assert.Equal(["a01", "a09"], Ids(last));
        Assert.False(last.More);
    }
}
