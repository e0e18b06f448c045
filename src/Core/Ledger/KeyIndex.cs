namespace PvoFinance.Ledger;

/// <summary>
/// A journal's idempotency index, bounded: the keys of the most recent entries in memory (at most
/// <see cref="MaxIndexedKeys"/>), every key ever used in a fixed-size <see cref="KeyFilter"/>, and for the rest a
/// look-up in storage made by the caller. Exact: a key the index cannot answer from memory is "unknown", never "new".
/// </summary>
/// <remarks>
/// The invariant: every key of an entry with a sequence above <see cref="Floor"/> is in memory. A key that is not
/// in memory is new when the filter says "no", or when storage said so (<see cref="ConfirmAbsent"/>) at a moment
/// when every entry up to the floor was already durable; otherwise it is unknown until looked up.
/// </remarks>
public sealed class KeyIndex
{
    /// <summary>Keys held in memory at most; older ones are answered by the filter and storage.</summary>
    public const int MaxIndexedKeys = 4_096;

    /// <summary>
    /// Keys remembered as absent from storage at most (each only until the floor passes its stamp). Why this many: a
    /// batch may need two look-ups per command (its key and the key it refers to), and all of a batch's answers must be
    /// held at once when it is decided; with fewer, a large batch pushed its own first answers out and never got decided.
    /// </summary>
    public const int MaxAbsentKeys = 4 * LedgerBatchLimits.MaxCommands;

    private readonly Dictionary<string, (long Sequence, string ContentHash)> _keys = new(StringComparer.Ordinal);
    private readonly Queue<(long Sequence, string Key)> _order = new();
    private readonly Dictionary<string, long> _absent = new(StringComparer.Ordinal);
    private readonly Queue<string> _absentOrder = new();
    private KeyFilter? _filter;
    private readonly List<string> _heldFilterKeys = [];
    private int _holds;

    /// <summary>Creates the index of an empty journal, or of one restored from a snapshot at <paramref name="floor"/>.</summary>
    /// <param name="floor">The last sequence whose key may be missing from memory (the snapshot's version; 0 when empty).</param>
    /// <param name="filter">The filter of every key up to the floor; null when unknown (a snapshot of an older format).</param>
    /// <param name="keysWithoutRowsThrough">Entries up to this sequence were stored before keys had rows of their own.</param>
    public KeyIndex(long floor = 0, KeyFilter? filter = null, long keysWithoutRowsThrough = 0)
    {
        Floor = floor;
        _filter = filter;
        KeysWithoutRowsThrough = keysWithoutRowsThrough;
    }

    /// <summary>Every key of an entry with a higher sequence is in memory.</summary>
    public long Floor { get; private set; }

    /// <summary>Entries up to this sequence were stored before keys had rows of their own: looking one of their keys up needs a query of the records.</summary>
    public long KeysWithoutRowsThrough { get; set; }

    /// <summary>Keys held in memory.</summary>
    public int Count => _keys.Count;

    /// <summary>True when the filter covers every key up to the floor, so "no" answers need no storage.</summary>
    public bool HasFilter => _filter is not null || Floor == 0;

    /// <summary>Adds the key of an entry (applied, or found in storage).</summary>
    public void Add(long sequence, string key, string contentHash)
    {
        if (_holds > 0)
        {
            // Its "absent" answer stays until Release: if the batch takes the entry out again, the key is as absent as
            // storage said, and a later command of the batch may use it without a look-up.
            _heldFilterKeys.Add(key);
        }
        else
        {
            _filter?.Add(key);
            _absent.Remove(key);
        }
        if (_keys.TryAdd(key, (sequence, contentHash)))
        {
            _order.Enqueue((sequence, key));
        }
        while (_holds == 0 && _keys.Count > MaxIndexedKeys)
        {
            Evict();
        }
    }

