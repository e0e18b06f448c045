using PvoFinance.Banking;

namespace PvoFinance.Grains.Banking;

/// <summary>Hands out batch numbers and keeps the reservations; the rules are <see cref="PaymentReservations"/>'s.</summary>
public sealed class PaymentBatchRegistryGrain(
    [PersistentState("paymentbatches", StorageNames.Funding)] IPersistentState<PaymentBatchRegistryState> state) : Grain, IPaymentBatchRegistryGrain
{
    /// <inheritdoc />
    public async Task<long> NextNumber()
    {
        if (state.State.LastNumber >= EndToEndId.MaxBatchNumber)
        {
            throw new InvalidOperationException($"All {EndToEndId.MaxBatchNumber} batch numbers are used.");
        }
        state.State.LastNumber++;
        await WriteAsync();
        return state.State.LastNumber;
    }

    /// <inheritdoc />
    public async Task<(bool Reserved, string? Item, long? HeldBy)> Reserve(long batchNumber, IReadOnlyList<string> itemKeys)
    {
        var reservations = PaymentReservations.Load(state.State.Reservations);
        var result = reservations.TryReserve(batchNumber, itemKeys);
        if (result.Reserved)
        {
            state.State.Reservations = new Dictionary<string, long>(reservations.Snapshot(), StringComparer.Ordinal);
            await WriteAsync();
        }
        return result;
    }

    /// <inheritdoc />
    public async Task Release(long batchNumber, IReadOnlyList<string> itemKeys)
    {
        var reservations = PaymentReservations.Load(state.State.Reservations);
        if (reservations.Release(batchNumber, itemKeys) > 0)
        {
            state.State.Reservations = new Dictionary<string, long>(reservations.Snapshot(), StringComparer.Ordinal);
            await WriteAsync();
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> Numbers() =>
        Task.FromResult<IReadOnlyList<long>>([.. Enumerable.Range(0, (int)Math.Min(state.State.LastNumber, MaxListed)).Select(i => state.State.LastNumber - i)]);

    /// <summary>The most batch numbers one list answers (the newest).</summary>
    public const int MaxListed = 1000;

    private async Task WriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Memory must not run ahead of storage: the next call reloads what storage holds.
            DeactivateOnIdle();
            throw;
        }
    }
}
