using PvoFinance.Storage;

namespace PvoFinance.Grains.Banking;

/// <summary>What an import, a read or a treasurer's decision on a line answers: the statement, or why not.</summary>
/// <param name="Header">The statement's header, or null when refused.</param>
/// <param name="Lines">Its lines with their verdicts.</param>
/// <param name="Created">True when this call imported it (201), false when it was imported before (200).</param>
/// <param name="Location">On a refused file: the entry or line at fault, or null for the whole file.</param>
/// <param name="Field">The field at fault.</param>
/// <param name="Reason">Why, in the treasurer's words.</param>
/// <param name="Status">The refusal's HTTP status (400 bad file, 404, 409 conflict with the line's state, 422 refused by a rule).</param>
[GenerateSerializer, Immutable]
public sealed record StatementReply(
    [property: Id(0)] StatementHeaderRow? Header,
    [property: Id(1)] IReadOnlyList<StatementLineRow> Lines,
    [property: Id(2)] bool Created = false,
    [property: Id(3)] string? Location = null,
    [property: Id(4)] string? Field = null,
    [property: Id(5)] string? Reason = null,
    [property: Id(6)] int Status = 200)
{
    /// <summary>A refusal.</summary>
    public static StatementReply Refused(int status, string field, string reason, string? location = null) =>
        new(null, [], false, location, field, reason, status);
}

/// <summary>An open receivable a treasurer can assign a credit to: a levy invoice still owed.</summary>
/// <param name="Id"><c>source/year/GMxxxx</c>.</param>
/// <param name="Name">The municipality's name.</param>
/// <param name="SourceId">The levy source.</param>
/// <param name="Year">The invoiced year.</param>
/// <param name="Reference">The creditor reference on the invoice.</param>
/// <param name="OutstandingCents">What is still owed.</param>
[GenerateSerializer, Immutable]
public sealed record OpenReceivableDto(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string SourceId,
    [property: Id(3)] int Year,
    [property: Id(4)] string Reference,
    [property: Id(5)] long OutstandingCents);

/// <summary>The reconciliation of an account on a date.</summary>
/// <param name="Account">The IBAN.</param>
/// <param name="Date">The date asked, ISO.</param>
/// <param name="StatementId">The last statement up to the date, or null when none.</param>
/// <param name="StatementDate">Its closing date, or null.</param>
/// <param name="LedgerCents">The ledger's figure.</param>
/// <param name="StatementCents">The statement's closing balance (0 without a statement).</param>
/// <param name="UnbookedCents">The signed sum of lines not booked.</param>
/// <param name="UnbookedLines">How many lines are not booked.</param>
/// <param name="BroughtForwardCents">The first statement's opening balance.</param>
/// <param name="CashCents">The cash the ledger holds for the account's sources.</param>
/// <param name="PaidOutCents">The batch payments the bank confirmed from the account.</param>
/// <param name="Sources">The sources whose cash counts.</param>
[GenerateSerializer, Immutable]
public sealed record ReconciliationDto(
    [property: Id(0)] string Account,
    [property: Id(1)] string Date,
    [property: Id(2)] string? StatementId,
    [property: Id(3)] string? StatementDate,
    [property: Id(4)] long LedgerCents,
    [property: Id(5)] long StatementCents,
    [property: Id(6)] long UnbookedCents,
    [property: Id(7)] int UnbookedLines,
    [property: Id(8)] long BroughtForwardCents,
    [property: Id(9)] long CashCents,
    [property: Id(10)] long PaidOutCents,
    [property: Id(11)] IReadOnlyList<string> Sources);
