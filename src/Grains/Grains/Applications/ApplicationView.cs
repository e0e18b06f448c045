using PvoFinance.Access;
using PvoFinance.Applications;

namespace PvoFinance.Grains.Applications;

// Crosses the grain call as this record; the API writes it as JSON, and an idempotency key keeps it so (without its
// history). Its summary is the OpenAPI document's description (docs/openapi.json), so it stays as it was.
/// <summary>An application as the API shows it (serialized with <see cref="ApplicationJson.Options"/>).</summary>
/// <param name="Id">The application's id.</param>
/// <param name="Region">The applying region.</param>
/// <param name="FundingSource">The funding source applied to.</param>
/// <param name="GrantYear">The budget year committed in; null before the grant.</param>
/// <param name="FundOwner">Who decides.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Title">What the activities are.</param>
/// <param name="Requested">The amount requested.</param>
/// <param name="ProjectCosts">The project's total costs.</param>
/// <param name="Theme">The project's theme, if given.</param>
/// <param name="Plan">The funding plan: what is requested of each source.</param>
/// <param name="Split">The granted split over the sources; empty before the grant.</param>
/// <param name="Tier">The tier fixed by the grant.</param>
/// <param name="Figures">The money, read from the ledger.</param>
/// <param name="Deadlines">The dates that run.</param>
/// <param name="Advances">The advance schedule.</param>
/// <param name="AdvancesPaid">How many scheduled advances were paid.</param>
/// <param name="History">The newest transitions (at most <see cref="ApplicationGrain.ShownHistoryEntries"/>), oldest first; older ones are paged by <c>GET /api/applications/{id}/history</c>.</param>
/// <param name="Actions">What the caller may do now (kebab-case action names).</param>
[GenerateSerializer, Immutable]
public sealed record ApplicationView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Region,
    [property: Id(2)] string FundingSource,
    [property: Id(3)] int? GrantYear,
    [property: Id(4)] Scope FundOwner,
    [property: Id(5)] ApplicationState State,
    [property: Id(6)] string Title,
    [property: Id(7)] Money Requested,
    [property: Id(8)] Money ProjectCosts,
    [property: Id(9)] string? Theme,
    [property: Id(10)] IReadOnlyList<FundingPart> Plan,
    [property: Id(11)] IReadOnlyList<FundingPart> Split,
    [property: Id(12)] AccountabilityTier? Tier,
    [property: Id(13)] ApplicationFigures Figures,
    [property: Id(14)] Deadlines Deadlines,
    [property: Id(15)] IReadOnlyList<ScheduledAdvance> Advances,
    [property: Id(16)] int AdvancesPaid,
    [property: Id(17)] IReadOnlyList<HistoryView> History,
    [property: Id(18)] IReadOnlyList<string> Actions)
{
    /// <summary>How many transitions the application has (<see cref="History"/> shows the newest of them).</summary>
    [Id(19)]
    public int HistoryCount { get; init; }

    /// <summary>The objections lodged, oldest first (the grounds are in the history).</summary>
    [Id(20)]
    public IReadOnlyList<Objection> Objections { get; init; } = [];

    /// <summary>The penalty for a late decision, once notice of default was given.</summary>
    [Id(21)]
    public Penalty? Penalty { get; init; }

    /// <summary>The penalty owed for the days in default so far (Awb 4:17), today; null without a notice of default.</summary>
    [Id(22)]
    public Money? PenaltyOwed { get; init; }
}

/// <summary>One page of an application's history, newest pages first, each page's entries oldest first.</summary>
/// <param name="HistoryCount">How many transitions the application has.</param>
/// <param name="Items">The entries of this page, oldest first.</param>
/// <param name="Next">The <c>continuation</c> value that reads the page of older entries; null on the page of the first.</param>
[GenerateSerializer, Immutable]
public sealed record HistoryPageView([property: Id(0)] int HistoryCount, [property: Id(1)] IReadOnlyList<HistoryView> Items, [property: Id(2)] string? Next);

