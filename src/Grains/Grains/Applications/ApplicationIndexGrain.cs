namespace PvoFinance.Grains.Applications;

/// <summary>The durable summaries of one region's applications.</summary>
[GenerateSerializer]
public sealed class ApplicationIndexState
{
    /// <summary>Summaries by application id.</summary>
    [Id(0)] public Dictionary<string, ApplicationSummary> Entries { get; set; } = [];
}

/// <summary>One region's list of applications; see <see cref="IApplicationIndexGrain"/>.</summary>
public sealed class ApplicationIndexGrain(
    [PersistentState("applications", StorageNames.Funding)] IPersistentState<ApplicationIndexState> state) : Grain, IApplicationIndexGrain
{
    /// <inheritdoc />
    public async Task Upsert(ApplicationSummary summary)
    {
        if (summary.Region != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"Application '{summary.Id}' belongs to region '{summary.Region}', not '{this.GetPrimaryKeyString()}'.", nameof(summary));
        }
        if (state.State.Entries.TryGetValue(summary.Id, out var kept) && (kept.Sequence > summary.Sequence || kept == summary))
        {
            return;
        }
        state.State.Entries[summary.Id] = summary;
        await this.WriteOrDropAsync(state);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ApplicationSummary>> List(string? inState, string? sourceId) =>
        Task.FromResult<IReadOnlyList<ApplicationSummary>>([.. state.State.Entries.Values
            .Where(s => (inState is null || s.State == inState) && (sourceId is null || s.SourceId == sourceId))
            .OrderBy(s => s.Id, StringComparer.Ordinal)]);
}
