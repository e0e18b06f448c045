using NodaTime;

namespace PvoFinance.Ledger;

/// <summary>Read-side questions answered from a journal's entries.</summary>
public static class LedgerQueries
{
    /// <summary>
    /// Balances as they stood: entries with a value date on or before <paramref name="asOf"/> and, when
    /// <paramref name="knownAt"/> is given, recorded no later than that instant — "what did the ledger say then".
    /// </summary>
    public static IReadOnlyList<AccountBalance> BalancesAsOf(IEnumerable<JournalEntry> entries, LocalDate asOf, Instant? knownAt = null)
    {
        var balances = new Dictionary<AccountId, AccountBalance>();
        foreach (var e in entries)
        {
            if (e.ValueDate > asOf || (knownAt is { } k && e.RecordedAt > k))
            {
                continue;
            }
            foreach (var p in e.Postings)
            {
                balances[p.Account] = (balances.GetValueOrDefault(p.Account) ?? AccountBalance.Empty(p.Account)).With(p);
            }
            foreach (var p in e.Pending)
            {
                balances[p.Account] = (balances.GetValueOrDefault(p.Account) ?? AccountBalance.Empty(p.Account)).With(p);
            }
        }
        return [.. balances.Values.OrderBy(b => b.Account.Value, StringComparer.Ordinal)];
    }
}
