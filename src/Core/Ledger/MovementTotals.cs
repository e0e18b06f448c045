using NodaTime;

namespace PvoFinance.Ledger;

/// <summary>
/// A journal's running totals per movement (debit account, credit account, value year) and per held reservation
/// (account, value year): what the figures module needs to compute every figure of the journal without reading one
/// entry. Folded as each entry is applied and kept in the journal's snapshot. Their number is bounded by the pairs of
/// accounts the journal's entries use (at most <see cref="LedgerLimits.MaxMovementTotalsPerJournal"/>, checked
/// before an entry is accepted), never by how many entries there are.
/// </summary>
public sealed class MovementTotals
{
    private readonly Dictionary<(string Debit, string? Credit, int Year), long> _totals = [];

    /// <summary>How many totals are held.</summary>
    public int Count => _totals.Count;

    /// <summary>The totals, in a stable order (debit, credit, year).</summary>
    public IReadOnlyList<MovementTotal> ToList() =>
    [
        .. _totals.OrderBy(t => t.Key.Debit, StringComparer.Ordinal).ThenBy(t => t.Key.Credit ?? "", StringComparer.Ordinal).ThenBy(t => t.Key.Year)
            .Select(t => new MovementTotal(t.Key.Debit, t.Key.Credit, t.Key.Year, t.Value)),
    ];

    /// <summary>Totals read back from a snapshot.</summary>
    public static MovementTotals From(IEnumerable<MovementTotal> totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var t = new MovementTotals();
        foreach (var total in totals)
        {
            t.Add((total.Debit, total.Credit, total.ValueYear), total.Cents);
        }
        return t;
    }

    /// <summary>An independent copy (e.g. to take entries not yet durable out again).</summary>
    public MovementTotals Copy()
    {
        var t = new MovementTotals();
        foreach (var (key, cents) in _totals)
        {
            t._totals[key] = cents;
        }
        return t;
    }

    /// <summary>Adds <paramref name="entry"/>'s movements (<paramref name="sign"/> −1 takes them out again).</summary>
    public void Fold(JournalEntry entry, int sign = 1)
    {
        ArgumentNullException.ThrowIfNull(entry);
        foreach (var (debit, credit, cents) in Contributions(entry.Postings, entry.Pending))
        {
            Add((debit, credit, entry.ValueDate.Year), checked(sign * cents));
        }
    }

    /// <summary>How many totals an entry with these legs would add that are not held yet.</summary>
    public int NewTotals(IReadOnlyList<Posting> postings, IReadOnlyList<PendingPosting> pending, LocalDate valueDate)
    {
        var added = new HashSet<(string, string?, int)>();
        foreach (var (debit, credit, _) in Contributions(postings, pending))
        {
            var key = (debit, credit, valueDate.Year);
            if (!_totals.ContainsKey(key))
            {
                added.Add(key);
            }
        }
        return added.Count;
    }

    /// <summary>
    /// What legs add to the totals: each posted movement (debit, credit, cents) as <see cref="LegPairing"/> pairs
    /// them, and each pending debit leg (account, null, cents held; negative when a post or void releases it).
    /// </summary>
    public static IEnumerable<(string Debit, string? Credit, long Cents)> Contributions(IReadOnlyList<Posting> postings, IReadOnlyList<PendingPosting> pending)
    {
        ArgumentNullException.ThrowIfNull(postings);
        ArgumentNullException.ThrowIfNull(pending);
        var cents = new long[postings.Count];
        for (var i = 0; i < cents.Length; i++)
        {
            cents[i] = postings[i].Amount.Cents;
        }
        foreach (var (d, c, amount) in LegPairing.Pair(cents))
        {
            yield return (postings[d].Account.Value, postings[c].Account.Value, amount);
        }
        foreach (var p in pending)
        {
            if (p.Amount.Cents > 0)
            {
                yield return (p.Account.Value, null, p.Release ? -p.Amount.Cents : p.Amount.Cents);
            }
        }
    }

    private void Add((string, string?, int) key, long cents)
    {
        var total = checked(_totals.GetValueOrDefault(key) + cents);
        if (total == 0)
        {
            _totals.Remove(key);
        }
        else
        {
            _totals[key] = total;
        }
    }
}