/// <summary>One transition as shown: the history entry and where each of its ledger movements is recorded.</summary>
/// <param name="Sequence">1, 2, 3, … per application.</param>
/// <param name="At">When.</param>
/// <param name="UserId">Who.</param>
/// <param name="Role">In which role.</param>
/// <param name="Trigger">What was asked.</param>
/// <param name="From">The state before.</param>
/// <param name="To">The state after.</param>
/// <param name="Reason">The motivation or reference given.</param>
/// <param name="Effects">The ledger movements, in order.</param>
/// <param name="LedgerEntries">For each effect, the key its ledger entries start with and the journals they are in.</param>
/// <param name="UserName">Who, by name, when the sign-in gave one (older entries have none).</param>
/// <param name="LetterSha256">For a decision: the SHA-256 of its letter's PDF (GET …/letters/{sequence}.pdf hashes to it).</param>
/// <param name="DocumentSha256">For a recorded document: its SHA-256, which is its id (GET …/documents/{sha256} hashes to it).</param>
[GenerateSerializer, Immutable]
public sealed record HistoryView([property: Id(0)] int Sequence, [property: Id(1)] NodaTime.Instant At, [property: Id(2)] string UserId, [property: Id(3)] Role Role, [property: Id(4)] ApplicationTrigger Trigger, [property: Id(5)] ApplicationState From, [property: Id(6)] ApplicationState To,
    [property: Id(7)] string? Reason, [property: Id(8)] IReadOnlyList<LedgerEffect> Effects, [property: Id(9)] IReadOnlyList<LedgerEntryRef> LedgerEntries,
    [property: Id(10)] string? UserName = null, [property: Id(11)] string? LetterSha256 = null, [property: Id(12)] string? DocumentSha256 = null);

/// <summary>Where one effect's ledger entries are: every entry whose key starts with <see cref="Key"/>, in <see cref="Journals"/>.</summary>
/// <param name="Key">The effect's key (a reservation adds <c>:post</c>; a transfer <c>:reserve</c>, <c>:post</c>, <c>:credit</c>).</param>
/// <param name="Journals">The journals written: the source's, and the region's for money that leaves or returns.</param>
[GenerateSerializer, Immutable]
public sealed record LedgerEntryRef([property: Id(0)] string Key, [property: Id(1)] IReadOnlyList<string> Journals);

/// <summary>
/// An application's money. <see cref="Granted"/> and <see cref="Determined"/> are the decisions; the others are
/// sums over the ledger entries of this application (keys <c>app:&lt;id&gt;:…</c>).
/// </summary>
/// <param name="Granted">The granted amount (decision).</param>
/// <param name="Determined">The determined amount (decision), null before the determination.</param>
/// <param name="Open">Still committed and unpaid (commitment account).</param>
/// <param name="Paid">Net paid to the region: advances and payments less what came back (region account).</param>
/// <param name="Payable">Due after the determination, not yet paid (payable account).</param>
/// <param name="ToReclaim">Claimed back, not yet received (receivable account).</param>
/// <param name="Reclaimed">Received back.</param>
/// <param name="Subsidy">Open + paid + payable − to reclaim: the grant until the determination, then the determined amount.</param>
/// <param name="MatchesDecisions">True when, for every source, the ledger sums equal the position folded from the workflow's effects.</param>
/// <param name="Sources">The same figures per funding source of the plan.</param>
[GenerateSerializer, Immutable]
public sealed record ApplicationFigures([property: Id(0)] Money Granted, [property: Id(1)] Money? Determined, [property: Id(2)] Money Open, [property: Id(3)] Money Paid, [property: Id(4)] Money Payable, [property: Id(5)] Money ToReclaim, [property: Id(6)] Money Reclaimed, [property: Id(7)] Money Subsidy,
    [property: Id(8)] bool MatchesDecisions, [property: Id(9)] IReadOnlyList<SourceFigures> Sources);

/// <summary>One funding source's share of an application's money, read from the ledger.</summary>
/// <param name="Source">The funding source.</param>
/// <param name="Granted">Its part of the grant (decision).</param>
/// <param name="Open">Still committed and unpaid.</param>
/// <param name="Paid">Net paid to the region from this source.</param>
/// <param name="Payable">Due after the determination, not yet paid.</param>
/// <param name="ToReclaim">Claimed back, not yet received.</param>
/// <param name="Reclaimed">Received back.</param>
/// <param name="Subsidy">Open + paid + payable − to reclaim.</param>
/// <param name="MatchesDecisions">True when the ledger sums equal this source's folded position.</param>
[GenerateSerializer, Immutable]
public sealed record SourceFigures([property: Id(0)] string Source, [property: Id(1)] Money Granted, [property: Id(2)] Money Open, [property: Id(3)] Money Paid, [property: Id(4)] Money Payable, [property: Id(5)] Money ToReclaim, [property: Id(6)] Money Reclaimed, [property: Id(7)] Money Subsidy, [property: Id(8)] bool MatchesDecisions);
