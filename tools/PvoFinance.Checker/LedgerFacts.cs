namespace PvoFinance.Checker;

/// <summary>One account's four totals in a journal, in cents.</summary>
/// <param name="Account">The account id, e.g. <c>budget:jenv-pvo:2026</c>.</param>
/// <param name="DebitsPosted">Posted debits.</param>
/// <param name="CreditsPosted">Posted credits.</param>
/// <param name="DebitsPending">Reserved debits.</param>
/// <param name="CreditsPending">Reserved credits.</param>
public sealed record AccountTotals(string Account, long DebitsPosted, long CreditsPosted, long DebitsPending, long CreditsPending)
{
    /// <summary>The account kind: the text before the first ':'.</summary>
    public string Kind => Account.Split(':', 2)[0];

    /// <summary>Posted debits minus posted credits.</summary>
    public long Balance => DebitsPosted - CreditsPosted;
}

/// <summary>What a journal's chain check said.</summary>
/// <param name="Intact">True when every link, hash, sequence and balance recomputes.</param>
/// <param name="EntriesChecked">How many entries were read.</param>
/// <param name="FirstBrokenSequence">The first entry that does not, if any.</param>
/// <param name="Reason">Why, if broken.</param>
public sealed record ChainFacts(bool Intact, long EntriesChecked, long? FirstBrokenSequence, string? Reason);

/// <summary>One committed entry, as far as the checker needs it.</summary>
/// <param name="Sequence">Its sequence in the journal.</param>
/// <param name="Key">Its idempotency key.</param>
/// <param name="Kind">Posted, Reserve, PostReservation, VoidReservation or Reversal.</param>
/// <param name="Line">The whole entry (legs, reserved legs, value date) for the figures check, when the source reads it.</param>
public sealed record EntryFacts(long Sequence, string Key, string Kind, PvoFinance.Exports.LedgerLine? Line = null);

/// <summary>A transfer's recorded outcome.</summary>
/// <param name="Status">completed or rejected.</param>
/// <param name="SourceSequence">The entry in the source journal that finished it (post or void), if any.</param>
/// <param name="DestinationSequence">The entry in the destination journal, if any.</param>
public sealed record TransferFacts(string Status, long? SourceSequence, long? DestinationSequence);

/// <summary>One budget year of a funding source, in cents, as the source reports it from the ledger.</summary>
/// <param name="SourceId">The funding source.</param>
/// <param name="Year">The budget year.</param>
/// <param name="Ceiling">The ceiling (what was appropriated, or what came in).</param>
/// <param name="Committed">Committed so far.</param>
/// <param name="Available">What is left under the ceiling.</param>
/// <param name="Figures">The other figures the source serves for the year, when the source reads them.</param>
public sealed record FundYearFacts(string SourceId, int Year, long Ceiling, long Committed, long Available, ServedYearFigures? Figures = null);

/// <summary>The figures a funding source serves for a budget year (<c>GET /api/funding-sources/{id}</c>), in cents.</summary>
/// <param name="Paid">Paid, net of reclaims received back.</param>
/// <param name="Released">Released unpaid.</param>
/// <param name="Open">Still committed.</param>
/// <param name="Payable">Determined, still to pay.</param>
/// <param name="ToReclaim">Reclaims not yet received.</param>
/// <param name="Reclaimed">Reclaims received.</param>
/// <param name="Receivable">Everything still owed to the source.</param>
/// <param name="Invoiced">Invoices and charges raised.</param>
/// <param name="Received">Money received into the source's cash.</param>
public sealed record ServedYearFigures(long Paid, long Released, long Open, long Payable, long ToReclaim, long Reclaimed, long Receivable, long Invoiced, long Received);

/// <summary>One row of a region's funding (<c>GET /api/regions/{id}/funding?year=</c>) from a national or provincial fund, in cents.</summary>
/// <param name="Region">The region.</param>
/// <param name="Year">The year asked for.</param>
/// <param name="SourceId">The fund.</param>
/// <param name="Committed">Committed to the region in the fund's year.</param>
/// <param name="Released">Released unpaid.</param>
/// <param name="Paid">Paid, net of reclaims received back.</param>
/// <param name="Received">Arrived at the region with a value date in the year, net of what it paid back.</param>
/// <param name="Receivable">Still to come: open commitments and payables.</param>
/// <param name="ToRepay">Reclaims the region still owes.</param>
public sealed record RegionFundingFacts(string Region, int Year, string SourceId, long Committed, long Released, long Paid, long Received, long Receivable, long ToRepay);

/// <summary>An application's own check of its figures against its decisions.</summary>
/// <param name="Id">The application.</param>
/// <param name="MatchesDecisions">True when the ledger figures equal what the decisions imply.</param>
/// <param name="Figures">The figures as text, for the report.</param>
public sealed record ApplicationFacts(string Id, bool MatchesDecisions, string Figures);

/// <summary>What verifying the national transactions export against the ledger said.</summary>
/// <param name="Matches">True when the file equals the regenerated export and every account reconciles.</param>
/// <param name="Rows">Rows in the file.</param>
/// <param name="Detail">The first difference, mismatched accounts or broken chains, when it does not match.</param>
public sealed record ExportFacts(bool Matches, long Rows, string? Detail);
