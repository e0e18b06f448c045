namespace PvoFinance.Ledger;

/// <summary>The outcome of checking a journal's hash chain.</summary>
/// <param name="Intact">True when every entry checked out.</param>
/// <param name="EntriesChecked">How many entries were read.</param>
/// <param name="FirstBrokenSequence">The first entry that fails, or null.</param>
/// <param name="Reason">Why it fails, or null.</param>
/// <param name="HeadHash">The hash of the last intact entry.</param>
public sealed record ChainReport(bool Intact, long EntriesChecked, long? FirstBrokenSequence, string? Reason, string HeadHash);

/// <summary>Recomputes a journal's hash chain from its entries and reports the first break.</summary>
public static class ChainVerifier
{
    /// <summary>Checks sequence, link, hash and balance of every entry, in order.</summary>
    public static ChainReport Verify(IEnumerable<JournalEntry> entries)
    {
        var head = EntryHasher.GenesisHash;
        long expected = 1, count = 0;
        foreach (var e in entries)
        {
            count++;
            string? reason = null;
            if (e.Sequence != expected)
            {
                reason = $"expected sequence {expected}, found {e.Sequence}";
            }
            else if (e.PreviousHash != head)
            {
                reason = "its previous-hash does not match the entry before it";
            }
            else if (EntryHasher.EntryHash(e) != e.Hash)
            {
                reason = "its content does not match its hash (altered after it was written)";
            }
            else if (e.Postings.Sum(p => p.Amount.Cents) != 0 || e.Pending.Sum(p => p.Amount.Cents) != 0)
            {
                reason = "its postings do not sum to zero";
            }
            if (reason is not null)
            {
                // Report the position in the chain, not the entry's own Sequence field: that field is part of what
                // may have been altered (or the entry at this position may be missing), so trusting it would point
                // the auditor at a different, intact entry. Before the break, position and Sequence are equal.
                return new ChainReport(false, count, expected, $"Entry {expected}: {reason}.", head);
            }
            head = e.Hash;
            expected++;
        }
        return new ChainReport(true, count, null, null, head);
    }
}
