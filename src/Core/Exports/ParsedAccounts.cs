using PvoFinance.LedgerFigures;

namespace PvoFinance.Exports;

/// <summary>
/// Each formatting thread's own memory of the journals and accounts it has typed. The shared caches of
/// <see cref="TypedAccount"/> and <see cref="TypedJournal"/> are concurrent and keyed by tuples, whose hashing of both
/// strings cost more per row than anything else in building it; these are plain string-keyed dictionaries (the
/// runtime's fast ordinal hashing), one per thread, bounded.
/// </summary>
internal static class ParsedAccounts
{
    private const int Limit = 16_384;

    [ThreadStatic] private static Dictionary<string, (TypedJournal Journal, Dictionary<string, TypedAccount?> Accounts)>? _journals;
    [ThreadStatic] private static int _accounts;
    // The journal asked for last: a row asks for the same journal several times (its accounts, its kind), and the
    // reader hands over whole pages of one journal, so most look-ups are this one (by reference, without hashing).
    [ThreadStatic] private static string? _lastId;
    [ThreadStatic] private static (TypedJournal Journal, Dictionary<string, TypedAccount?> Accounts) _last;

    /// <summary>The parts of a journal id (as <see cref="TypedJournal.Parse"/>).</summary>
    public static TypedJournal Journal(string journal) => Of(journal).Journal;

    /// <summary>An account as posted in a journal (as <see cref="TypedAccount.Parse"/>).</summary>
    public static TypedAccount? Account(string journal, string account)
    {
        var accounts = Of(journal).Accounts;
        if (!accounts.TryGetValue(account, out var typed))
        {
            typed = TypedAccount.Parse(journal, account);
            if (++_accounts > Limit)
            {
                // Bounded: forget everything rather than grow (ids recur, so they are typed again soon enough).
                _journals!.Clear();
                _accounts = 0;
                _lastId = null;
                accounts = Of(journal).Accounts;
            }
            accounts[account] = typed;
        }
        return typed;
    }

    private static (TypedJournal Journal, Dictionary<string, TypedAccount?> Accounts) Of(string journal)
    {
        if (ReferenceEquals(journal, _lastId))
        {
            return _last;
        }
        var journals = _journals ??= [];
        if (!journals.TryGetValue(journal, out var entry))
        {
            if (journals.Count >= Limit)
            {
                journals.Clear();
                _accounts = 0;
            }
            entry = (TypedJournal.Parse(journal), []);
            journals[journal] = entry;
        }
        _lastId = journal;
        _last = entry;
        return entry;
    }
}
