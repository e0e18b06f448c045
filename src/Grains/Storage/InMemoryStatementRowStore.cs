namespace PvoFinance.Storage;

/// <summary>A process-local <see cref="IStatementRowStore"/> for Memory mode and fast tests. Not durable.</summary>
public sealed class InMemoryStatementRowStore : IStatementRowStore
{
    private readonly SortedDictionary<string, StatementHeaderRow> _headers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<int, StatementLineRow>> _lines = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public Task PutLinesAsync(string statementId, IReadOnlyList<StatementLineRow> lines, CancellationToken cancellationToken = default)
    {
        StatementRowLimits.CheckId(statementId);
        ArgumentNullException.ThrowIfNull(lines);
        lock (_gate)
        {
            if (!_lines.TryGetValue(statementId, out var rows))
            {
                _lines[statementId] = rows = [];
            }
            foreach (var line in lines)
            {
                rows[line.Number] = line;
            }
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PutHeaderAsync(StatementHeaderRow header, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(header);
        StatementRowLimits.CheckId(header.Id);
        lock (_gate)
        {
            _headers[header.Id] = header;
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<StatementHeaderRow?> GetHeaderAsync(string statementId, CancellationToken cancellationToken = default)
    {
        StatementRowLimits.CheckId(statementId);
        lock (_gate)
        {
            return Task.FromResult(_headers.GetValueOrDefault(statementId));
        }
    }

    /// <inheritdoc />
    public Task<StatementHeaderPage> HeadersAsync(string prefix, string? afterId, int max, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, StatementRowLimits.MaxPage);
        lock (_gate)
        {
            var rows = _headers.Values
                .Where(h => h.Id.StartsWith(prefix, StringComparison.Ordinal) && (afterId is null || string.CompareOrdinal(h.Id, afterId) > 0))
                .Take(max + 1).ToList();
            return Task.FromResult(new StatementHeaderPage(rows.Count > max ? rows[..max] : rows, rows.Count > max));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StatementLineRow>> LinesAsync(string statementId, CancellationToken cancellationToken = default)
    {
        StatementRowLimits.CheckId(statementId);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<StatementLineRow>>(_lines.TryGetValue(statementId, out var rows) ? [.. rows.Values] : []);
        }
    }
}
