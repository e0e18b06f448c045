using PvoFinance.Storage;

namespace PvoFinance.Grains.Applications;

/// <summary>
/// The region's list as the previous version kept it: every summary in one grain state. Read only to move the
/// summaries into rows of <see cref="IApplicationListStore"/>; cleared after that, so it no longer grows.
/// </summary>
[GenerateSerializer]
public sealed class ApplicationIndexState
{
    /// <summary>Summaries by application id (empty once moved to rows).</summary>
    [Id(0)] public Dictionary<string, ApplicationSummary> Entries { get; set; } = [];
}
