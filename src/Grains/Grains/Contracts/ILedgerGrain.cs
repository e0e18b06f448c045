namespace PvoFinance.Grains.Contracts;

/// <summary>
/// One budget holder's journal (a funding source's budget year, a region, a project): the single writer of
/// its entries. The key is the journal id, e.g. <c>source.jenv-pvo.2026</c>.
/// </summary>
public interface ILedgerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Executes a command; returns once the entry is durable, or the refusal. The reply is slim (sequence and hash)
    /// unless <paramref name="withEntry"/> asks for the whole entry.
    /// </summary>
    Task<LedgerReply> Execute(LedgerRequest request, bool withEntry = false);

    /// <summary>
    /// Executes a batch of up to <see cref="PvoFinance.Ledger.LedgerBatchLimits.MaxCommands"/> commands in one call, each
    /// on its own unless linked to the next (<see cref="LedgerRequest.LinkedToNext"/>): a linked chain succeeds or fails as a
    /// unit and is stored in one append. Returns once every accepted entry is durable, one slim outcome per request. A
    /// retried batch answers the same outcomes (<see cref="PvoFinance.Ledger.Journal.ExecuteChains"/>); a storage failure
    /// throws <see cref="LedgerUnavailableException"/> and the batch may be retried as it is.
    /// </summary>
    Task<LedgerBatchResult> Submit(IReadOnlyList<LedgerRequest> requests);

    /// <summary>
    /// Executes up to <see cref="LedgerGrain.MaxBatchRequests"/> commands as one group: each is decided against the journal
    /// including the ones before it; if any is refused none is applied; otherwise all are appended together, so the
    /// call waits for durability once. Each request is still idempotent by its own key (a replayed one answers its
    /// original entry). Used by a saga for all its steps in one journal.
    /// </summary>
    Task<LedgerBatchReply> ExecuteBatch(IReadOnlyList<LedgerRequest> requests);

    /// <summary>
    /// The refusal <see cref="ExecuteBatch"/> would give <paramref name="requests"/> now (with the failing index), or a
    /// successful reply without entries; records nothing. Reversals are left to the batch itself, as in <see cref="Check"/>.
    /// </summary>
    Task<LedgerBatchReply> CheckBatch(IReadOnlyList<LedgerRequest> requests);

    /// <summary>
    /// The refusal <see cref="Execute"/> would give <paramref name="request"/> now, or null when it would accept it;
    /// records nothing. A movement over two journals asks its second journal first, so that a refusal there leaves
    /// the first untouched (a later race can still refuse; the movement then voids what it reserved).
    /// </summary>
    Task<RejectionDto?> Check(LedgerRequest request);

    /// <summary>Current durable balances of every account in the journal.</summary>
    Task<IReadOnlyList<BalanceDto>> GetBalances();

    /// <summary>Balances as they stood on <paramref name="asOfDate"/> (value date), optionally as known at an instant.</summary>
    Task<IReadOnlyList<BalanceDto>> GetBalancesAsOf(string asOfDate, string? knownAt);

    /// <summary>Committed entries after <paramref name="afterSequence"/>, at most <paramref name="max"/> (≤ 1,000).</summary>
    Task<IReadOnlyList<EntryDto>> GetEntries(long afterSequence, int max);

    /// <summary>
    /// The journal's running totals for the figures over its durable entries, from memory (no storage read, except
    /// once for a journal whose snapshot predates the totals). Bounded by
    /// <see cref="PvoFinance.Ledger.LedgerLimits.MaxMovementTotalsPerJournal"/>.
    /// </summary>
    Task<IReadOnlyList<MovementTotalDto>> GetMovementTotals();

    /// <summary>
    /// The durable entries made with any of <paramref name="keys"/> (at most <see cref="LedgerReadLimits.MaxKeysPerRead"/>;
    /// unknown keys are left out), in sequence order: from memory where the grain still has them, else by point reads
    /// in parallel — never a scan.
    /// </summary>
    Task<IReadOnlyList<EntryDto>> GetEntriesByKeys(IReadOnlyList<string> keys);

    /// <summary>Version, head hash and sizes.</summary>
    Task<JournalSummaryDto> GetSummary();

    /// <summary>Recomputes the hash chain from storage and reports the first break.</summary>
    Task<ChainReportDto> VerifyChain();
}

/// <summary>Bounds on the ledger grain's reads.</summary>
public static class LedgerReadLimits
{
    /// <summary>Most keys one <see cref="ILedgerGrain.GetEntriesByKeys"/> call may ask for.</summary>
    public const int MaxKeysPerRead = 256;
}
