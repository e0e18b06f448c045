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

    // Before a command is decided: the keys it needs that only storage can answer are looked up (a point read each,
    // rare: the key filter rules out almost every new key), and a reversal's target entry is loaded. Repeated until
    // nothing is missing after the last await, so that the decision that follows sees a complete answer.
    private async Task<JournalEntry?> PrepareAsync(LedgerCommand command)
    {
        while (true)
        {
            await LookUpKeysAsync(command);
            if (command is ReverseEntry reverse && _journal.SequenceOf(reverse.EntryKey) is { } target)
            {
                var referenced = await LoadEntryAsync(target);
                ThrowIfBroken();
                if (_journal.KeysToLookUp(command).Count == 0 && _journal.SequenceOf(reverse.EntryKey) == target)
                {
                    return referenced;
                }
                continue;
            }
            return null;
        }
    }

    // The same for several commands decided together: keys older than those the journal holds in memory are looked
    // up, and reversals' targets loaded, until a pass needs no storage; the batch is then decided with no await in
    // between, so nothing else is decided meanwhile.
    private async Task<JournalEntry?[]> PrepareAllAsync(IReadOnlyList<LedgerCommand> commands)
    {
        var referenced = new JournalEntry?[commands.Count];
        while (true)
        {
            await LookUpKeysAsync(commands);
            for (var i = 0; i < commands.Count; i++)
            {
                referenced[i] = commands[i] is ReverseEntry reverse && _journal.SequenceOf(reverse.EntryKey) is { } target ? await LoadEntryAsync(target) : null;
            }
            ThrowIfBroken();
            if (commands.All(c => _journal.KeysToLookUp(c).Count == 0))
            {
                return referenced;
            }
        }
    }

    private async Task LookUpKeysAsync(IEnumerable<LedgerCommand> commands)
    {
        foreach (var command in commands)
        {
            await LookUpKeysAsync(command);
        }
    }

    private async Task LookUpKeysAsync(LedgerCommand command)
    {
        for (var missing = _journal.KeysToLookUp(command); missing.Count > 0; missing = _journal.KeysToLookUp(command))
        {
            // Storage is read after every entry up to here is durable, so "not found" holds for all of them.
            var durable = _durable;
            var found = await Task.WhenAll(missing.Select(key => store.FindKeyAsync(Id, key, _journal.KeysWithoutRowsThrough)));
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
    }
}
