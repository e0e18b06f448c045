namespace PvoFinance.Storage;

/// <summary>
/// A process-local <see cref="IFundingRowStore"/> with the Azure store's contract and limits: for Memory mode and fast
/// tests. Not durable.
/// </summary>
public sealed class InMemoryFundingRowStore : IFundingRowStore
{
    private readonly Dictionary<(string Source, FundingRowKind Kind), SortedDictionary<string, FundingRow>> _rows = [];
    private readonly Lock _gate = new();

    /// <summary>Rows written so far, counting each row of a batch (for tests of what the grain writes).</summary>
    public int Writes { get; private set; }

    /// <inheritdoc />
    public Task PutAsync(string sourceId, IReadOnlyList<FundingRow> rows, CancellationToken cancellationToken = default)
    {
        FundingRowLimits.Validate(sourceId, rows);
        lock (_gate)
        {
            foreach (var row in rows)
            {
                Of(sourceId, row.Kind)[row.Id] = row;
                Writes++;
            }
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteAsync(string sourceId, FundingRowKind kind, string id, CancellationToken cancellationToken = default)
    {
        FundingRowLimits.CheckSource(sourceId);
        FundingRowLimits.CheckId(id);
        lock (_gate)
        {
            Of(sourceId, kind).Remove(id);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<FundingRow?> GetAsync(string sourceId, FundingRowKind kind, string id, CancellationToken cancellationToken = default)
    {
        FundingRowLimits.CheckSource(sourceId);
        FundingRowLimits.CheckId(id);
        lock (_gate)
        {
            return Task.FromResult(Of(sourceId, kind).GetValueOrDefault(id));
        }
    }

    /// <inheritdoc />
    public Task<FundingRowPage> PageAsync(string sourceId, FundingRowKind kind, string? afterId, int max, CancellationToken cancellationToken = default)
    {
        FundingRowLimits.ValidatePage(sourceId, afterId, max);
        lock (_gate)
        {
            var rows = Of(sourceId, kind).Values
                .Where(r => r.Made && (afterId is null || string.CompareOrdinal(r.Id, afterId) > 0))
                .Take(max + 1)
                .ToList();
            return Task.FromResult(new FundingRowPage([.. rows.Take(max)], rows.Count > max));
        }
    }

    private SortedDictionary<string, FundingRow> Of(string sourceId, FundingRowKind kind)
    {
        if (!_rows.TryGetValue((sourceId, kind), out var rows))
        {
            _rows[(sourceId, kind)] = rows = new SortedDictionary<string, FundingRow>(StringComparer.Ordinal);
        }
        return rows;
    }
}
