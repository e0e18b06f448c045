namespace PvoFinance.Grains.Contracts;

/// <summary>
/// The answer to a batch (<see cref="ILedgerGrain.ExecuteBatch"/>): one reply per request when all were accepted, or the
/// index and refusal of the first refused request, in which case none of the batch was applied.
/// </summary>
/// <param name="Replies">One committed or replayed reply per request (slim: sequence and hash); empty when refused.</param>
/// <param name="RefusedIndex">The refused request's index, or null.</param>
/// <param name="Rejection">Its refusal, or null.</param>
[GenerateSerializer, Immutable]
public sealed record LedgerBatchReply(
    [property: Id(0)] IReadOnlyList<LedgerReply> Replies, [property: Id(1)] int? RefusedIndex, [property: Id(2)] RejectionDto? Rejection)
{
    /// <summary>True when every request was accepted (and is durable).</summary>
    public bool Succeeded => RefusedIndex is null;
}
