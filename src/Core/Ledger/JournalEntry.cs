using System.Collections.Immutable;
using NodaTime;

namespace PvoFinance.Ledger;

/// <summary>
/// A committed, immutable entry of one journal. <see cref="Postings"/> change posted balances and always
/// sum to zero; <see cref="Pending"/> change reserved amounts and, per side, also balance. Each entry
/// carries the hash of the one before it, so the journal is a hash chain.
/// </summary>
/// <param name="Sequence">1-based position in the journal.</param>
/// <param name="Key">The idempotency key it was made with.</param>
/// <param name="Kind">What it does.</param>
/// <param name="ValueDate">The date it counts for.</param>
/// <param name="RecordedAt">When the ledger recorded it (from the injected clock).</param>
/// <param name="Reference">The reservation key (post/void) or the reversed entry's key (reversal); else null.</param>
/// <param name="Postings">Effects on posted balances.</param>
/// <param name="Pending">Effects on reserved amounts.</param>
/// <param name="Memo">Audit text.</param>
/// <param name="ContentHash">Hash of the command content, used to recognise a replay.</param>
/// <param name="PreviousHash">The hash of entry <c>Sequence − 1</c> (<see cref="EntryHasher.GenesisHash"/> for the first).</param>
/// <param name="Hash">This entry's hash over all fields above.</param>
public sealed record JournalEntry(
    long Sequence,
    string Key,
    EntryKind Kind,
    LocalDate ValueDate,
    Instant RecordedAt,
    string? Reference,
    ImmutableArray<Posting> Postings,
    ImmutableArray<PendingPosting> Pending,
    string? Memo,
    string ContentHash,
    string PreviousHash,
    string Hash);
