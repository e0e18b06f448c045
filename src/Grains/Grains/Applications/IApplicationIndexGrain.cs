using Orleans.Concurrency;
namespace PvoFinance.Grains.Applications;

/// <summary>
/// What a list of applications shows of one application, kept in its region's index. Written by the
/// <see cref="ApplicationGrain"/> after every accepted transition; the deadlines are the application's dates
/// (<see cref="PvoFinance.Applications.Deadlines"/> as JSON text), so "next due" and "overdue" are worked out
/// at the time of asking.
/// </summary>
/// <param name="Id">The application id.</param>
/// <param name="Region">The applying region (the index's key).</param>
/// <param name="SourceId">The funding source applied to.</param>
/// <param name="FundOwner">Who decides, as a scope text.</param>
/// <param name="State">The state's name.</param>
/// <param name="Tier">The tier's name, null before the grant.</param>
/// <param name="Title">What the activities are.</param>
/// <param name="Requested">The amount requested, as exact text.</param>
/// <param name="Granted">The granted amount, as exact text.</param>
/// <param name="Sequence">The history sequence of the transition this summary reflects; an older one never replaces a newer.</param>
/// <param name="DeadlinesJson">The running dates (<see cref="PvoFinance.Applications.Deadlines"/> in <see cref="PvoFinance.Applications.ApplicationJson.Options"/>).</param>
[GenerateSerializer, Immutable]
public sealed record ApplicationSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Region,
    [property: Id(2)] string SourceId,
    [property: Id(3)] string FundOwner,
    [property: Id(4)] string State,
    [property: Id(5)] string? Tier,
    [property: Id(6)] string Title,
    [property: Id(7)] string Requested,
    [property: Id(8)] string Granted,
    [property: Id(9)] int Sequence,
    [property: Id(10)] string DeadlinesJson);

/// <summary>
/// The single writer of one region's list (key: the region id). Summaries become rows of
/// <see cref="PvoFinance.Storage.IApplicationListStore"/>, written off the caller's path in batches; reads go to
/// <see cref="IApplicationListReaderGrain"/>, never through this grain's turn.
/// </summary>
public interface IApplicationIndexGrain : IGrainWithStringKey
{
    /// <summary>
    /// Queues <paramref name="summary"/> for the region's rows; a summary of a later transition is never replaced.
    /// Returns before the row is written: the write is batched, retried on failure, and counted.
    /// </summary>
    /// <exception cref="ArgumentException">The summary is of another region or breaks <see cref="PvoFinance.Storage.ApplicationListLimits"/>.</exception>
    /// <exception cref="InvalidOperationException">The queue is full (<see cref="PvoFinance.Storage.ApplicationListLimits.MaxQueued"/>): storage has been failing.</exception>
    Task Upsert(ApplicationSummary summary);

    /// <summary>
    /// The rows queued or being written whose id sorts after <paramref name="afterId"/> (newest per id): what the
    /// store does not show yet. Interleaves with writes, so it never waits for storage. Activating the grain first
    /// moves a list of the previous version into rows.
    /// </summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<PvoFinance.Storage.ApplicationListRow>> Pending(string? afterId);

    /// <summary>Writes everything queued now; throws when a batch fails (the rows stay queued and are retried).</summary>
    Task Flush();

    /// <summary>How many rows wait to be written.</summary>
    [AlwaysInterleave]
    Task<int> Queued();
}

/// <summary>
/// Reads pages of the regions' lists straight from storage, overlaid with the rows the writer has not written yet, so
/// a caller sees its own change at once (a stateless worker; reads never queue behind writes).
/// </summary>
public interface IApplicationListReaderGrain : IGrainWithIntegerKey
{
    /// <summary>One page of <paramref name="query"/>'s region, by id.</summary>
    Task<PvoFinance.Storage.ApplicationListPage> Page(PvoFinance.Storage.ApplicationListQuery query);
}

/// <summary>Reading whole lists page by page, for callers that need every application of a region.</summary>
public static class ApplicationLists
{
    /// <summary>Every row of <paramref name="region"/>, by id, read in pages of <see cref="PvoFinance.Storage.ApplicationListLimits.MaxPageSize"/>.</summary>
    public static async Task<IReadOnlyList<PvoFinance.Storage.ApplicationListRow>> AllAsync(IGrainFactory grains, string region)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var reader = grains.GetGrain<IApplicationListReaderGrain>(0);
        var rows = new List<PvoFinance.Storage.ApplicationListRow>();
        string? after = null;
        while (true)
        {
            var page = await reader.Page(new PvoFinance.Storage.ApplicationListQuery(region, null, null, null, after, PvoFinance.Storage.ApplicationListLimits.MaxPageSize));
            rows.AddRange(page.Rows);
            if (!page.More || page.Rows.Count == 0)
            {
                return rows;
            }
            after = page.Rows[^1].Id;
        }
    }
}
