namespace PvoFinance.Ledger;

/// <summary>
/// How an entry's legs become movements of one debit against one credit: in entry order, matched greedily, so every
/// cent of every leg is in exactly one movement. One definition, used by the journal's running totals and by the
/// figures module over entries read back, so both split an entry the same way.
/// </summary>
public static class LegPairing
{
    /// <summary>
    /// The movements of legs with these signed amounts (positive: debit, negative: credit) as (debit index, credit
    /// index, cents &gt; 0); zero legs take part in none. Throws when the debits and credits do not add up.
    /// </summary>
    public static List<(int Debit, int Credit, long Cents)> Pair(IReadOnlyList<long> cents)
    {
        ArgumentNullException.ThrowIfNull(cents);
        var debits = new List<int>();
        var credits = new List<int>();
        for (var i = 0; i < cents.Count; i++)
        {
            if (cents[i] > 0)
            {
                debits.Add(i);
            }
            else if (cents[i] < 0)
            {
                credits.Add(i);
            }
        }
        var pairs = new List<(int, int, long)>(Math.Max(debits.Count, credits.Count));
        int d = 0, c = 0;
        long dLeft = debits.Count > 0 ? cents[debits[0]] : 0, cLeft = credits.Count > 0 ? -cents[credits[0]] : 0;
        while (d < debits.Count && c < credits.Count)
        {
            var amount = Math.Min(dLeft, cLeft);
            pairs.Add((debits[d], credits[c], amount));
            dLeft -= amount;
            cLeft -= amount;
            if (dLeft == 0 && ++d < debits.Count)
            {
                dLeft = cents[debits[d]];
            }
            if (cLeft == 0 && ++c < credits.Count)
            {
                cLeft = -cents[credits[c]];
            }
        }
        if (d < debits.Count || c < credits.Count)
        {
            throw new InvalidOperationException("Invariant broken: an entry's debits and credits do not add up.");
        }
        return pairs;
    }
}
