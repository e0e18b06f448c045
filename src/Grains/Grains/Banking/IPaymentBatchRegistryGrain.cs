namespace PvoFinance.Grains.Banking;

/// <summary>
/// The one registry of payment batches (key 0): hands out batch numbers, lists the batches, and holds the reservations
/// (<see cref="PvoFinance.Banking.PaymentReservations"/>) so the same item is never in two open batches. One grain, so a
/// reservation is decided in one place. Its state is bounded: only open batches hold items (a booked payment's item key
/// is never due again, so it is released), at most <see cref="PvoFinance.Banking.PaymentBatchLimits.MaxOpenBatches"/>
/// batches are open and at most <see cref="PvoFinance.Banking.PaymentBatchLimits.MaxReservedItems"/> items held.
/// </summary>
public interface IPaymentBatchRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>The next free batch number.</summary>
    Task<long> NextNumber();

    /// <summary>
    /// The batch number for a creation with <paramref name="idempotencyKey"/>: the number handed out before for the same
    /// key and <paramref name="fingerprint"/> (Existing true), a new one for a new key, or null (Conflict) when the key
    /// came with another request.
    /// </summary>
    Task<BatchNumberClaim> Claim(string idempotencyKey, string fingerprint);

    /// <summary>
    /// Reserves every item for the batch, or none; on refusal the item and the batch that holds it, or (null, null) when
    /// the open batches are at their limit (<see cref="PvoFinance.Banking.PaymentBatchLimits"/>).
    /// </summary>
    Task<(bool Reserved, string? Item, long? HeldBy)> Reserve(long batchNumber, IReadOnlyList<string> itemKeys);

    /// <summary>Releases what the batch holds of these items; <paramref name="closed"/> also takes the batch off the open list (cancelled or wholly confirmed).</summary>
    Task Release(long batchNumber, IReadOnlyList<string> itemKeys, bool closed);

    /// <summary>Which open batch holds each of <paramref name="itemKeys"/> (those held only).</summary>
    Task<IReadOnlyDictionary<string, long>> Holders(IReadOnlyList<string> itemKeys);

    /// <summary>The open batches, newest first.</summary>
    Task<IReadOnlyList<long>> OpenBatches();

    /// <summary>The newest batch numbers handed out (at most <see cref="PaymentBatchRegistryGrain.MaxListed"/>) at or below <paramref name="below"/> (null: the newest), newest first.</summary>
    Task<IReadOnlyList<long>> Numbers(long? below = null);

    /// <summary>The stored state's size in bytes, for the state-limit tests.</summary>
    Task<long> StateBytes();
}

/// <summary>The answer of <see cref="IPaymentBatchRegistryGrain.Claim"/>.</summary>
/// <param name="Number">The batch number, or 0 on a conflict.</param>
/// <param name="Existing">True when the key was seen before with the same request.</param>
/// <param name="Conflict">True when the key was used with another request.</param>
[GenerateSerializer, Immutable]
public sealed record BatchNumberClaim([property: Id(0)] long Number, [property: Id(1)] bool Existing, [property: Id(2)] bool Conflict);
