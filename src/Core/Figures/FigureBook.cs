using NodaTime;
using PvoFinance.Exports;
using PvoFinance.Ledger;

namespace PvoFinance.LedgerFigures;

/// <summary>
/// The one place figures come from: ledger entries go in (<see cref="Add(LedgerLine)"/>), are split into movements and
/// typed once (<see cref="Movement"/>), and every view asks for the figures of its selection — a source's budget year,
/// a region, a source's money for a region, a project, an application — as of any value date. Pure; not thread-safe
/// while entries are being added.
/// </summary>
public sealed class FigureBook
{
    /// <summary>Most movements one book holds (a bound on memory; far above any deployment's ledger so far).</summary>
    public const int MaxMovements = 20_000_000;

    private readonly List<Movement> _movements = [];

    /// <summary>Every typed movement added so far, in the order added.</summary>
    public IReadOnlyList<Movement> Movements => _movements;

    /// <summary>Adds an entry's posted legs (paired into movements) and its reserved budget legs.</summary>
    public FigureBook Add(LedgerLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        foreach (var (debit, credit, cents) in Pair(line.Postings))
        {
            Add(Movement.Of(line.Journal, line.Key, line.ValueDate, debit, credit, cents));
        }
        // Reserved budget: a reservation's debit legs on the budget hold it; the release legs of its post or void let go.
        foreach (var p in line.Pending ?? [])
        {
            if (p.Cents > 0 && Movement.Reserved(line.Journal, line.Key, line.ValueDate, p.Account, p.Release ? -p.Cents : p.Cents) is { } held)
            {
                Add(held);
            }
        }
        return this;
    }

    /// <summary>
    /// Adds one running total a journal keeps (<see cref="MovementTotal"/>) as the movement it sums: the same kinds and
    /// the same figures as the entries it was folded from, with the value date as January 1 of its value year and no key
    /// (so no application). What <see cref="FigureTotals"/> is built from.
    /// </summary>
    public FigureBook Add(string journal, MovementTotal total)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(total);
        var date = new LocalDate(total.ValueYear, 1, 1);
        if (total.Credit is null)
        {
            return Movement.Reserved(journal, "", date, total.Debit, total.Cents) is { } held ? Add(held) : this;
        }
        return Add(Movement.Of(journal, "", date, total.Debit, total.Credit, total.Cents));
    }

    /// <summary>Adds entries.</summary>
    public FigureBook AddRange(IEnumerable<LedgerLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        foreach (var line in lines)
        {
            Add(line);
        }
        return this;
    }

    /// <summary>Adds one movement already typed (e.g. a transaction row of an export).</summary>
    public FigureBook Add(Movement movement)
    {
        ArgumentNullException.ThrowIfNull(movement);
        if (_movements.Count >= MaxMovements)
        {
            throw new InvalidOperationException($"A figure book holds at most {MaxMovements} movements.");
        }
        if (movement.Kind != MovementKind.None || movement.Reservation)
        {
            _movements.Add(movement);
        }
        return this;
    }

    /// <summary>The figures of the movements <paramref name="select"/> keeps, with a value date on or before <paramref name="asOf"/> (all when null).</summary>
    public Figures Where(Func<Movement, bool> select, LocalDate? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(select);
        return Figures.Of(_movements.Where(m => (asOf is not { } d || m.ValueDate <= d) && select(m)));
    }

    /// <summary>
    /// A source's budget year as booked in its own journal (the region side is not in it): all of it, or what concerns
    /// <paramref name="region"/>.
    /// </summary>
    public Figures SourceYear(string source, int year, string? region = null, LocalDate? asOf = null) =>
        Where(m => m.Source == source && m.Year == year && (region is null || m.Region == region) && IsSourceSide(m), asOf);

    /// <summary>What one source did for one region: the source's side in budget year <paramref name="year"/> (all years when null) and what arrived at the region from it.</summary>
    public Figures SourceForRegion(string source, string region, int? year = null, LocalDate? asOf = null) =>
        Where(m => m.Source == source && m.Region == region && (year is null || m.Year == year), asOf);

    /// <summary>Everything concerning a region, from every source.</summary>
    public Figures Region(string region, LocalDate? asOf = null) => Where(m => m.Region == region, asOf);

    /// <summary>An application's money (every movement its decisions booked), of one source or all.</summary>
    public Figures Application(string application, string? source = null, LocalDate? asOf = null) =>
        Where(m => m.Application == application && (source is null || m.Source == source), asOf);

    /// <summary>What arrived at a region from a source with a value date in <paramref name="year"/>, net of what it paid back.</summary>
    public long ReceivedInYear(string region, string source, int year) =>
        Where(m => m.Region == region && m.Source == source && m.ValueDate.Year == year && m.Kind is MovementKind.Arrive or MovementKind.PayBack).Received;

    /// <summary>True for a movement booked in a source's own journal.</summary>
    public static bool IsSourceSide(Movement movement)
    {
        ArgumentNullException.ThrowIfNull(movement);
        return TypedJournal.Parse(movement.Journal).Kind == JournalKind.Source;
    }

    /// <summary>
    /// An entry's legs as movements of one debit against one credit, in entry order, matched greedily: every cent of
    /// every leg is in exactly one movement (<see cref="LegPairing"/>, as the journal's running totals pair them).
    /// </summary>
    public static List<(string Debit, string Credit, long Cents)> Pair(IReadOnlyList<LedgerLeg> legs)
    {
        ArgumentNullException.ThrowIfNull(legs);
        return [.. LegPairing.Pair([.. legs.Select(l => l.Cents)]).Select(p => (legs[p.Debit].Account, legs[p.Credit].Account, p.Cents))];
    }
}
