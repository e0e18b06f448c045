using NodaTime;
using PvoFinance.Ledger;

namespace PvoFinance.LedgerFigures;

/// <summary>
/// What one movement (one debit against one credit within an entry) means for the figures. Each kind is one pair of
/// account kinds in one kind of journal; the opposite pair (a reversal, or a movement undone) is the same kind with
/// the opposite sign. See docs/ledger.md, "Figures".
/// </summary>
public enum MovementKind
{
    /// <summary>Nothing the figures count (e.g. a hand-written posting between other accounts).</summary>
    None,
    /// <summary>Source journal, appropriation → budget: the ceiling raised.</summary>
    Appropriate,
    /// <summary>Source journal, budget → commitment: money committed to a region.</summary>
    Commit,
    /// <summary>Source journal, commitment → budget: committed money given back unpaid (an amendment, a determination, a revocation).</summary>
    ReleaseCommitment,
    /// <summary>Source journal, commitment → payable: determined and still to pay.</summary>
    MakePayable,
    /// <summary>Source journal, payable → budget: a payable given back unpaid (a revocation).</summary>
    ReleasePayable,
    /// <summary>Source journal, commitment → clearing: an advance or a direct payment leaving the source.</summary>
    PayFromCommitment,
    /// <summary>Source journal, payable → clearing: a payment of what was determined.</summary>
    PayFromPayable,
    /// <summary>Source journal, budget → clearing: money moved straight off the budget (by hand through the ledger API).</summary>
    PayFromBudget,
    /// <summary>Source journal, receivable (on a region) → budget: a reclaim (terugvordering).</summary>
    ClaimReclaim,
    /// <summary>Source journal, clearing or cash → receivable (on a region): a reclaim received back.</summary>
    ReceiveReclaim,
    /// <summary>Source journal, receivable (on a municipality or project) → budget: a levy invoice or overhead charge.</summary>
    Invoice,
    /// <summary>Source journal, cash or clearing → receivable (not on a region): an invoice or charge paid.</summary>
    ReceiveInvoice,
    /// <summary>Source journal, cash → budget: a contribution received.</summary>
    Contribute,
    /// <summary>Source journal, in-kind → in-kind source: hours given in kind (memo).</summary>
    InKind,
    /// <summary>Region journal, clearing (from a source or an intermediary) → region funds: money arrived at the region.</summary>
    Arrive,
    /// <summary>Region journal, region funds → clearing (to a source journal): money paid back by the region.</summary>
    PayBack,
    /// <summary>Region journal, region funds → clearing (to a project journal): money allocated to a project.</summary>
    Allocate,
    /// <summary>Intermediary journal, clearing → commitment: money received to pass on.</summary>
    IntermediaryIn,
    /// <summary>Intermediary journal, commitment → clearing: money passed on to the region.</summary>
    IntermediaryOut,
    /// <summary>Project journal, clearing (from the region) → project funds: money the project received.</summary>
    ProjectIn,
    /// <summary>Project journal, project funds → anything: money the project spent or passed on.</summary>
    ProjectOut,
}

