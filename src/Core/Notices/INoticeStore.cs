using NodaTime;

namespace PvoFinance.Notices;

/// <summary>
/// The notices, one row each, one partition per region (rows by id, so by due day), and who read which: rows per
/// user. Nothing grows in one value; old rows are pruned (<see cref="NoticeLimits.RetainDays"/>).
/// </summary>
public interface INoticeStore
{
    /// <summary>
    /// Adds the notices of <paramref name="region"/> whose id is not stored yet and leaves stored ones as they are, so
    /// a notice is made once however often it is planned. Returns how many were new.
    /// </summary>
    /// <exception cref="ArgumentException">A notice is of another region, or there are more than <see cref="NoticeLimits.MaxPerSweep"/>.</exception>
    Task<int> AddAsync(string region, IReadOnlyList<Notice> notices, CancellationToken cancellationToken = default);

    /// <summary>The notices of <paramref name="region"/> by id (so by due day), at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<Notice>> ListAsync(string region, int max, CancellationToken cancellationToken = default);

    /// <summary>One notice, or null.</summary>
    Task<Notice?> GetAsync(string region, string id, CancellationToken cancellationToken = default);

    /// <summary>Deletes the notices of <paramref name="region"/> due before <paramref name="keepFrom"/>; returns how many.</summary>
    Task<int> PruneAsync(string region, LocalDate keepFrom, CancellationToken cancellationToken = default);

    /// <summary>Records that <paramref name="user"/> read the notice (again is harmless).</summary>
    Task MarkReadAsync(string user, Notice notice, Instant at, CancellationToken cancellationToken = default);

    /// <summary>The ids of the notices <paramref name="user"/> read that are due on or after <paramref name="keepFrom"/>; older marks are dropped.</summary>
    Task<IReadOnlySet<string>> ReadByAsync(string user, LocalDate keepFrom, CancellationToken cancellationToken = default);
}
