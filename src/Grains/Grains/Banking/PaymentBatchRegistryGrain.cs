using PvoFinance.Banking;

namespace PvoFinance.Grains.Banking;

/// <summary>Hands out batch numbers and keeps the reservations of open batches; the rules are <see cref="PaymentReservations"/>'s.</summary>
public sealed class PaymentBatchRegistryGrain(
    [PersistentState("paymentbatches", StorageNames.Funding)] IPersistentState<PaymentBatchRegistryState> state) : Grain, IPaymentBatchRegistryGrain
{
    /// <summary>The most batch numbers one list answers (the newest).</summary>
    public const int MaxListed = 1000;

    /// <inheritdoc />
    public async Task<long> NextNumber()
    {
        Take();
        await WriteAsync();
        return state.State.LastNumber;
    }

    /// <inheritdoc />
    public async Task<BatchNumberClaim> Claim(string idempotencyKey, string fingerprint)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        if (state.State.Keys.TryGetValue(idempotencyKey, out var known))
        {
            return known.Fingerprint == fingerprint ? new BatchNumberClaim(known.Number, true, false) : new BatchNumberClaim(0, false, true);
        }
        Take();
        state.State.Keys[idempotencyKey] = new RememberedBatchKey(state.State.LastNumber, fingerprint);
        // Only the newest keys are kept (numbers grow, so the smallest number is the oldest key): the state stays bounded.
        while (state.State.Keys.Count > PaymentBatchLimits.MaxRememberedKeys)
        {
            state.State.Keys.Remove(state.State.Keys.MinBy(k => k.Value.Number).Key);
        }
        await WriteAsync();
        return new BatchNumberClaim(state.State.LastNumber, false, false);
    }

    /// <inheritdoc />
    public async Task<(bool Reserved, string? Item, long? HeldBy)> Reserve(long batchNumber, IReadOnlyList<string> itemKeys)
    {
        var isOpen = state.State.Open.Contains(batchNumber);
        if (!isOpen && state.State.Open.Count >= PaymentBatchLimits.MaxOpenBatches)
        {
            return (false, null, null);
        }
        var reservations = PaymentReservations.Load(state.State.Reservations);
        var result = reservations.TryReserve(batchNumber, itemKeys);
        if (result.Reserved)
        {
            state.State.Reservations = new Dictionary<string, long>(reservations.Snapshot(), StringComparer.Ordinal);
            if (!isOpen)
            {
                state.State.Open.Add(batchNumber);
            }
            await WriteAsync();
        }
        return result;
    }

    /// <inheritdoc />
    public async Task Release(long batchNumber, IReadOnlyList<string> itemKeys, bool closed)
    {
        var reservations = PaymentReservations.Load(state.State.Reservations);
        var released = reservations.Release(batchNumber, itemKeys) > 0;
        var removed = closed && state.State.Open.Remove(batchNumber);
        if (released || removed)
        {
            state.State.Reservations = new Dictionary<string, long>(reservations.Snapshot(), StringComparer.Ordinal);
            await WriteAsync();
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, long>> Holders(IReadOnlyList<string> itemKeys)
    {
        var held = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var key in itemKeys)
        {
            if (state.State.Reservations.TryGetValue(key, out var batch))
            {
                held[key] = batch;
            }
        }
        return Task.FromResult<IReadOnlyDictionary<string, long>>(held);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> OpenBatches() => Task.FromResult<IReadOnlyList<long>>([.. state.State.Open.OrderDescending()]);

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> Numbers(long? below = null)
    {
        var top = Math.Min(state.State.LastNumber, below ?? long.MaxValue);
        return Task.FromResult<IReadOnlyList<long>>([.. Enumerable.Range(0, (int)Math.Max(0, Math.Min(top, MaxListed))).Select(i => top - i)]);
    }

    /// <inheritdoc />
    public Task<long> StateBytes() => Task.FromResult(this.MeasureBytes(state.State));

    private void Take()
    {
        if (state.State.LastNumber >= EndToEndId.MaxBatchNumber)
        {
            throw new InvalidOperationException($"All {EndToEndId.MaxBatchNumber} batch numbers are used.");
        }
        state.State.LastNumber++;
    }

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
