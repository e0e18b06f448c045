using PvoFinance.Exports;
using PvoFinance.Grains.Contracts;

namespace PvoFinance.Grains.LedgerFigures;

/// <summary>
/// Reads known entries by their keys (<see cref="ILedgerGrain.GetEntriesByKeys"/>) into <see cref="LedgerLine"/>s for
/// the <see cref="PvoFinance.LedgerFigures.FigureBook"/>: the caller names exactly the entries it booked, so nothing is
/// scanned. Entries never change once written, so one reader remembers what it found and asks only for the rest.
/// </summary>
/// <param name="grains">Where the journals are.</param>
public sealed class KeyedLines(IGrainFactory grains)
{
    /// <summary>Most lines one reader remembers (a bound on memory); beyond it they are forgotten and read again.</summary>
    public const int MaxLines = 20_000;

    private readonly Dictionary<(string Journal, string Key), LedgerLine> _found = [];

    /// <summary>True when the entry with <paramref name="key"/> in <paramref name="journal"/> was already found.</summary>
    public bool Has(string journal, string key) => _found.ContainsKey((journal, key));

    /// <summary>
    /// The lines of the entries <paramref name="wanted"/> names that exist and are durable, ordered by journal and
    /// sequence; keys not yet written are left out (and asked again next time).
    /// </summary>
    public async Task<IReadOnlyList<LedgerLine>> ReadAsync(IEnumerable<(string Journal, string Key)> wanted)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        var all = wanted.Distinct().ToList();
        var missing = all.Where(w => !_found.ContainsKey(w))
            .GroupBy(w => w.Journal, StringComparer.Ordinal)
            .SelectMany(g => g.Select(w => w.Key).Chunk(LedgerReadLimits.MaxKeysPerRead).Select(keys => (Journal: g.Key, Keys: keys)))
            .ToList();
        var read = await Task.WhenAll(missing.Select(m => grains.GetGrain<ILedgerGrain>(m.Journal).GetEntriesByKeys(m.Keys)));
        var fresh = read.SelectMany(r => r).ToDictionary(e => (e.JournalId, e.Key), JournalLines.From);
        var lines = all.Select(w => fresh.GetValueOrDefault(w) ?? _found.GetValueOrDefault(w)).OfType<LedgerLine>()
            .OrderBy(l => l.Journal, StringComparer.Ordinal).ThenBy(l => l.Sequence).ToList();
        if (_found.Count + fresh.Count > MaxLines)
        {
            _found.Clear();
        }
        foreach (var (key, line) in fresh)
        {
            _found[key] = line;
        }
        return lines;
    }
}
