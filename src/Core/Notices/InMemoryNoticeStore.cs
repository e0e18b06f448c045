using System.Collections.Concurrent;
using NodaTime;

namespace PvoFinance.Notices;

/// <summary><see cref="INoticeStore"/> in memory, for a service without durable storage and for tests.</summary>
public sealed class InMemoryNoticeStore : INoticeStore
{
    private readonly ConcurrentDictionary<string, SortedDictionary<string, Notice>> _regions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Dictionary<string, LocalDate>> _reads = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<int> AddAsync(string region, IReadOnlyList<Notice> notices, CancellationToken cancellationToken = default)
    {
        NoticeStoreRules.Validate(region, notices);
        var rows = _regions.GetOrAdd(region, _ => new(StringComparer.Ordinal));
        lock (rows)
        {
            return Task.FromResult(notices.Count(n => rows.TryAdd(n.Id, n)));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Notice>> ListAsync(string region, int max, CancellationToken cancellationToken = default)
    {
        if (!_regions.TryGetValue(region, out var rows))
        {
            return Task.FromResult<IReadOnlyList<Notice>>([]);
        }
        lock (rows)
        {
            return Task.FromResult<IReadOnlyList<Notice>>([.. rows.Values.Take(max)]);
        }
    }

    /// <inheritdoc />
    public Task<Notice?> GetAsync(string region, string id, CancellationToken cancellationToken = default)
    {
        if (!_regions.TryGetValue(region, out var rows))
        {
            return Task.FromResult<Notice?>(null);
        }
        lock (rows)
        {
            return Task.FromResult(rows.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc />
    public Task<int> PruneAsync(string region, LocalDate keepFrom, CancellationToken cancellationToken = default)
    {
        if (!_regions.TryGetValue(region, out var rows))
        {
            return Task.FromResult(0);
        }
        lock (rows)
        {
            var old = rows.Values.Where(n => n.Due < keepFrom).Select(n => n.Id).ToList();
            old.ForEach(id => rows.Remove(id));
            return Task.FromResult(old.Count);
        }
    }

    /// <inheritdoc />
    public Task MarkReadAsync(string user, Notice notice, Instant at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var marks = _reads.GetOrAdd(user, _ => new(StringComparer.Ordinal));
        lock (marks)
        {
            marks[notice.Id] = notice.Due;
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlySet<string>> ReadByAsync(string user, LocalDate keepFrom, CancellationToken cancellationToken = default)
    {
        if (!_reads.TryGetValue(user, out var marks))
        {
            return Task.FromResult<IReadOnlySet<string>>(new HashSet<string>());
        }
        lock (marks)
        {
            foreach (var old in marks.Where(m => m.Value < keepFrom).Select(m => m.Key).ToList())
            {
                marks.Remove(old);
            }
            return Task.FromResult<IReadOnlySet<string>>(marks.Keys.ToHashSet(StringComparer.Ordinal));
        }
    }
}
