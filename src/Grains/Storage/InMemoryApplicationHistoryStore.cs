using PvoFinance.Applications;

namespace PvoFinance.Storage;

/// <summary>
/// A process-local <see cref="IApplicationHistoryStore"/> with the Azure store's contract and limits: for Memory mode
/// and fast tests. Not durable.
/// </summary>
public sealed class InMemoryApplicationHistoryStore : IApplicationHistoryStore
{
    private readonly Dictionary<string, SortedDictionary<int, HistoryEntry>> _rows = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), StoredReply> _replies = [];
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public Task WriteAsync(string applicationId, IReadOnlyList<HistoryEntry> entries, IReadOnlyList<StoredReply>? replies = null, CancellationToken cancellationToken = default)
    {
        ApplicationHistoryLimits.Validate(applicationId, entries, replies);
        lock (_gate)
        {
            foreach (var r in replies ?? [])
            {
                _replies[(applicationId, r.Key)] = r;
            }
            if (!_rows.TryGetValue(applicationId, out var rows))
            {
                _rows[applicationId] = rows = [];
            }
            foreach (var e in entries)
            {
                rows[e.Sequence] = e;
            }
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HistoryEntry>> ReadAsync(string applicationId, int first, int last, CancellationToken cancellationToken = default)
    {
        ApplicationHistoryLimits.Validate(applicationId, first, last);
        lock (_gate)
        {
            IReadOnlyList<HistoryEntry> found = _rows.TryGetValue(applicationId, out var rows)
                ? [.. rows.Where(r => r.Key >= first && r.Key <= last).Select(r => r.Value)]
                : [];
            return Task.FromResult(found);
        }
    }

    /// <inheritdoc />
    public Task<StoredReply?> ReadReplyAsync(string applicationId, string key, CancellationToken cancellationToken = default)
    {
        ApplicationHistoryLimits.CheckId(applicationId);
        ApplicationHistoryLimits.CheckKey(key);
        lock (_gate)
        {
            return Task.FromResult(_replies.GetValueOrDefault((applicationId, key)));
        }
    }
}