    /// <summary>
    /// While a batch is decided, its own entries change nothing the index answers about other keys: their keys go
    /// into the filter and older keys out of memory only at <see cref="Release"/>. Why: a batch is decided after every
    /// key it needs was looked up; adding its keys to the filter could turn a later key of the same batch from "no"
    /// into "maybe", and evicting older keys could raise the floor past an answer storage gave, so the decision
    /// would need storage in its middle (issue 15: the batch phases' failed calls). Nests; memory holds at most one
    /// batch (<see cref="LedgerBatchLimits.MaxCommands"/>) above <see cref="MaxIndexedKeys"/> meanwhile.
    /// </summary>
    public void Hold() => _holds++;

    /// <summary>Ends a <see cref="Hold"/>: the held keys enter the filter and memory is trimmed to <see cref="MaxIndexedKeys"/>.</summary>
    public void Release()
    {
        if (_holds == 0 || --_holds > 0)
        {
            return;
        }
        foreach (var key in _heldFilterKeys)
        {
            _filter?.Add(key);
            if (_keys.ContainsKey(key))
            {
                _absent.Remove(key);
            }
        }
        _heldFilterKeys.Clear();
        while (_keys.Count > MaxIndexedKeys)
        {
            Evict();
        }
    }

    /// <summary>Replaces the filter with one of exactly <paramref name="keys"/>, every key up to the floor (read from storage once, for a snapshot of an older format).</summary>
    public void RebuildFilter(IEnumerable<(long Sequence, string Key, string ContentHash)> keys)
    {
        _filter = null;
        var filter = new KeyFilter();
        foreach (var (sequence, key, hash) in keys)
        {
            filter.Add(key);
            Add(sequence, key, hash);
        }
        foreach (var key in _keys.Keys)
        {
            filter.Add(key);
        }
        _filter = filter;
    }

    /// <summary>The key's entry when it is held in memory.</summary>
    public bool TryGet(string key, out (long Sequence, string ContentHash) found) => _keys.TryGetValue(key, out found);

    /// <summary>
    /// Forgets <paramref name="key"/> again (a batch that was refused as a whole takes back the keys of its entries). The
    /// filter cannot forget it; it then only answers "maybe", which costs a look-up, never a wrong answer.
    /// </summary>
    public void Remove(string key) => _keys.Remove(key);

    /// <summary>
    /// True when only storage can tell whether <paramref name="key"/> was used: it is not in memory, the filter
    /// (if any) says "maybe", and no look-up that is still valid said it is absent.
    /// </summary>
    public bool NeedsLookUp(string key) =>
        Floor > 0
        && !_keys.ContainsKey(key)
        && (_filter is null || _filter.MayContain(key))
        && !(_absent.TryGetValue(key, out var stamp) && stamp >= Floor);

    /// <summary>
    /// Records that storage has no entry with <paramref name="key"/>, as read after every entry up to
    /// <paramref name="durableVersion"/> was durable. Valid as long as the floor stays at or below that version:
    /// every later entry is then in memory.
    /// </summary>
    public void ConfirmAbsent(string key, long durableVersion)
    {
        if (_keys.ContainsKey(key))
        {
            return;
        }
        if (_absent.TryAdd(key, durableVersion))
        {
            _absentOrder.Enqueue(key);
        }
        else
        {
            _absent[key] = Math.Max(_absent[key], durableVersion);
        }
        while (_absentOrder.Count > MaxAbsentKeys)
        {
            _absent.Remove(_absentOrder.Dequeue());
        }
    }

    /// <summary>The filter for a snapshot: null when it is unknown (an older snapshot whose keys were never read).</summary>
    public KeyFilter? FilterForSnapshot()
    {
        if (_filter is not null || Floor > 0)
        {
            return _filter;
        }
        // Nothing evicted yet: every key is in memory, so the filter is built from them.
        var filter = new KeyFilter();
        foreach (var key in _keys.Keys)
        {
            filter.Add(key);
        }
        return filter;
    }

    private void Evict()
    {
        var (sequence, key) = _order.Dequeue();
        if (_keys.TryGetValue(key, out var held) && held.Sequence == sequence)
        {
            if (_filter is null && Floor == 0)
            {
                // The first eviction: until now every key was in memory, so the filter starts from them.
                _filter = FilterForSnapshot();
            }
            _keys.Remove(key);
            Floor = Math.Max(Floor, sequence);
        }
    }
}
