using PvoFinance.Api.Ledger;
using PvoFinance.Banking;
using PvoFinance.Grains.Banking;
using PvoFinance.Storage;

namespace PvoFinance.Api.Banking;

/// <summary>How many lines of a statement have each verdict.</summary>
/// <param name="Matched">Booked (certain on import, or confirmed or assigned by a treasurer).</param>
/// <param name="Proposed">Waiting for a treasurer to confirm the proposed receivable.</param>
/// <param name="Unmatched">Waiting for a treasurer to assign them.</param>
public sealed record StatementCounts(int Matched, int Proposed, int Unmatched);

/// <summary>An imported statement as the API shows it.</summary>
/// <param name="StatementId">Its id: IBAN, closing date and a hash of its content (the same statement always has the same id).</param>
/// <param name="Account">The IBAN.</param>
/// <param name="AccountGrouped">The IBAN in groups of four.</param>
/// <param name="Reference">The bank's statement id.</param>
/// <param name="Format"><c>camt.053</c> or <c>MT940</c>.</param>
/// <param name="OpeningDate">The opening balance's date.</param>
/// <param name="Opening">The opening balance.</param>
/// <param name="ClosingDate">The closing balance's date.</param>
/// <param name="Closing">The closing balance.</param>
/// <param name="Complete">False while an import is under way or stopped half-way (import the file again to finish it).</param>
/// <param name="ImportedBy">Who imported it first.</param>
/// <param name="Lines">How many lines.</param>
/// <param name="Counts">Lines per verdict.</param>
/// <param name="Booked">Lines booked in the ledger.</param>
/// <param name="Overpaid">What was paid above what was owed: booked as owed back (refund), never income.</param>
/// <param name="Unbooked">The signed sum of the lines not booked.</param>
public sealed record StatementSummaryView(string StatementId, string Account, string AccountGrouped, string Reference, string Format, string OpeningDate, string Opening,
    string ClosingDate, string Closing, bool Complete, string ImportedBy, int Lines, StatementCounts Counts, int Booked, string Overpaid, string Unbooked);

/// <summary>One statement line with its verdict.</summary>
/// <param name="Number">Its number in the statement, from 1.</param>
/// <param name="Direction"><c>credit</c> (money in) or <c>debit</c> (money out).</param>
/// <param name="Amount">The amount, positive.</param>
/// <param name="BookingDate">The bank's booking date.</param>
/// <param name="BankReference">The bank's own entry reference, or null.</param>
/// <param name="EndToEndId">The end-to-end reference, or null.</param>
/// <param name="Counterparty">The payer or payee as the bank names them, or null.</param>
/// <param name="CounterpartyIban">Their IBAN, or null.</param>
/// <param name="CreditorReference">The structured creditor reference (RF…), or null.</param>
/// <param name="Remittance">The free text, or null.</param>
/// <param name="State"><c>matched</c>, <c>proposed</c> or <c>unmatched</c>.</param>
/// <param name="Target">The receivable (<c>source/year/GMxxxx</c>) or batch payment (EndToEndId) it pays or is proposed for.</param>
/// <param name="Applied">The part that pays the target.</param>
/// <param name="Overpaid">The part above what was owed (booked as owed back).</param>
/// <param name="Reason">Why this verdict.</param>
/// <param name="Booked">True when in the ledger.</param>
/// <param name="DecidedBy"><c>import</c>, <c>confirmed</c> or <c>assigned</c>; null while open.</param>
public sealed record StatementLineView(int Number, string Direction, string Amount, string BookingDate, string? BankReference, string? EndToEndId,
    string? Counterparty, string? CounterpartyIban, string? CreditorReference, string? Remittance, string State, string? Target, string Applied,
    string Overpaid, string Reason, bool Booked, string? DecidedBy);

/// <summary>An open receivable a credit can be assigned to.</summary>
/// <param name="Id"><c>source/year/GMxxxx</c>: the value of <c>receivable</c> in an assign.</param>
/// <param name="Name">The municipality.</param>
/// <param name="SourceId">The levy source.</param>
/// <param name="Year">The year invoiced.</param>
/// <param name="CreditorReference">The reference on its invoice.</param>
/// <param name="Outstanding">What is still owed.</param>
public sealed record OpenReceivableView(string Id, string Name, string SourceId, int Year, string CreditorReference, string Outstanding);

/// <summary>A statement with its lines (and, when asked, the receivables its credits can be assigned to).</summary>
/// <param name="Statement">The statement.</param>
/// <param name="Lines">Its lines in the bank's order.</param>
/// <param name="Receivables">The open receivables of the account, on a single statement's read; null elsewhere.</param>
public sealed record StatementView(StatementSummaryView Statement, IReadOnlyList<StatementLineView> Lines, IReadOnlyList<OpenReceivableView>? Receivables);