/// <summary>
/// One movement, typed: what it is, how much (signed: negative when it undoes its kind), and whose money it concerns.
/// </summary>
/// <param name="Journal">The journal it was posted in.</param>
/// <param name="Key">The entry's key (application movements start <c>app:&lt;id&gt;:</c>).</param>
/// <param name="ValueDate">The entry's value date.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Cents">How much: positive, or negative when it undoes <paramref name="Kind"/>.</param>
/// <param name="Source">The funding source whose money moves.</param>
/// <param name="Year">The source's budget year, when the accounts name it.</param>
/// <param name="Region">The region the money is for, from, or at.</param>
/// <param name="Application">The application whose decision booked it, from the key.</param>
/// <param name="Intermediary">The intermediary the money passes through, when it does.</param>
/// <param name="Reservation">True for budget held by a reservation (a pending leg), counted only as reserved.</param>
/// <param name="Debtor">Who owes, for a movement on a receivable (a region, a municipality code, a project).</param>
public sealed record Movement(
    string Journal,
    string Key,
    LocalDate ValueDate,
    MovementKind Kind,
    long Cents,
    string? Source,
    int? Year,
    string? Region,
    string? Application,
    string? Intermediary,
    bool Reservation = false,
    string? Debtor = null)
{
    /// <summary>
    /// Types a movement of <paramref name="cents"/> (positive) from <paramref name="debit"/> to <paramref name="credit"/>
    /// in <paramref name="journal"/>. Never throws; what the figures do not count is <see cref="MovementKind.None"/>.
    /// </summary>
    public static Movement Of(string journal, string key, LocalDate valueDate, string debit, string credit, long cents)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(key);
        var j = TypedJournal.Parse(journal);
        var d = TypedAccount.Parse(journal, debit);
        var c = TypedAccount.Parse(journal, credit);
        var (kind, sign) = KindOf(j, d, c);
        // The account that is not in transit names whose money it is; the clearing side names the other journal.
        var subject = d?.Kind == AccountKind.Clearing ? c : d;
        var other = subject == d ? c : d;
        var source = subject?.Source ?? other?.Source ?? j.Source;
        var year = j.Kind == JournalKind.Source ? j.Year : subject?.Year ?? other?.Year;
        var region = subject?.Region ?? other?.Region ?? j.Region;
        var intermediary = j.Intermediary ?? subject?.Intermediary ?? other?.Intermediary;
        return new Movement(journal, key, valueDate, kind, sign * cents, source, year, region, ApplicationOf(key), intermediary, Debtor: subject?.Debtor ?? other?.Debtor);
    }

    /// <summary>
    /// What a movement from <paramref name="debit"/> to <paramref name="credit"/> in <paramref name="journal"/> is, and its
    /// sign (−1 when it undoes the kind) — the decision <see cref="Of"/> makes, for callers that typed the journal and
    /// accounts already (the export keeps its own per-thread typed accounts rather than the shared cache).
    /// </summary>
    public static (MovementKind Kind, int Sign) KindOf(TypedJournal journal, TypedAccount? debit, TypedAccount? credit)
    {
        ArgumentNullException.ThrowIfNull(journal);
        return debit is null || credit is null ? (MovementKind.None, 1) : Classify(journal, debit, credit);
    }

    /// <summary>
    /// Budget held by a reservation: <paramref name="cents"/> (negative when a post or void releases it) on
    /// <paramref name="account"/> in <paramref name="journal"/>, or null when the account is not a budget (only a
    /// budget's reservations count, as <see cref="Figures.Reserved"/>).
    /// </summary>
    public static Movement? Reserved(string journal, string key, LocalDate valueDate, string account, long cents)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(account);
        return TypedAccount.Parse(journal, account) is { Kind: AccountKind.Budget } budget
            ? new Movement(journal, key, valueDate, MovementKind.None, cents, budget.Source, budget.Year, null, ApplicationOf(key), null, Reservation: true)
            : null;
    }

    /// <summary>The application id in an application's key (<c>app:&lt;id&gt;:…</c>), or null.</summary>
    public static string? ApplicationOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.StartsWith("app:", StringComparison.Ordinal))
        {
            return null;
        }
        var end = key.IndexOf(':', 4);
        return end > 4 ? key[4..end] : null;
    }

    // The table of docs/ledger.md ("Figures"): each pair of account kinds in each kind of journal, and its opposite.
    private static (MovementKind Kind, int Sign) Classify(TypedJournal j, TypedAccount d, TypedAccount c)
    {
        var forward = Forward(j, d, c);
        if (forward != MovementKind.None)
        {
            return (forward, 1);
        }
        var backward = Forward(j, c, d);
        return (backward, backward == MovementKind.None ? 1 : -1);
    }

    private static MovementKind Forward(TypedJournal j, TypedAccount d, TypedAccount c) => j.Kind switch
    {
        JournalKind.Source => (d.Kind, c.Kind) switch
        {
            (AccountKind.Appropriation, AccountKind.Budget) => MovementKind.Appropriate,
            (AccountKind.Budget, AccountKind.Commitment) => MovementKind.Commit,
            (AccountKind.Commitment, AccountKind.Budget) => MovementKind.ReleaseCommitment,
            (AccountKind.Commitment, AccountKind.Payable) => MovementKind.MakePayable,
            (AccountKind.Payable, AccountKind.Budget) => MovementKind.ReleasePayable,
            (AccountKind.Commitment, AccountKind.Clearing) => MovementKind.PayFromCommitment,
            (AccountKind.Payable, AccountKind.Clearing) => MovementKind.PayFromPayable,
            (AccountKind.Budget, AccountKind.Clearing) => MovementKind.PayFromBudget,
            (AccountKind.Receivable, AccountKind.Budget) => d.IsClaimOnRegion ? MovementKind.ClaimReclaim : MovementKind.Invoice,
            (AccountKind.Clearing or AccountKind.Cash, AccountKind.Receivable) => c.IsClaimOnRegion ? MovementKind.ReceiveReclaim : MovementKind.ReceiveInvoice,
            (AccountKind.Cash, AccountKind.Budget) => MovementKind.Contribute,
            (AccountKind.InKind, AccountKind.InKindSource) => MovementKind.InKind,
            _ => MovementKind.None,
        },
        JournalKind.Region => (d.Kind, c.Kind) switch
        {
            (AccountKind.Clearing, AccountKind.Region) when d.Counterpart?.Kind is JournalKind.Source or JournalKind.Intermediary => MovementKind.Arrive,
            (AccountKind.Region, AccountKind.Clearing) when c.Counterpart?.Kind is JournalKind.Source or JournalKind.Intermediary => MovementKind.PayBack,
            (AccountKind.Region, AccountKind.Clearing) when c.Counterpart?.Kind is JournalKind.Project => MovementKind.Allocate,
            _ => MovementKind.None,
        },
        JournalKind.Project => (d.Kind, c.Kind) switch
        {
            (AccountKind.Clearing, AccountKind.Project) => MovementKind.ProjectIn,
            (AccountKind.Project, not AccountKind.Project) => MovementKind.ProjectOut,
            _ => MovementKind.None,
        },
        JournalKind.Intermediary => (d.Kind, c.Kind) switch
        {
            (AccountKind.Clearing, AccountKind.Commitment) => MovementKind.IntermediaryIn,
            (AccountKind.Commitment, AccountKind.Clearing) => MovementKind.IntermediaryOut,
            _ => MovementKind.None,
        },
        _ => MovementKind.None,
    };
}
