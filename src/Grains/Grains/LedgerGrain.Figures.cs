using PvoFinance.Grains.Contracts;
using PvoFinance.Ledger;

namespace PvoFinance.Grains;

/// <summary>The ledger grain's reads for the figures: running totals and entries by key, never a scan on a request path.</summary>
public sealed partial class LedgerGrain
{
    // The one-off read that completes the totals of a journal whose snapshot predates them (shared by concurrent callers).
    private Task? _completingTotals;

    /// <inheritdoc />
    public async Task<IReadOnlyList<MovementTotalDto>> GetMovementTotals()
    {
        ThrowIfBroken();
        if (!_journal.TotalsComplete)
        {
            await (_completingTotals ??= CompleteTotalsAsync());
            ThrowIfBroken();
        }
        // The journal includes accepted entries that are not yet durable; take them out again (as GetBalances does).
        var totals = _journal.CopyTotals();
        for (var i = _queue.Count - 1; i >= 0; i--)
        {
            totals.Fold(_queue[i].Entry, -1);
        }
        return [.. totals.ToList().Select(t => new MovementTotalDto(t.Debit, t.Credit, t.ValueYear, t.Cents))];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EntryDto>> GetEntriesByKeys(IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count > LedgerReadLimits.MaxKeysPerRead)
        {
            throw new ArgumentException($"At most {LedgerReadLimits.MaxKeysPerRead} keys per read; {keys.Count} were asked.", nameof(keys));
        }
        ThrowIfBroken();
        var durable = _durable;
        var distinct = keys.Distinct(StringComparer.Ordinal).ToList();
        // Keys older than those held in memory are found by a point read of their key row (never a scan), so an old
        // application's figures miss none of its entries in a busy journal.
        var older = distinct.Where(k => _journal.SequenceOf(k) is null && _journal.KeyNeedsLookUp(k)).ToList();
        var found = await Task.WhenAll(older.Select(k => store.FindKeyAsync(Id, k, _journal.KeysWithoutRowsThrough)));
        ThrowIfBroken();
        var sequences = distinct
            .Select(k => _journal.SequenceOf(k))
            .Concat(found.Select(f => f?.Sequence))
            .OfType<long>()
            .Where(s => s <= durable)
            .Distinct()
            .Order()
            .ToList();
        var entries = await Task.WhenAll(sequences.Select(LoadEntryAsync));
        return [.. entries.Select(e => LedgerRequestMapper.ToDto(Id, e))];
    }

    private async Task CompleteTotalsAsync()
    {
        try
        {
            var through = _journal.TotalsMissingThrough;
            var entries = new List<JournalEntry>((int)Math.Min(through, 100_000));
            await foreach (var record in store.ReadRecordsAsync(Id, 0))
            {
                if (record.Sequence > through)
                {
                    break;
                }
                entries.Add(LedgerJson.DeserializeEntry(record));
            }
            _journal.CompleteTotals(entries);
        }
        finally
        {
            _completingTotals = null;
        }
    }
}