/// <summary>A page of statements.</summary>
/// <param name="Items">The statements, by account and closing date.</param>
/// <param name="Next">The <c>after</c> of the next page, or null at the end.</param>
public sealed record StatementPageView(IReadOnlyList<StatementSummaryView> Items, string? Next);

/// <summary>The reconciliation figure of one account on one date.</summary>
/// <param name="Account">The IBAN.</param>
/// <param name="Date">The date asked.</param>
/// <param name="StatementId">The last statement up to that date, or null.</param>
/// <param name="StatementDate">Its closing date, or null.</param>
/// <param name="Ledger">The ledger's figure: brought forward + cash − paid out.</param>
/// <param name="Statement">The statement's closing balance.</param>
/// <param name="Difference">Statement − ledger.</param>
/// <param name="Unmatched">The signed sum of the statements' lines not booked (proposed and unmatched).</param>
/// <param name="UnmatchedLines">How many lines are not booked.</param>
/// <param name="Unexplained">Difference − unmatched: zero when the account reconciles.</param>
/// <param name="Reconciles">True when the difference is exactly the lines not booked.</param>
/// <param name="BroughtForward">The first statement's opening balance.</param>
/// <param name="Cash">The cash the ledger holds for the account's sources.</param>
/// <param name="PaidOut">The batch payments the bank confirmed from the account.</param>
/// <param name="Sources">The funding sources whose money the account keeps.</param>
public sealed record ReconciliationView(string Account, string Date, string? StatementId, string? StatementDate, string Ledger, string Statement, string Difference,
    string Unmatched, int UnmatchedLines, string Unexplained, bool Reconciles, string BroughtForward, string Cash, string PaidOut, IReadOnlyList<string> Sources);

/// <summary>The body of an assign: the receivable the credit pays.</summary>
/// <param name="Receivable">An open receivable's id, <c>source/year/GMxxxx</c> (see the statement's <c>receivables</c>).</param>
public sealed record StatementAssignBody(string? Receivable);

/// <summary>Turns the grain's rows into views.</summary>
public static class StatementViews
{
    /// <summary>The summary of a header and its lines.</summary>
    public static StatementSummaryView Summary(StatementHeaderRow h, IReadOnlyList<StatementLineRow> lines) => new(
        h.Id, h.Account, Iban.Parse(h.Account).Grouped, h.Reference, h.Format, h.OpeningDate, LedgerViews.Amount(h.OpeningCents), h.ClosingDate,
        LedgerViews.Amount(h.ClosingCents), h.Complete, h.ImportedBy, h.Lines,
        new StatementCounts(lines.Count(l => l.State == "matched"), lines.Count(l => l.State == "proposed"), lines.Count(l => l.State == "unmatched")),
        lines.Count(l => l.Booked), LedgerViews.Amount(lines.Where(l => l.Booked).Sum(l => l.ExcessCents)),
        LedgerViews.Amount(lines.Where(l => !l.Booked).Sum(l => l.Direction == "credit" ? l.Cents : -l.Cents)));

    /// <summary>A line.</summary>
    public static StatementLineView Line(StatementLineRow l) => new(l.Number, l.Direction, LedgerViews.Amount(l.Cents), l.BookingDate, l.BankReference,
        l.EndToEndId, l.CounterpartyName, l.CounterpartyIban, l.CreditorReference, l.Remittance, l.State, l.Target, LedgerViews.Amount(l.AppliedCents),
        LedgerViews.Amount(l.ExcessCents), l.Reason, l.Booked, l.DecidedBy);

    /// <summary>A statement with its lines.</summary>
    public static StatementView From(StatementReply reply, IReadOnlyList<OpenReceivableDto>? receivables) => new(
        Summary(reply.Header!, reply.Lines), [.. reply.Lines.Select(Line)],
        receivables?.Select(r => new OpenReceivableView(r.Id, r.Name, r.SourceId, r.Year, r.Reference, LedgerViews.Amount(r.OutstandingCents))).ToList());

    /// <summary>A reconciliation.</summary>
    public static ReconciliationView From(ReconciliationDto r)
    {
        var figure = new ReconciliationFigure(new Money(r.LedgerCents), new Money(r.StatementCents), new Money(r.UnbookedCents));
        return new(r.Account, r.Date, r.StatementId, r.StatementDate, figure.Ledger.ToString(), figure.Statement.ToString(), figure.Difference.ToString(),
            figure.Unbooked.ToString(), r.UnbookedLines, figure.Unexplained.ToString(), figure.Reconciles, LedgerViews.Amount(r.BroughtForwardCents),
            LedgerViews.Amount(r.CashCents), LedgerViews.Amount(r.PaidOutCents), r.Sources);
    }
}
