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
    /// Writes (creates or replaces) the rows of <paramref name="entries"/> and <paramref name="replies"/> of one
    /// application, at most <see cref="ApplicationHistoryLimits.MaxBatch"/> together, in one atomic batch.
    /// </summary>
    /// <exception cref="ArgumentException">An id, a sequence, an answer or the batch size is out of bounds.</exception>
    Task WriteAsync(string applicationId, IReadOnlyList<HistoryEntry> entries, IReadOnlyList<StoredReply>? replies = null, CancellationToken cancellationToken = default);

    /// <summary>The answer kept for <paramref name="key"/>, or null when none is.</summary>
    /// <exception cref="ArgumentException">The id or the key is out of bounds.</exception>
    Task<StoredReply?> ReadReplyAsync(string applicationId, string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// The rows of <paramref name="applicationId"/> with sequence <paramref name="first"/>..<paramref name="last"/>,
    /// oldest first (missing rows are left out); at most <see cref="ApplicationHistoryLimits.MaxRead"/> sequences at once.
    /// </summary>
    /// <exception cref="ArgumentException">The id or the range is out of bounds.</exception>
    Task<IReadOnlyList<HistoryEntry>> ReadAsync(string applicationId, int first, int last, CancellationToken cancellationToken = default);
}
