namespace PvoFinance.Grains.Funding;

/// <summary>The registry's durable list.</summary>
[GenerateSerializer]
public sealed class FundingRegistryState
{
    /// <summary>Entries by source id.</summary>
    [Id(0)] public Dictionary<string, FundingRegistryEntry> Entries { get; set; } = [];
}

/// <summary>Keeps the list of funding sources and their names unique (case-insensitively).</summary>
public sealed class FundingRegistryGrain(
    [PersistentState("registry", StorageNames.Funding)] IPersistentState<FundingRegistryState> state) : Grain, IFundingRegistryGrain
{
    /// <summary>Most sources the registry holds; far above the handful each region has.</summary>
    public const int MaxSources = 10_000;

    /// <inheritdoc />
    public async Task<bool> Register(FundingRegistryEntry entry)
    {
        if (state.State.Entries.Values.Any(e => e.Id != entry.Id && string.Equals(e.Name.Trim(), entry.Name.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }
        if (!state.State.Entries.ContainsKey(entry.Id) && state.State.Entries.Count >= MaxSources)
        {
            throw new InvalidOperationException($"The registry holds its maximum of {MaxSources} funding sources.");
        }
        if (state.State.Entries.GetValueOrDefault(entry.Id) != entry)
        {
            state.State.Entries[entry.Id] = entry;
            await this.WriteOrDropAsync(state);
        }
        return true;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FundingRegistryEntry>> List() =>
        Task.FromResult<IReadOnlyList<FundingRegistryEntry>>([.. state.State.Entries.Values.OrderBy(e => e.Id, StringComparer.Ordinal)]);
}
