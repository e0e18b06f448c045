using PvoFinance.Applications;

namespace PvoFinance.Storage;

/// <summary>
/// The whole history of every application, one row per entry (partition = application id, row = sequence), so an
/// application's stored value keeps only a compact history (issue 14). Rows are written beside the application's
/// state, which is the commit point: a row whose sequence the state does not have is ignored by readers and
/// overwritten by the retry that commits it.
/// </summary>
public interface IApplicationHistoryStore
{
    /// <summary>
    /// Writes (creates or replaces) the rows of <paramref name="entries"/> of one application, at most
    /// <see cref="ApplicationHistoryLimits.MaxBatch"/>, in one atomic batch.
    /// </summary>
    /// <exception cref="ArgumentException">An id, a sequence or the batch size is out of bounds.</exception>
    Task WriteAsync(string applicationId, IReadOnlyList<HistoryEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>
    /// The rows of <paramref name="applicationId"/> with sequence <paramref name="first"/>..<paramref name="last"/>,
    /// oldest first (missing rows are left out); at most <see cref="ApplicationHistoryLimits.MaxRead"/> sequences at once.
    /// </summary>
    /// <exception cref="ArgumentException">The id or the range is out of bounds.</exception>
    Task<IReadOnlyList<HistoryEntry>> ReadAsync(string applicationId, int first, int last, CancellationToken cancellationToken = default);
}
