using NodaTime;

namespace PvoFinance.Ledger;

/// <summary>
/// The result of a batch: every command's outcome (<see cref="Committed"/> or <see cref="Duplicate"/>) when all were
/// accepted, or the index and refusal of the first refused command, in which case none of them changed the journal.
/// </summary>
/// <param name="Outcomes">One outcome per command when accepted; empty when refused.</param>
/// <param name="RefusedIndex">The refused command's index, or null.</param>
/// <param name="Rejection">Its refusal, or null.</param>
public sealed record BatchOutcome(IReadOnlyList<LedgerOutcome> Outcomes, int? RefusedIndex, LedgerRejection? Rejection)
{
    /// <summary>True when every command was accepted.</summary>
    public bool Accepted => RefusedIndex is null;
}

/// <summary>Deciding several commands as one group: all of them or none.</summary>
public sealed partial class Journal
{
    /// <summary>
    /// Decides <paramref name="commands"/> in order, each against the journal including the ones before it. If one is
    /// refused, those already applied are taken out again, so the journal is exactly as before; otherwise all new
    /// entries are applied and the caller persists them as one group. Why: a saga's steps in one journal (reserve and
    /// post of a commitment, several effects of one transition) must not be half there after a refusal.
    /// </summary>
    /// <param name="commands">The commands, in order.</param>
    /// <param name="now">The recording instant.</param>
    /// <param name="referenced">For each <see cref="ReverseEntry"/>, the entry it reverses (null elsewhere), as for <see cref="Execute"/>.</param>
    public BatchOutcome ExecuteAll(IReadOnlyList<LedgerCommand> commands, Instant now, IReadOnlyList<JournalEntry?>? referenced = null) =>
        Decide(commands, now, referenced, keep: true);

    /// <summary>
    /// What <see cref="ExecuteAll"/> would answer now, recording nothing: each command is decided against the journal with
    /// the ones before it, and everything is taken out again. Why: a saga asks each journal about its whole batch first
    /// (a post from a commitment made in the same batch would be refused if asked alone).
    /// </summary>
    public BatchOutcome CheckAll(IReadOnlyList<LedgerCommand> commands, Instant now, IReadOnlyList<JournalEntry?>? referenced = null) =>
        Decide(commands, now, referenced, keep: false);

    private BatchOutcome Decide(IReadOnlyList<LedgerCommand> commands, Instant now, IReadOnlyList<JournalEntry?>? referenced, bool keep)
    {
        ArgumentNullException.ThrowIfNull(commands);
        BeginBatch();
        try
        {
            return DecideHeld(commands, now, referenced, keep);
        }
        finally
        {
            EndBatch();
        }
    }

    private BatchOutcome DecideHeld(IReadOnlyList<LedgerCommand> commands, Instant now, IReadOnlyList<JournalEntry?>? referenced, bool keep)
    {
        var outcomes = new List<LedgerOutcome>(commands.Count);
        var undo = new Stack<Undo>();
        for (var i = 0; i < commands.Count; i++)
        {
            var before = Capture(commands[i], referenced?[i]);
            var outcome = Execute(commands[i], now, referenced?[i]);
            if (outcome is Rejected rejected)
            {
                while (undo.Count > 0)
                {
                    Restore(undo.Pop());
                }
                return new BatchOutcome([], i, rejected.Rejection);
            }
            if (outcome is Committed committed)
            {
                undo.Push(before with { Entry = committed.Entry });
            }
            outcomes.Add(outcome);
        }
        while (!keep && undo.Count > 0)
        {
            Restore(undo.Pop());
        }
        return new BatchOutcome(outcomes, null, null);
    }

    // What one entry changed, to put back: the head, the balances it touched, the reservation it opened or changed,
    // the reversal mark it set and its key.
    private sealed record Undo(long Version, string HeadHash, List<(AccountId Account, AccountBalance? Before)> Balances,
        string? ReservationKey, Reservation? ReservationBefore, string? ReversedKey, string Key)
    {
        // The entry it made, taken out of the running totals again (they fold every applied entry).
        public JournalEntry? Entry { get; init; }
    }

    // Taken before the command is decided: every balance it may touch, the reservation it may open or change, the
    // entry it may mark reversed. A command that is refused or replayed changes none of them.
    private Undo Capture(LedgerCommand command, JournalEntry? referenced)
    {
        var accounts = command switch
        {
            PostEntry p => p.Postings?.Select(x => x.Account) ?? [],
            ReserveEntry r => r.Postings?.Select(x => x.Account) ?? [],
            PostReservation pr => ReservationOf(pr.ReservationKey ?? "")?.Remaining.Select(x => x.Account) ?? [],
            VoidReservation v => ReservationOf(v.ReservationKey ?? "")?.Remaining.Select(x => x.Account) ?? [],
            ReverseEntry r => TargetOf(r, referenced)?.Postings.Select(x => x.Account) ?? [],
            _ => [],
        };
        var balances = accounts.Distinct().Select(a => (a, _balances.TryGetValue(a, out var b) ? b : null)).ToList();
        var reservationKey = command switch
        {
            ReserveEntry => command.Key,
            PostReservation pr => pr.ReservationKey,
            VoidReservation v => v.ReservationKey,
            _ => null,
        };
        var reservationBefore = reservationKey is null ? null : ReservationOf(reservationKey);
        return new Undo(Version, HeadHash, balances, reservationKey, reservationBefore, (command as ReverseEntry)?.EntryKey, command.Key);
    }

    private void Restore(Undo u)
    {
        foreach (var (account, before) in u.Balances)
        {
            if (before is null)
            {
                _balances.Remove(account);
            }
            else
            {
                _balances[account] = before;
            }
        }
        if (u.ReservationKey is { } key)
        {
            if (u.ReservationBefore is null)
            {
                _open.Remove(key);
            }
            else
            {
                _open[key] = u.ReservationBefore;
            }
        }
        if (u.ReversedKey is { } reversed)
        {
            _reversed.Remove(reversed);
        }
        _keys.Remove(u.Key);
        if (u.Entry is { } entry)
        {
            _totals.Fold(entry, -1);
            _batchEntries?.Remove(entry.Sequence);
        }
        Version = u.Version;
        HeadHash = u.HeadHash;
    }
}
