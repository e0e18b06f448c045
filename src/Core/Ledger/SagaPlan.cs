namespace PvoFinance.Ledger;

/// <summary>One ledger command of a saga, in the journal it goes to, and the movement it belongs to.</summary>
/// <param name="Journal">The journal.</param>
/// <param name="Movement">The movement.</param>
/// <param name="Command">The command (its key follows <see cref="SagaKeys"/>).</param>
public sealed record SagaStep(string Journal, SagaMovement Movement, LedgerCommand Command);

/// <summary>The steps of a saga in one journal, in the order they are to be executed.</summary>
/// <param name="Journal">The journal.</param>
/// <param name="Steps">Its steps.</param>
public sealed record JournalSteps(string Journal, IReadOnlyList<SagaStep> Steps);

/// <summary>
/// A multi-journal movement described without I/O: which commands go to which journal, which can be asked about
/// first, and how a late refusal is undone. The executor in the grain ring runs it as: (1) ask every journal whether
/// it would refuse its <see cref="Forward"/> batch, recording nothing — a refusal here changes nothing anywhere; (2) send
/// every journal its <see cref="Forward"/> steps as one batch, all journals at once (a journal applies its batch whole
/// or not at all); (3) if a journal still refused (a race after the check), undo every movement everywhere with
/// <see cref="Compensation"/>. Every step is keyed by <see cref="SagaKeys"/>, so running the same plan again after a
/// crash at any point replays what is done and finishes the rest exactly once.
/// </summary>
public sealed class SagaPlan
{
    /// <summary>Most movements in one saga: an application transition books at most a few effects per source of its plan (at most 8 sources).</summary>
    public const int MaxMovements = 32;

    /// <summary>Most commands one journal receives in one batch: two per movement.</summary>
    public const int MaxStepsPerJournal = 2 * MaxMovements;

    private SagaPlan(IReadOnlyList<SagaMovement> movements)
    {
        Movements = movements;
        var forward = new List<SagaStep>();
        var undo = new List<SagaStep>();
        foreach (var m in movements)
        {
            var legs = new[] { new Posting(m.Debit, m.Amount), new Posting(m.Credit, -m.Amount) };
            switch (m.Kind)
            {
                case SagaMovementKind.Hold:
                    var hold = new ReserveEntry(m.Id, m.ValueDate, legs, m.Memo);
                    forward.Add(new(m.Journal, m, hold));
                    forward.Add(new(m.Journal, m, new PostReservation(SagaKeys.Of(m.Id, SagaKeys.Post), m.ValueDate, m.Id)));
                    break;
                case SagaMovementKind.Post:
                    var post = new PostEntry(m.Id, m.ValueDate, legs, m.Memo);
                    forward.Add(new(m.Journal, m, post));
                    break;
                case SagaMovementKind.Transfer:
                    var to = m.ToJournal!;
                    var reserveKey = SagaKeys.Of(m.Id, SagaKeys.Reserve);
                    var reserve = new ReserveEntry(reserveKey, m.ValueDate, [new(m.Debit, m.Amount), new(JournalIds.ClearingAccountFor(to), -m.Amount)], m.Memo);
                    var credit = new PostEntry(SagaKeys.Of(m.Id, SagaKeys.Credit), m.ValueDate, [new(JournalIds.ClearingAccountFor(m.Journal), m.Amount), new(m.Credit, -m.Amount)], m.Memo);
                    forward.Add(new(m.Journal, m, reserve));
                    forward.Add(new(m.Journal, m, new PostReservation(SagaKeys.Of(m.Id, SagaKeys.Post), m.ValueDate, reserveKey, Memo: m.Memo)));
                    forward.Add(new(to, m, credit));
                    break;
                default:
                    throw new ArgumentException($"Unknown movement kind {m.Kind}.", nameof(movements));
            }
        }
        // Memos as the earlier implementations wrote them (a memo is part of an entry's content hash, so a retry of an
        // old movement must repeat it): a transfer's every step carries it, a hold's only its reservation.
        // Undone newest first. A reservation still open (left by an earlier implementation) is voided; a posted entry
        // is reversed. A step whose target does not exist (its journal refused the batch) has nothing to undo.
        foreach (var m in movements.Reverse())
        {
            var undoKey = SagaKeys.Of(m.Id, SagaKeys.Undo);
            var voidKey = SagaKeys.Of(m.Id, SagaKeys.Void);
            switch (m.Kind)
            {
                case SagaMovementKind.Hold:
                    undo.Add(new(m.Journal, m, new VoidReservation(voidKey, m.ValueDate, m.Id)));
                    undo.Add(new(m.Journal, m, new ReverseEntry(undoKey, m.ValueDate, SagaKeys.Of(m.Id, SagaKeys.Post))));
                    break;
                case SagaMovementKind.Post:
                    undo.Add(new(m.Journal, m, new ReverseEntry(undoKey, m.ValueDate, m.Id)));
                    break;
                case SagaMovementKind.Transfer:
                    undo.Add(new(m.ToJournal!, m, new ReverseEntry(undoKey, m.ValueDate, SagaKeys.Of(m.Id, SagaKeys.Credit))));
                    undo.Add(new(m.Journal, m, new VoidReservation(voidKey, m.ValueDate, SagaKeys.Of(m.Id, SagaKeys.Reserve), m.Memo)));
                    undo.Add(new(m.Journal, m, new ReverseEntry(undoKey, m.ValueDate, SagaKeys.Of(m.Id, SagaKeys.Post))));
                    break;
            }
        }
        Forward = ByJournal(forward);
        Compensation = ByJournal(undo);
    }

