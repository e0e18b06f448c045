namespace PvoFinance.Api.Banking;

/// <summary>A party of a payment without bank details, and where to record them.</summary>
/// <param name="Party">The party's bank-details key (<c>region.limburg</c>, <c>owner.jenv-pvo</c>, <c>intermediary.jenv-pvo</c>).</param>
/// <param name="Role"><c>creditor</c> (who receives) or <c>debtor</c> (who pays).</param>
/// <param name="Record">The call that records them (<c>PUT</c>).</param>
public sealed record MissingBankDetailsView(string Party, string Role, string Record);

/// <summary>An account of a payment as shown: holder, IBAN and its grouped form.</summary>
/// <param name="Holder">The account holder's name.</param>
/// <param name="Iban">The IBAN, electronic form.</param>
/// <param name="IbanGrouped">The IBAN in groups of four.</param>
/// <param name="Bic">The BIC, or null.</param>
public sealed record PaymentAccountView(string Holder, string Iban, string IbanGrouped, string? Bic);

/// <summary>One item that is due to be paid.</summary>
/// <param name="Item">The item key (what a batch reserves): <c>advance:&lt;application&gt;:&lt;n&gt;</c>, <c>payment:&lt;application&gt;:&lt;paid&gt;</c>, <c>commitment:&lt;source&gt;:&lt;region&gt;:&lt;year&gt;:&lt;paid&gt;</c>.</param>
/// <param name="Kind"><c>advance</c>, <c>payment</c> (after the determination) or <c>commitment</c> (a source's commitment to a region).</param>
/// <param name="Description">What is paid, in words.</param>
/// <param name="Due">(yyyy-MM-dd) The first day it may be paid (an advance), the last day to pay (a payment after determination), or the budget year's first day (a commitment).</param>
/// <param name="Amount">The amount, exact.</param>
/// <param name="Cents">The amount in cents.</param>
/// <param name="Region">The region paid.</param>
/// <param name="Payer">Who pays (the fund owner's scope).</param>
/// <param name="Application">The application, for an advance or a payment.</param>
/// <param name="Source">The funding source.</param>
/// <param name="Creditor">The receiving account, or null when missing.</param>
/// <param name="Debtor">The paying account (the source owner's or its intermediary's), or null when missing.</param>
/// <param name="MissingBankDetails">Why it cannot be put in a batch yet, or null.</param>
/// <param name="Missing">Which bank details are missing and where to record them.</param>
/// <param name="InBatch">The open batch holding it, or null.</param>
/// <param name="MayPay">True when the caller may put it in a batch (a treasurer whose reach covers the payer).</param>
public sealed record PaymentCandidateView(string Item, string Kind, string Description, string Due, string Amount, long Cents, string Region, string Payer,
    string? Application, string Source, PaymentAccountView? Creditor, PaymentAccountView? Debtor, string? MissingBankDetails,
    IReadOnlyList<MissingBankDetailsView> Missing, long? InBatch, bool MayPay);

/// <summary>The answer of <c>GET /api/bank/payment-candidates</c>.</summary>
/// <param name="DueBy">The date asked for.</param>
/// <param name="Today">The Amsterdam date today.</param>
/// <param name="Count">How many items.</param>
/// <param name="Payable">How many can go into a batch now (bank details known, not in a batch, the caller may pay).</param>
/// <param name="PayableTotal">Their sum.</param>
/// <param name="Items">The items, by due date and item key.</param>
/// <param name="Truncated">True when more applications or rows existed than one answer reads (<see cref="PaymentCandidates"/>).</param>
public sealed record PaymentCandidatesView(string DueBy, string Today, int Count, int Payable, string PayableTotal, IReadOnlyList<PaymentCandidateView> Items, bool Truncated);

/// <summary>One payment of a batch as shown.</summary>
/// <param name="Line">The line number.</param>
/// <param name="EndToEndId">The reference the bank returns on the statement.</param>
/// <param name="Item">The item key it pays.</param>
/// <param name="Kind"><c>advance</c>, <c>payment</c> or <c>commitment</c>.</param>
/// <param name="Amount">The amount, exact.</param>
/// <param name="Cents">The amount in cents.</param>
/// <param name="Creditor">Who receives.</param>
/// <param name="Debtor">Who pays.</param>
/// <param name="Remittance">The remittance text.</param>
/// <param name="Confirmed">True once the bank statement confirmed it (then it is booked).</param>
/// <param name="BankReference">The bank's entry reference that confirmed it.</param>
/// <param name="BookingDate">The booking date on the statement.</param>
public sealed record PaymentBatchLineView(int Line, string EndToEndId, string Item, string Kind, string Amount, long Cents, PaymentAccountView Creditor, PaymentAccountView Debtor,
    string? Remittance, bool Confirmed, string? BankReference, string? BookingDate);

/// <summary>A payment batch as shown.</summary>
/// <param name="Number">The batch number.</param>
/// <param name="MessageId">The file's <c>MsgId</c> (<c>PVO0000042</c>).</param>
/// <param name="State"><c>open</c>, <c>partly-confirmed</c>, <c>confirmed</c> or <c>cancelled</c>.</param>
/// <param name="CreatedAt">When the file was made (UTC, ISO 8601).</param>
/// <param name="ExecutionDate">The requested execution date (yyyy-MM-dd).</param>
/// <param name="NbOfTxs">How many payments (the file's <c>NbOfTxs</c>).</param>
/// <param name="CtrlSum">Their sum (the file's <c>CtrlSum</c>).</param>
/// <param name="CtrlSumCents">Their sum in cents.</param>
/// <param name="Confirmed">How many the bank has confirmed.</param>
/// <param name="File">Where to download the pain.001 file.</param>
/// <param name="FileName">The file's name.</param>
/// <param name="Lines">The payments (empty in a list).</param>
public sealed record PaymentBatchView(long Number, string MessageId, string State, string CreatedAt, string ExecutionDate, int NbOfTxs, string CtrlSum, long CtrlSumCents,
    int Confirmed, string File, string FileName, IReadOnlyList<PaymentBatchLineView> Lines);

/// <summary>A page of <c>GET /api/bank/payment-batches</c>, newest first.</summary>
/// <param name="Count">How many batches on this page.</param>
/// <param name="Batches">The batches, without their lines.</param>
/// <param name="Next">The <c>before</c> value that reads the next page; null on the last page.</param>
public sealed record PaymentBatchListView(int Count, IReadOnlyList<PaymentBatchView> Batches, long? Next);

/// <summary>The body of <c>POST /api/bank/payment-batches</c>.</summary>
/// <param name="ExecutionDate">The requested execution date (yyyy-MM-dd), today or later.</param>
/// <param name="Items">The item keys to pay (from <c>GET /api/bank/payment-candidates</c>); or leave out and give <paramref name="DueBy"/>.</param>
/// <param name="DueBy">Pay every item due by this date that can be paid (bank details known, not in a batch, in the caller's reach).</param>
public sealed record PaymentBatchBody(string? ExecutionDate = null, IReadOnlyList<string>? Items = null, string? DueBy = null);
