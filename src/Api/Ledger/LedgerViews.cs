using PvoFinance.Grains.Contracts;

namespace PvoFinance.Api.Ledger;

/// <summary>A leg as returned over HTTP, amount as exact decimal text.</summary>
public sealed record PostingView(string Account, string Amount);

/// <summary>A pending change as returned over HTTP.</summary>
public sealed record PendingView(string Account, string Amount, bool Release);

/// <summary>An entry as returned over HTTP.</summary>
public sealed record EntryView(
    string JournalId, long Sequence, string Key, string Kind, string ValueDate, string RecordedAt, string? Reference,
    IReadOnlyList<PostingView> Postings, IReadOnlyList<PendingView> Pending, string? Memo, string PreviousHash, string Hash);

/// <summary>The answer to an entry request: <c>status</c> is committed or replayed.</summary>
public sealed record EntryResultView(string Status, EntryView Entry);

/// <summary>An account balance as returned over HTTP.</summary>
public sealed record BalanceView(string Account, string Type, string DebitsPosted, string CreditsPosted, string DebitsPending, string CreditsPending, string Balance, string Available);

/// <summary>The answer to a transfer request.</summary>
public sealed record TransferView(string TransferId, string Status, long? SourceSequence, long? DestinationSequence);

/// <summary>Maps grain records to HTTP views.</summary>
public static class LedgerViews
{
    /// <summary>Formats cents as exact decimal text.</summary>
    public static string Amount(long cents) => new Money(cents).ToString();

    /// <summary>An entry view.</summary>
    public static EntryView From(EntryDto e) => new(
        e.JournalId, e.Sequence, e.Key, e.Kind, e.ValueDate, e.RecordedAt, e.Reference,
        [.. e.Postings.Select(p => new PostingView(p.Account, Amount(p.Cents)))],
        [.. e.Pending.Select(p => new PendingView(p.Account, Amount(p.Cents), p.Release))],
        e.Memo, e.PreviousHash, e.Hash);

    /// <summary>A balance view.</summary>
    public static BalanceView From(BalanceDto b) => new(
        b.Account, b.Type, Amount(b.DebitsPosted), Amount(b.CreditsPosted), Amount(b.DebitsPending), Amount(b.CreditsPending),
        Amount(b.PostedBalance), Amount(b.Available));
}
