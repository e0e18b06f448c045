namespace PvoFinance.Storage;

/// <summary>
/// A process-local <see cref="IApplicationListStore"/> with the Azure store's contract and limits: for Memory mode
/// and fast tests. Not durable.
/// </summary>
public sealed class InMemoryApplicationListStore : IApplicationListStore
{
    private readonly Dictionary<string, SortedDictionary<string, ApplicationListRow>> _regions = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public Task<ApplicationListWriteResult> UpsertAsync(string region, IReadOnlyList<ApplicationListRow> rows, CancellationToken cancellationToken = default)
    {
        ApplicationListLimits.Validate(region, rows);
        int written = 0, skipped = 0;
        lock (_gate)
        {
            if (!_regions.TryGetValue(region, out var list))
            {
                _regions[region] = list = new SortedDictionary<string, ApplicationListRow>(StringComparer.Ordinal);
            }
            foreach (var row in rows)
            {
                if (list.TryGetValue(row.Id, out var kept) && kept.Sequence >= row.Sequence)
                {
                    skipped++;
                    continue;
                }
                list[row.Id] = row;
                written++;
            }
        }
        return Task.FromResult(new ApplicationListWriteResult(written, skipped));
    }

    /// <inheritdoc />
    public Task<ApplicationListPage> QueryAsync(ApplicationListQuery query, CancellationToken cancellationToken = default)
    {
        ApplicationListLimits.Validate(query);
        lock (_gate)
        {
            if (!_regions.TryGetValue(query.Region, out var list))
            {
                return Task.FromResult(new ApplicationListPage([], false));
            }
            var matching = list.Values
                .Where(r => (query.AfterId is null || string.CompareOrdinal(r.Id, query.AfterId) > 0) && ApplicationListLimits.Matches(query, r))
                .Take(query.Max + 1)
                .ToList();
            var more = matching.Count > query.Max;
            return Task.FromResult(new ApplicationListPage([.. matching.Take(query.Max)], more));
        }
    }

    /// <inheritdoc />
    public Task<ApplicationListRow?> GetAsync(string region, string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_regions.TryGetValue(region, out var list) && list.TryGetValue(id, out var row) ? row : null);
        }
    }
}
