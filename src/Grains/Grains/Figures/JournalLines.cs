using NodaTime.Text;
using PvoFinance.Exports;
using PvoFinance.Grains.Contracts;
using PvoFinance.LedgerFigures;

namespace PvoFinance.Grains.LedgerFigures;

/// <summary>
/// Reads journals' entries into <see cref="LedgerLine"/>s for the <see cref="FigureBook"/>. Entries never change once
/// written, so one reader remembers what it read and later reads only continue after the last entry it saw.
/// </summary>
/// <param name="grains">Where the journals are.</param>
/// <param name="keep">Which entries to keep (all when null), e.g. one application's.</param>
public sealed class JournalLines(IGrainFactory grains, Func<EntryDto, bool>? keep = null)
{
    /// <summary>Entries read per call.</summary>
    public const int PageSize = 500;

    /// <summary>Most journals one reader remembers (a bound on memory); beyond it the oldest are forgotten and read again.</summary>
    public const int MaxJournals = 1_000;

    private readonly Dictionary<string, (long After, List<LedgerLine> Lines)> _read = new(StringComparer.Ordinal);

    /// <summary>A line from an entry as the ledger grain answers it.</summary>
    public static LedgerLine From(EntryDto e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new LedgerLine(e.JournalId, e.Sequence, e.Key, e.Kind, LocalDatePattern.Iso.Parse(e.ValueDate).Value,
            InstantPattern.ExtendedIso.Parse(e.RecordedAt).Value, e.Reference, [.. e.Postings.Select(p => new LedgerLeg(p.Account, p.Cents))],
            e.Memo, e.Hash, e.PreviousHash, Pending: [.. e.Pending.Select(p => new LedgerPendingLeg(p.Account, p.Cents, p.Release))]);
    }

    /// <summary>The kept lines of <paramref name="journal"/>, up to its newest entry.</summary>
    public async Task<IReadOnlyList<LedgerLine>> ReadAsync(string journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var (after, lines) = _read.TryGetValue(journal, out var known) ? known : (0L, new List<LedgerLine>());
        var ledger = grains.GetGrain<ILedgerGrain>(journal);
        while (true)
        {
            var page = await ledger.GetEntries(after, PageSize);
            foreach (var e in page)
            {
                if (keep is null || keep(e))
                {
                    lines.Add(From(e));
                }
            }
            if (page.Count == 0)
            {
                break;
            }
            after = page[^1].Sequence;
        }
        if (_read.Count >= MaxJournals && !_read.ContainsKey(journal))
        {
            _read.Clear();
        }
        _read[journal] = (after, lines);
        return lines;
    }

    /// <summary>A figure book over the kept lines of <paramref name="journals"/>.</summary>
    public async Task<FigureBook> BookAsync(IEnumerable<string> journals)
    {
        ArgumentNullException.ThrowIfNull(journals);
        var book = new FigureBook();
        foreach (var journal in journals.Distinct(StringComparer.Ordinal))
        {
            book.AddRange(await ReadAsync(journal));
        }
        return book;
    }
}
