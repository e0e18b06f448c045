using PvoFinance.Grains.Contracts;
using PvoFinance.Ledger;
using PvoFinance.LedgerFigures;

namespace PvoFinance.Grains.LedgerFigures;

/// <summary>
/// The figures of journals from the running totals each ledger grain keeps in memory (<see cref="ILedgerGrain.GetMovementTotals"/>):
/// one call per journal, all at once, no entry read — what every request path's figures come from.
/// </summary>
public static class JournalTotals
{
    /// <summary>Most journals one read asks (a bound on the calls one request makes).</summary>
    public const int MaxJournals = 1_000;

    /// <summary>The figures over the running totals of <paramref name="journals"/>.</summary>
    public static async Task<FigureTotals> ReadAsync(IGrainFactory grains, IEnumerable<string> journals)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(journals);
        var ids = journals.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count > MaxJournals)
        {
            throw new ArgumentException($"At most {MaxJournals} journals per read; {ids.Count} were asked.", nameof(journals));
        }
        var read = await Task.WhenAll(ids.Select(id => grains.GetGrain<ILedgerGrain>(id).GetMovementTotals()));
        var figures = new FigureTotals();
        for (var i = 0; i < ids.Count; i++)
        {
            figures.Add(ids[i], read[i].Select(t => new MovementTotal(t.Debit, t.Credit, t.ValueYear, t.Cents)));
        }
        return figures;
    }
}
