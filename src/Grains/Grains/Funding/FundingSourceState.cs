namespace PvoFinance.Grains.Funding;

/// <summary>
/// The durable part of a funding source: its definition, what it invoiced, running totals and the newest few
/// commitments. Commitments and payments themselves are rows (<see cref="PvoFinance.Storage.IFundingRowStore"/>), so
/// this state stays within bounds however many a source makes: every collection here has a declared maximum
/// (<see cref="FundingSourceStateBounds"/>), checked in code before each write.
/// </summary>
[GenerateSerializer]
public sealed class FundingSourceState
{
    /// <summary>The definition; null until created.</summary>
    [Id(0)] public FundingSourceDto? Source { get; set; }
    /// <summary>Years the source has a journal for (at most the years a budget can be kept for).</summary>
    [Id(1)] public SortedSet<int> Years { get; set; } = [];
    /// <summary>
    /// The previous version's commitments by id, kept in the state itself; read only to move them into rows when the
    /// grain activates (then emptied).
    /// </summary>
    [Id(2)] public Dictionary<string, CommitmentDto> Commitments { get; set; } = [];
    /// <summary>Levy invoices by year, as issued.</summary>
    [Id(3)] public Dictionary<int, List<InvoiceDto>> Invoices { get; set; } = [];
    /// <summary>A commitment being made: written before its first ledger entry, so a crash resumes the same attempt.</summary>
    [Id(4)] public Dictionary<string, CommitmentDto> Pending { get; set; } = [];
    /// <summary>
    /// Refused attempts of the commitment ids in hand; each attempt uses its own ledger keys. Moved into the ids' rows
    /// by the next commitment, so this holds at most a couple of ids.
    /// </summary>
    [Id(5)] public Dictionary<string, int> Attempts { get; set; } = [];
    /// <summary>The previous version's direct payments by id; read only to move them into rows on activation (then emptied).</summary>
    [Id(6)] public Dictionary<string, DirectPaymentDto> Payments { get; set; } = [];
    /// <summary>Commitments made (rows with <c>Made</c>).</summary>
    [Id(7)] public long CommitmentCount { get; set; }
    /// <summary>Direct payments recorded (rows), those being moved included.</summary>
    [Id(8)] public long PaymentCount { get; set; }
    /// <summary>Cents committed directly, by <c>region|year</c>: what direct payments may pay.</summary>
    [Id(9)] public Dictionary<string, long> DirectCommitted { get; set; } = [];
    /// <summary>Cents of direct payments recorded, by <c>region|year</c>.</summary>
    [Id(10)] public Dictionary<string, long> DirectPaid { get; set; } = [];
    /// <summary>The newest commitments, newest first, at most <see cref="FundingSourceStateBounds.RecentCommitments"/>.</summary>
    [Id(11)] public List<CommitmentDto> Recent { get; set; } = [];
    /// <summary>
    /// Row changes stored with the state and not yet confirmed in the row store, by row key (the last change of a key
    /// wins): written to the rows before the call answers, and again on activation after a crash. Writing a row twice
    /// is harmless, so the rows always catch up with the state, never the other way round.
    /// </summary>
    [Id(12)] public Dictionary<string, FundingRowChangeDto> Outbox { get; set; } = [];
}

/// <summary>A row change waiting in <see cref="FundingSourceState.Outbox"/>: a row to write, or one to remove.</summary>
/// <param name="Kind">The row's kind (enum name of <see cref="PvoFinance.Storage.FundingRowKind"/>).</param>
/// <param name="Id">The row's id.</param>
/// <param name="Region">The region.</param>
/// <param name="Amounts">Cents per year.</param>
/// <param name="Purpose">A commitment's purpose.</param>
/// <param name="Made">False for a row that only counts refused attempts.</param>
/// <param name="RefusedAttempts">Refused attempts under the id.</param>
/// <param name="Delete">True when the row is to be removed (a refused payment).</param>
[GenerateSerializer, Immutable]
public sealed record FundingRowChangeDto(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Id,
    [property: Id(2)] string Region,
    [property: Id(3)] IReadOnlyDictionary<int, long> Amounts,
    [property: Id(4)] string? Purpose,
    [property: Id(5)] bool Made,
    [property: Id(6)] int RefusedAttempts,
    [property: Id(7)] bool Delete);

/// <summary>The declared bounds of every collection of <see cref="FundingSourceState"/>, checked before each write.</summary>
public static class FundingSourceStateBounds
{
    /// <summary>Newest commitments the state keeps for the source's details answer.</summary>
    public const int RecentCommitments = 10;

    /// <summary>Row changes the outbox holds; each call empties it before answering, so more means storage keeps failing.</summary>
    public const int MaxOutbox = 64;

    /// <summary>Commitments being made at once (one per call; more only if calls crashed and were never retried).</summary>
    public const int MaxPending = 100;

    /// <summary>Commitment ids whose refused attempts are in hand (the rest live in rows).</summary>
    public const int MaxAttempts = 100;

    /// <summary>Budget years (2000..2100).</summary>
    public const int MaxYears = PvoFinance.Funding.FundingSourceAggregate.LastYear - PvoFinance.Funding.FundingSourceAggregate.FirstYear + 1;

    /// <summary>Running totals by region and year: ten regions × every budget year.</summary>
    public const int MaxTotals = 10 * MaxYears;

    /// <summary>The first collection of <paramref name="s"/> over its bound, or null when all are within.</summary>
    public static string? Breach(FundingSourceState s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.Recent.Count > RecentCommitments ? "recent commitments"
            : s.Outbox.Count > MaxOutbox ? "row changes waiting"
            : s.Pending.Count > MaxPending ? "commitments being made"
            : s.Attempts.Count > MaxAttempts ? "refused attempts in hand"
            : s.Years.Count > MaxYears || s.Invoices.Count > MaxYears ? "years"
            : s.DirectCommitted.Count > MaxTotals || s.DirectPaid.Count > MaxTotals ? "running totals"
            : s.Commitments.Count > 0 || s.Payments.Count > 0 ? "commitments of the previous version (moved into rows on activation)"
            : null;
    }
}
