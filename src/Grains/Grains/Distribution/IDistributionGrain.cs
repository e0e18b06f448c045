namespace PvoFinance.Grains.Distribution;

/// <summary>
/// One distribution of a funding source's budget year over the regions (key: <c>&lt;source&gt;/&lt;distribution id&gt;</c>).
/// It remembers what was asked and the parts, and drives the source: all parts committed together, then (when asked)
/// each part paid, through the intermediary where the source has one. Idempotent under retry by its id.
/// </summary>
public interface IDistributionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Commits <paramref name="distribution"/> (worked out by the caller); the same request again answers as before
    /// (finishing payments a crash left), another request under the same id is refused.
    /// </summary>
    Task<DistributionReply> Commit(DistributionDto distribution);

    /// <summary>The committed distribution, or null when there is none under this id.</summary>
    Task<DistributionRecordDto?> Get();

    /// <summary>The grain key of a source's distribution.</summary>
    static string Key(string sourceId, string distributionId) => $"{sourceId}/{distributionId}";
}
