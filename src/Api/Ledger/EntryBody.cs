namespace PvoFinance.Api.Ledger;

/// <summary>One leg in a request body. <c>amount</c> is an exact decimal string: "-1234.50" credits, "1234.50" debits.</summary>
public sealed record PostingBody(string? Account, string? Amount);

/// <summary>
/// The body of <c>POST /api/ledger/journals/{journalId}/entries</c>. <c>kind</c> is one of post, reserve,
/// post-reservation, void-reservation, reverse. The idempotency key comes from <c>key</c> or the
/// <c>Idempotency-Key</c> header.
/// </summary>
public sealed record EntryBody(
    string? Kind,
    string? Key,
    string? ValueDate,
    IReadOnlyList<PostingBody>? Postings,
    string? ReservationKey,
    string? EntryKey,
    string? Amount,
    string? Memo);

/// <summary>The body of <c>POST /api/ledger/transfers/{transferId}</c>; <c>amount</c> is a positive exact decimal string.</summary>
public sealed record TransferBody(
    string? FromJournal,
    string? DebitAccount,
    string? ToJournal,
    string? CreditAccount,
    string? Amount,
    string? ValueDate,
    string? Memo);
