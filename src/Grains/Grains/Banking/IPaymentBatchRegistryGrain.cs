namespace PvoFinance.Grains.Banking;

/// <summary>
/// The one registry of payment batches (key 0): hands out batch numbers, lists the batches, and holds the reservations
/// (<see cref="PvoFinance.Banking.PaymentReservations"/>) so the same item is never in two open batches. One grain, so a
/// reservation is decided in one place; its state is bounded by the items in batches (a batch by
/// <see cref="PvoFinance.Banking.PaymentBatchLimits.MaxPayments"/>).
/// </summary>
public interface IPaymentBatchRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>The next free batch number.</summary>
    Task<long> NextNumber();

    /// <summary>Reserves every item for the batch, or none; on refusal the item and the batch that holds it.</summary>
    Task<(bool Reserved, string? Item, long? HeldBy)> Reserve(long batchNumber, IReadOnlyList<string> itemKeys);

    /// <summary>Releases what the batch holds of these items.</summary>
    Task Release(long batchNumber, IReadOnlyList<string> itemKeys);

    /// <summary>The newest batch numbers handed out (at most <see cref="PaymentBatchRegistryGrain.MaxListed"/>), newest first.</summary>
    Task<IReadOnlyList<long>> Numbers();
}
