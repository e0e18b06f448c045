namespace PvoFinance.Api.Ledger;

/// <summary>One leg in a request body. <c>amount</c> is an exact decimal string: "-1234.50" credits, "1234.50" debits.</summary>
public sealed record PostingBody(string Account, string Amount);

/// <summary>
/// The body of <c>POST /api/ledger/journals/{journalId}/entries</c>. <c>kind</c> is one of post, reserve,
/// post-reservation, void-reservation, reverse. The idempotency key comes from <c>key</c> or the
/// <c>Idempotency-Key</c> header.
/// </summary>
/// <remarks><c>kind</c> and <c>valueDate</c> are required; which of the others are needed depends on the kind.</remarks>
public sealed record EntryBody(
    string Kind,
    string ValueDate,
    string? Key = null,
    IReadOnlyList<PostingBody>? Postings = null,
    string? ReservationKey = null,
    string? EntryKey = null,
    string? Amount = null,
    string? Memo = null);

/// <summary>The body of <c>POST /api/ledger/transfers/{transferId}</c>; <c>amount</c> is a positive exact decimal string.</summary>
public sealed record TransferBody(
    string FromJournal,
    string DebitAccount,
    string ToJournal,
    string CreditAccount,
    string Amount,
    string ValueDate,
    string? Memo = null);
