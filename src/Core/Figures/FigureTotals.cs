using PvoFinance.Ledger;

namespace PvoFinance.LedgerFigures;

/// <summary>
/// The figures of journals from the running totals they keep (<see cref="MovementTotal"/>), without reading an entry:
/// each total is typed as the movement it sums and the selections are <see cref="FigureBook"/>'s own, so these figures
/// are the figures of the same entries to the cent. What they cannot answer: an application's part (totals carry no
/// key) and a figure as of a date inside a year (totals are per value year). Pure; not thread-safe while adding.
/// </summary>
public sealed class FigureTotals
{
    private readonly FigureBook _book = new();

    /// <summary>Adds the running totals of <paramref name="journal"/>.</summary>
    public FigureTotals Add(string journal, IEnumerable<MovementTotal> totals)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(totals);
        foreach (var total in totals)
        {
            _book.Add(journal, total);
        }
        return this;
    }

    /// <summary>The typed movements the totals sum (value date: January 1 of the value year; no key).</summary>
    public IReadOnlyList<Movement> Movements => _book.Movements;

    /// <summary>The figures of the movements <paramref name="select"/> keeps (see <see cref="FigureBook.Where"/>).</summary>
    public Figures Where(Func<Movement, bool> select) => _book.Where(select);

    /// <summary>A source's budget year as booked in its own journal (see <see cref="FigureBook.SourceYear"/>).</summary>
    public Figures SourceYear(string source, int year, string? region = null) => _book.SourceYear(source, year, region);

    /// <summary>What one source did for one region (see <see cref="FigureBook.SourceForRegion"/>).</summary>
    public Figures SourceForRegion(string source, string region, int? year = null) => _book.SourceForRegion(source, region, year);

    /// <summary>Everything concerning a region, from every source.</summary>
    public Figures Region(string region) => _book.Region(region);

    /// <summary>What arrived at a region from a source with a value date in <paramref name="year"/> (see <see cref="FigureBook.ReceivedInYear"/>).</summary>
    public long ReceivedInYear(string region, string source, int year) => _book.ReceivedInYear(region, source, year);
}
