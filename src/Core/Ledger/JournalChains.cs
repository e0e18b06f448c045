using NodaTime;

namespace PvoFinance.Ledger;

/// <summary>Deciding a batch of commands where each stands alone unless it is linked to the next (after TigerBeetle's linked events).</summary>
public sealed partial class Journal
{
    /// <summary>
    /// Decides a batch of <paramref name="commands"/> in order. Each command succeeds or fails on its own, except that
    /// a command whose <paramref name="linkedToNext"/> is true forms a chain with the next one: the chain succeeds or
    /// fails as a unit — if one of its commands is refused, those of the chain already applied are taken out again, the
    /// refused one carries its reason and the others <see cref="ChainRefused"/> naming it. Accepted entries are
    /// applied; the caller persists them, every chain within one append.
    /// </summary>
    /// <remarks>
    /// <para>A retried batch gives the same outcomes. Entries made by the first try replay (<see cref="Duplicate"/>, the
    /// original sequence). A chain with no entry in the journal although a later chain of the batch has some was refused
    /// by the first try (appends land in order and a chain lands whole), so it is refused again, never applied late: with
    /// the reason a check finds now, or — when a check would pass now — <see cref="RejectionCode.IdempotencyConflict"/>
    /// (the batch's keys stand for the decision made then).
    /// Chains after the last one found are decided afresh: the first try's answer for them never reached the caller
    /// (their append failed) or they were refused and left no trace, like any refused command.</para>
    /// <para>Malformed batches refuse only what is wrong: a chain longer than <see cref="LedgerBatchLimits.MaxLinkedCommands"/>
    /// or left open by the last command (linked to nothing) is refused whole, on <c>linkedToNext</c>. Fields of refusals are the command's own (the caller says which command).</para>
    /// </remarks>
    /// <param name="commands">The commands, in order (at most <see cref="LedgerBatchLimits.MaxCommands"/>).</param>
    /// <param name="linkedToNext">Per command: linked to the next one.</param>
    /// <param name="now">The recording instant.</param>
    /// <param name="referenced">For each <see cref="ReverseEntry"/>, the entry it reverses (null elsewhere), as for <see cref="Execute"/>.</param>
    /// <returns>One outcome per command: <see cref="Committed"/>, <see cref="Duplicate"/>, <see cref="Rejected"/> or <see cref="ChainRefused"/>.</returns>
    public IReadOnlyList<LedgerOutcome> ExecuteChains(IReadOnlyList<LedgerCommand> commands, IReadOnlyList<bool> linkedToNext, Instant now, IReadOnlyList<JournalEntry?>? referenced = null)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(linkedToNext);
        if (commands.Count != linkedToNext.Count)
        {
            throw new ArgumentException("One link flag per command.", nameof(linkedToNext));
        }
        if (commands.Count > LedgerBatchLimits.MaxCommands)
        {
            throw new ArgumentException($"A batch holds at most {LedgerBatchLimits.MaxCommands} commands.", nameof(commands));
        }
        BeginBatch();
        try
        {
            return DecideChains(commands, linkedToNext, now, referenced);
        }
        finally
        {
            EndBatch();
        }
    }

    private LedgerOutcome[] DecideChains(IReadOnlyList<LedgerCommand> commands, IReadOnlyList<bool> linkedToNext, Instant now, IReadOnlyList<JournalEntry?>? referenced)
    {
        var chains = ChainsOf(linkedToNext);
        var outcomes = new LedgerOutcome[commands.Count];
        // The last chain the first try of this batch made entries for: every chain before it was decided then.
        var lastLanded = -1;
        for (var c = 0; c < chains.Count; c++)
        {
            if (Enumerable.Range(chains[c].Start, chains[c].Length).Any(i => IsReplay(commands[i])))
            {
                lastLanded = c;
            }
        }
        for (var c = 0; c < chains.Count; c++)
        {
            var (start, length) = chains[c];
            var slice = Slice(commands, start, length);
            var refs = referenced is null ? null : Slice(referenced, start, length);
            if (length > LedgerBatchLimits.MaxLinkedCommands || (c == chains.Count - 1 && linkedToNext[^1]))
            {
                var why = length > LedgerBatchLimits.MaxLinkedCommands
                    ? $"A linked chain holds at most {LedgerBatchLimits.MaxLinkedCommands} entries."
                    : "The last entry of a batch cannot be linked to a next one.";
                Fill(outcomes, start, length, i => new Rejected(new LedgerRejection(RejectionCode.Invalid, "linkedToNext", why)));
                continue;
            }
            var landed = Enumerable.Range(start, length).Any(i => IsReplay(commands[i]));
            if (c < lastLanded && !landed)
            {
                // Refused by the first try: refused again with the reason a check finds now, never applied late.
                var check = Decide(slice, now, refs, keep: false);
                Fill(outcomes, start, length, i => check.Accepted
                    ? new ChainRefused(start, new LedgerRejection(RejectionCode.IdempotencyConflict, "key",
                        "This chain was refused when its batch was first decided; a retry of the batch answers the same."))
                    : ChainRefusal(check, start, i));
                continue;
            }
            var decided = Decide(slice, now, refs, keep: true);
            if (decided.Accepted)
            {
                for (var k = 0; k < length; k++)
                {
                    outcomes[start + k] = decided.Outcomes[k];
                }
            }
            else
            {
                Fill(outcomes, start, length, i => ChainRefusal(decided, start, i));
            }
        }
        return outcomes;
    }

    /// <summary>The chains of a batch: runs of commands linked to the next, each ended by one that is not (or by the batch's end).</summary>
    public static IReadOnlyList<(int Start, int Length)> ChainsOf(IReadOnlyList<bool> linkedToNext)
    {
        var chains = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < linkedToNext.Count; i++)
        {
            if (!linkedToNext[i] || i == linkedToNext.Count - 1)
            {
                chains.Add((start, i - start + 1));
                start = i + 1;
            }
        }
        return chains;
    }

    // A refused chain: the command at fault carries its reason, the others that they went down with it.
    private static LedgerOutcome ChainRefusal(BatchOutcome refused, int start, int index) => index - start == refused.RefusedIndex
        ? new Rejected(refused.Rejection!)
        : new ChainRefused(start + refused.RefusedIndex!.Value, refused.Rejection!);

    // True when the command's key already holds an entry with the same content (it would replay).
    private bool IsReplay(LedgerCommand command) =>
        Validate(command) is null && TryFindKey(command.Key, out var seen) && seen.ContentHash == EntryHasher.ContentHash(command);

    private static List<T> Slice<T>(IReadOnlyList<T> list, int start, int length)
    {
        var slice = new List<T>(length);
        for (var i = start; i < start + length; i++)
        {
            slice.Add(list[i]);
        }
        return slice;
    }

    private static void Fill(LedgerOutcome[] outcomes, int start, int length, Func<int, LedgerOutcome> outcome)
    {
        for (var i = start; i < start + length; i++)
        {
            outcomes[i] = outcome(i);
        }
    }
}
