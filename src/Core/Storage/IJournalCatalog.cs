namespace PvoFinance.Storage;

/// <summary>
/// Which journals a store holds: the ids of every journal with at least one committed entry, in ordinal order.
/// Apart from <see cref="IJournalStore"/> because only operators need it (the invariant checker walks every
/// journal through <c>GET /api/ledger/journals</c>); the grains never list journals.
/// </summary>
public interface IJournalCatalog
{
    /// <summary>Up to <paramref name="max"/> journal ids that sort (ordinal) after <paramref name="afterId"/>, in order.</summary>
    Task<IReadOnlyList<string>> ListJournalsAsync(string? afterId, int max, CancellationToken cancellationToken = default);
}
