namespace PvoFinance.Grains.Banking;

/// <summary>
/// The stored state of the batch registry. Bounded: reservations only of open batches
/// (<see cref="PvoFinance.Banking.PaymentBatchLimits.MaxReservedItems"/>), at most
/// <see cref="PvoFinance.Banking.PaymentBatchLimits.MaxOpenBatches"/> open batches and the newest
/// <see cref="PvoFinance.Banking.PaymentBatchLimits.MaxRememberedKeys"/> idempotency keys. Nothing here grows with history.
/// </summary>
[GenerateSerializer]
public sealed class PaymentBatchRegistryState
{
    /// <summary>The last batch number handed out.</summary>
    [Id(0)] public long LastNumber { get; set; }

    /// <summary>Which open batch holds each reserved item.</summary>
    [Id(1)] public Dictionary<string, long> Reservations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The batches made and not yet wholly confirmed or cancelled.</summary>
    [Id(2)] public List<long> Open { get; set; } = [];

    /// <summary>The newest idempotency keys of batch creations: the number handed out and a hash of the request.</summary>
    [Id(3)] public Dictionary<string, RememberedBatchKey> Keys { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>An idempotency key remembered by the registry.</summary>
/// <param name="Number">The batch number handed out for it.</param>
/// <param name="Fingerprint">A hash of the request it came with; the same key with another request is a conflict.</param>
[GenerateSerializer, Immutable]
public sealed record RememberedBatchKey([property: Id(0)] long Number, [property: Id(1)] string Fingerprint);
