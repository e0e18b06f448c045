namespace PvoFinance.Grains.Contracts;

/// <summary>What became of one request of a batch (<see cref="ILedgerGrain.Submit"/>): slim, as <see cref="LedgerReply"/> without the entry.</summary>
/// <param name="Status">Committed, replayed or refused.</param>
/// <param name="Sequence">The entry's sequence; 0 when refused.</param>
/// <param name="Hash">The entry's hash; null when refused.</param>
/// <param name="Rejection">
/// The refusal, with the field in request terms (<c>requests[3].postings[1]</c>); for a request of a linked chain that
/// went down with another, that other request's refusal (its index in the field). Null otherwise.
/// </param>
[GenerateSerializer, Immutable]
public sealed record EntryOutcomeDto(
    [property: Id(0)] LedgerReplyStatus Status, [property: Id(1)] long Sequence, [property: Id(2)] string? Hash, [property: Id(3)] RejectionDto? Rejection)
{
    /// <summary>True for committed and replayed requests.</summary>
    public bool Succeeded => Status != LedgerReplyStatus.Rejected;
}

/// <summary>
/// The answer to a batch of independent entries and linked chains (<see cref="ILedgerGrain.Submit"/>): one outcome per
/// request, in order, once every accepted entry is durable; or, for a batch that is malformed as a whole (none or too
/// many requests), no outcomes and that refusal.
/// </summary>
/// <param name="Outcomes">One outcome per request.</param>
/// <param name="Rejection">The refusal of the whole batch, or null.</param>
[GenerateSerializer, Immutable]
public sealed record LedgerBatchResult([property: Id(0)] IReadOnlyList<EntryOutcomeDto> Outcomes, [property: Id(1)] RejectionDto? Rejection);