    /// <summary>The movements, in order.</summary>
    public IReadOnlyList<SagaMovement> Movements { get; }

    /// <summary>Per journal, the batch of commands that does the saga (journals in order of first use).</summary>
    public IReadOnlyList<JournalSteps> Forward { get; }

    /// <summary>
    /// Per journal, the commands that undo the saga after a late refusal, to run one by one; a refusal that says there is
    /// nothing to undo (<see cref="IsNothingToUndo"/>) counts as done.
    /// </summary>
    public IReadOnlyList<JournalSteps> Compensation { get; }

    /// <summary>Whether a refusal of a compensating step means its target was never made or is already undone.</summary>
    public static bool IsNothingToUndo(RejectionCode code) => code is RejectionCode.NotFound or RejectionCode.ReservationClosed;

    /// <summary>A plan of <paramref name="movements"/>, or the reason they do not make one.</summary>
    public static (SagaPlan? Plan, string? Error) Create(IReadOnlyList<SagaMovement> movements)
    {
        if (movements is null || movements.Count is 0 or > MaxMovements)
        {
            return (null, $"A saga has 1..{MaxMovements} movements.");
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in movements)
        {
            // Keys are unique per journal: one id may name movements in several journals (a commitment's years), never two in one.
            if (string.IsNullOrEmpty(m.Id) || m.Id.Length > SagaKeys.MaxMovementIdChars
                || !ids.Add($"{m.Journal}\n{m.Id}") || (m.ToJournal is { } other && !ids.Add($"{other}\n{m.Id}")))
            {
                return (null, $"A movement id has 1..{SagaKeys.MaxMovementIdChars} characters and names one movement per journal.");
            }
            if (m.Amount.Cents <= 0 || m.Amount.Cents > Money.MaxCents)
            {
                return (null, $"Movement '{m.Id}' moves a positive amount within range.");
            }
            if (!JournalIds.IsValid(m.Journal) || (m.Kind == SagaMovementKind.Transfer) != (m.ToJournal is not null)
                || (m.ToJournal is { } to && (!JournalIds.IsValid(to) || to == m.Journal)))
            {
                return (null, $"Movement '{m.Id}': a transfer names two different journals, any other movement one.");
            }
            if (m.Debit == m.Credit && m.Kind != SagaMovementKind.Transfer)
            {
                return (null, $"Movement '{m.Id}' debits and credits the same account.");
            }
        }
        return (new SagaPlan(movements), null);
    }

    /// <summary>The plan of <paramref name="movements"/>; throws when they do not make one (a bug in the caller).</summary>
    public static SagaPlan Of(IReadOnlyList<SagaMovement> movements) =>
        Create(movements) is { Plan: { } plan } ? plan : throw new ArgumentException(Create(movements).Error, nameof(movements));

    private static List<JournalSteps> ByJournal(List<SagaStep> steps) =>
        [.. steps.GroupBy(s => s.Journal, StringComparer.Ordinal).Select(g => new JournalSteps(g.Key, [.. g]))];
}
