namespace PvoFinance.LedgerFigures;

/// <summary>
/// The figures every view shows, in cents, for one selection of movements (a source's year, a region, a project, an
/// application, as of a date). Each is defined once here, in domain terms; docs/ledger.md ("Figures") has the table.
/// </summary>
/// <param name="Ceiling">The ceiling appropriated to the source (national schemes, provincial funds).</param>
/// <param name="Committed">Money committed to regions by decisions (grants, amendments up, direct commitments), gross.</param>
/// <param name="Released">Committed money given back to the budget without being paid (amendments down, the unpaid
/// rest at a determination, a revocation's open commitment and payable).</param>
/// <param name="Open">Committed, not yet paid, made payable or released: what the commitment accounts still hold.</param>
/// <param name="Payable">Determined and still to pay: what the payable accounts hold.</param>
/// <param name="PaidOut">Money that left the source for the region (advances, payments, direct payments), gross.</param>
/// <param name="Reclaimed">Reclaimed money received back from the region.</param>
/// <param name="ToReclaim">Reclaims raised on a region and not yet received back (the reclaim receivables).</param>
/// <param name="Invoiced">Claims raised on municipalities and projects (levy invoices, overhead charges).</param>
/// <param name="Receivable">Everything still owed to the source: open invoices, charges and reclaims.</param>
/// <param name="CashIn">Money received into the source's cash: invoices paid and contributions.</param>
/// <param name="Contributed">Contributions received (private money), part of <paramref name="CashIn"/>.</param>
/// <param name="Received">Money that arrived in the region's journal from the source (directly or through an
/// intermediary), net of what the region paid back.</param>
/// <param name="Allocated">Money the region passed on to its projects.</param>
/// <param name="HeldByIntermediary">Money an intermediary received and has not yet passed on.</param>
/// <param name="Reserved">Budget held by reservations not yet posted or voided (a commitment being made).</param>
/// <param name="Available">What is left under the ceiling: the budget's posted balance minus what reservations hold.</param>
/// <param name="InKind">The value of hours given in kind (memo, never money).</param>
/// <param name="ProjectReceived">Money a project received from its region.</param>
/// <param name="ProjectHeld">Money a project received and still holds.</param>
public sealed record Figures(
    long Ceiling,
    long Committed,
    long Released,
    long Open,
    long Payable,
    long PaidOut,
    long Reclaimed,
    long ToReclaim,
    long Invoiced,
    long Receivable,
    long CashIn,
    long Contributed,
    long Received,
    long Allocated,
    long HeldByIntermediary,
    long Reserved,
    long Available,
    long InKind,
    long ProjectReceived,
    long ProjectHeld)
{
    /// <summary>No movements.</summary>
    public static Figures None { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Paid: money that actually left the source for the region, net of reclaims received back.</summary>
    public long Paid => PaidOut - Reclaimed;

    /// <summary>
    /// The subsidy as it stands: paid net, plus what is still payable or open, minus what is still to be reclaimed.
    /// After a determination this is the determined amount; after a revocation it is zero once everything is settled.
    /// </summary>
    public long Subsidy => Paid + Payable + Open - ToReclaim;

    /// <summary>
    /// What the region can still expect from the source: the open commitment and the payable, less the reclaims it
    /// still owes (negative when the region owes more than it is still due).
    /// </summary>
    public long StillDue => Open + Payable - ToReclaim;

    /// <summary>What came in or is owed to a source without a ceiling: claims raised and contributions received.</summary>
    public long Raised => Invoiced + Contributed;

    /// <summary>Sums movements (already selected) into figures.</summary>
    public static Figures Of(IEnumerable<Movement> movements)
    {
        ArgumentNullException.ThrowIfNull(movements);
        var t = new long[Enum.GetValues<MovementKind>().Length];
        long reserved = 0;
        foreach (var m in movements)
        {
            if (m.Reservation)
            {
                reserved += m.Cents;
                continue;
            }
            checked
            {
                t[(int)m.Kind] += m.Cents;
            }
        }
        long T(MovementKind k) => t[(int)k];
        var released = T(MovementKind.ReleaseCommitment) + T(MovementKind.ReleasePayable);
        var open = T(MovementKind.Commit) - T(MovementKind.ReleaseCommitment) - T(MovementKind.MakePayable) - T(MovementKind.PayFromCommitment);
        var payable = T(MovementKind.MakePayable) - T(MovementKind.ReleasePayable) - T(MovementKind.PayFromPayable);
        var paidOut = T(MovementKind.PayFromCommitment) + T(MovementKind.PayFromPayable) + T(MovementKind.PayFromBudget);
        var toReclaim = T(MovementKind.ClaimReclaim) - T(MovementKind.ReceiveReclaim);
        var receivable = toReclaim + T(MovementKind.Invoice) - T(MovementKind.ReceiveInvoice);
        // The budget account is credited by the ceiling, releases, claims and contributions and debited by commitments
        // and payments straight off the budget: its posted balance, less what reservations hold.
        var budget = T(MovementKind.Appropriate) + released + T(MovementKind.ClaimReclaim) + T(MovementKind.Invoice) + T(MovementKind.Contribute)
            - T(MovementKind.Commit) - T(MovementKind.PayFromBudget);
        return new Figures(
            Ceiling: T(MovementKind.Appropriate),
            Committed: T(MovementKind.Commit),
            Released: released,
            Open: open,
            Payable: payable,
            PaidOut: paidOut,
            Reclaimed: T(MovementKind.ReceiveReclaim),
            ToReclaim: toReclaim,
            Invoiced: T(MovementKind.Invoice),
            Receivable: receivable,
            CashIn: T(MovementKind.ReceiveInvoice) + T(MovementKind.Contribute),
            Contributed: T(MovementKind.Contribute),
            Received: T(MovementKind.Arrive) - T(MovementKind.PayBack),
            Allocated: T(MovementKind.Allocate),
            HeldByIntermediary: T(MovementKind.IntermediaryIn) - T(MovementKind.IntermediaryOut),
            Reserved: reserved,
            Available: budget - reserved,
            InKind: T(MovementKind.InKind),
            ProjectReceived: T(MovementKind.ProjectIn),
            ProjectHeld: T(MovementKind.ProjectIn) - T(MovementKind.ProjectOut));
    }
}
