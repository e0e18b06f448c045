using PvoFinance.Ledger;
using PvoFinance.Telemetry;

namespace PvoFinance.Grains;

/// <summary>Before a decision: the keys only storage can answer, reversals' targets, and the recent entries kept in memory.</summary>
public sealed partial class LedgerGrain
{
    /// <summary>How many recent entries stay in memory to answer replays and reversals without a read.</summary>
    private const int RecentEntries = 512;

    private readonly Dictionary<long, JournalEntry> _recent = [];
    private readonly Queue<long> _recentOrder = new();

    private void Remember(JournalEntry entry)
    {
        if (_recent.TryAdd(entry.Sequence, entry))
        {
            _recentOrder.Enqueue(entry.Sequence);
            while (_recentOrder.Count > RecentEntries && _recentOrder.Peek() < _durable)
            {
                _recent.Remove(_recentOrder.Dequeue());
            }
        }
    }

    // Before commands are decided (one, or a batch): every key they need that only storage can answer is looked up —
    // all of them at once, one point read each, rare since the key filter rules out almost every new key — and the
    // reversals' target entries are loaded. The caller repeats this until Resolved, and decides right after Resolved
    // with no await in between (`while (!Resolved(…)) await PrepareAsync(…);`, then the decision): the decision then
    // needs no storage (the journal holds its key index still while it decides a batch), so nothing can be found
    // missing in its middle.
    private async Task PrepareAsync(IReadOnlyList<LedgerCommand> commands, JournalEntry?[] referenced)
    {
        await LookUpKeysAsync(commands);
        for (var i = 0; i < commands.Count; i++)
        {
            if (commands[i] is ReverseEntry reverse && _journal.SequenceOf(reverse.EntryKey) is { } target && referenced[i]?.Sequence != target)
            {
                referenced[i] = await LoadEntryAsync(target);
            }
        }
        ThrowIfBroken();
    }

    // True when the commands can be decided now without storage: no key needs a look-up and every reversal whose target
    // the journal knows has it loaded (a target made earlier in the same batch is the journal's own).
    private bool Resolved(IReadOnlyList<LedgerCommand> commands, JournalEntry?[] referenced)
    {
        for (var i = 0; i < commands.Count; i++)
        {
            if (_journal.KeysToLookUp(commands[i]).Count > 0)
            {
                return false;
            }
            if (commands[i] is ReverseEntry reverse && _journal.SequenceOf(reverse.EntryKey) is { } target && referenced[i]?.Sequence != target)
            {
                return false;
            }
        }
        return true;
    }

    // Every key the commands need that only storage can answer, looked up in one round (repeated while an answer came
    // too late: a key indexed meanwhile may have pushed older ones out of memory).
    private async Task LookUpKeysAsync(IReadOnlyList<LedgerCommand> commands)
    {
        var missing = Missing(commands);
        if (missing.Count == 0)
        {
            return;
        }
        // Storage is read after every entry up to here is durable, so "not found" holds for all of them.
        var durable = _durable;
        var found = await Task.WhenAll(missing.Select(FindKeyAsync));
        ThrowIfBroken();
        LedgerTelemetry.KeyLookUps.Add(missing.Count);
        for (var i = 0; i < missing.Count; i++)
        {
            if (found[i] is { } k)
            {
                _journal.IndexKey(k.Sequence, k.IdempotencyKey, k.ContentHash);
            }
            else
            {
                _journal.ConfirmAbsent(missing[i], durable);
            }
        }
    }

    // A batch's look-ups go out together, but at most MaxLookUpsInFlight per journal at once: eight retried batches of
    // 256 old keys asked Azurite for 2,048 point reads at the same moment, and it timed them out.
    private const int MaxLookUpsInFlight = 32;

    private readonly SemaphoreSlim _lookUps = new(MaxLookUpsInFlight);

    private async Task<PvoFinance.Storage.JournalKey?> FindKeyAsync(string key)
    {
        await _lookUps.WaitAsync();
        try
        {
            return await store.FindKeyAsync(Id, key, _journal.KeysWithoutRowsThrough);
        }
        finally
        {
            _lookUps.Release();
        }
    }

    private List<string> Missing(IReadOnlyList<LedgerCommand> commands)
    {
        var missing = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var command in commands)
        {
            foreach (var key in _journal.KeysToLookUp(command))
            {
                if (seen.Add(key))
                {
                    missing.Add(key);
                }
            }
        }
        return missing;
    }
}
