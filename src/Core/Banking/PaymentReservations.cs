namespace PvoFinance.Banking;

/// <summary>
/// Which open batch holds each payable item, so the same money cannot go into two batches. Reserving is all or nothing;
/// cancelling a batch releases its items, and so does the booking of a confirmed payment: an item key names the ledger
/// position it pays (the advance's number, what was paid before), so once booked the same key is never due again, and the
/// reservations stay bounded by the open batches (<see cref="PaymentBatchLimits.MaxReservedItems"/>).
/// </summary>
public sealed class PaymentReservations
{
    private readonly Dictionary<string, long> _heldBy = new(StringComparer.Ordinal);

    /// <summary>The batch holding <paramref name="itemKey"/>, or null.</summary>
    public long? HolderOf(string itemKey) => _heldBy.TryGetValue(itemKey, out var batch) ? batch : null;

    /// <summary>How many items are held.</summary>
    public int Count => _heldBy.Count;

    /// <summary>
    /// Reserves every item for <paramref name="batchNumber"/>, or none: the first item another batch holds is returned
    /// with that batch; (false, null, null) when the open batches would hold more than
    /// <see cref="PaymentBatchLimits.MaxReservedItems"/> items. Reserving again for the same batch is a no-op (a retried create).
    /// </summary>
    public (bool Reserved, string? Item, long? HeldBy) TryReserve(long batchNumber, IReadOnlyCollection<string> itemKeys)
    {
        ArgumentNullException.ThrowIfNull(itemKeys);
        if (itemKeys.Distinct(StringComparer.Ordinal).Count() != itemKeys.Count)
        {
            var twice = itemKeys.GroupBy(k => k, StringComparer.Ordinal).First(g => g.Count() > 1).Key;
            return (false, twice, batchNumber);
        }
        var added = 0;
        foreach (var key in itemKeys)
        {
            if (_heldBy.TryGetValue(key, out var holder))
            {
                if (holder != batchNumber)
                {
                    return (false, key, holder);
                }
            }
            else
            {
                added++;
            }
        }
        if (_heldBy.Count + added > PaymentBatchLimits.MaxReservedItems)
        {
            // Refused whole, naming no item: the open batches together hold too much (see PaymentBatchLimits.MaxReservedItems).
            return (false, null, null);
        }
        foreach (var key in itemKeys)
        {
            _heldBy[key] = batchNumber;
        }
        return (true, null, null);
    }

    /// <summary>Releases what <paramref name="batchNumber"/> holds of <paramref name="itemKeys"/>; returns how many were released.</summary>
    public int Release(long batchNumber, IEnumerable<string> itemKeys)
    {
        ArgumentNullException.ThrowIfNull(itemKeys);
        var released = 0;
        foreach (var key in itemKeys)
        {
            if (_heldBy.TryGetValue(key, out var holder) && holder == batchNumber)
            {
                _heldBy.Remove(key);
                released++;
            }
        }
        return released;
    }

    /// <summary>Every reservation, for storing.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_heldBy, StringComparer.Ordinal);

    /// <summary>Restores stored reservations.</summary>
    public static PaymentReservations Load(IEnumerable<KeyValuePair<string, long>> stored)
    {
        var reservations = new PaymentReservations();
        foreach (var (key, batch) in stored)
        {
            reservations._heldBy[key] = batch;
        }
        return reservations;
    }
}
