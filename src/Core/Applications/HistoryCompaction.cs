namespace PvoFinance.Applications;

/// <summary>
/// The history an application keeps in its own stored value, bounded whatever the reasons hold (issue 14). Every
/// whole entry is a row of the history store; the value keeps of each entry only what the workflow rules read:
/// its sequence, time, role, trigger and states, and the hash of a decision's letter or of a recorded document (the
/// documents an application has are the hashes in its history, <see cref="DocumentRules.Recorded"/>; at most
/// <see cref="Documents.DocumentLimits.MaxDocumentsPerApplication"/>). Reasons and user ids go (they are free text and only shown), and
/// so do effects, folded into <see cref="Application.Carried"/> — except the effects of the first commitment,
/// which fix the grant year every ledger key and journal name is derived from.
/// </summary>
public static class HistoryCompaction
{
    /// <summary>The value as stored: compact entries, effects folded into <see cref="Application.Carried"/>. Compacting a compact value changes nothing.</summary>
    public static Application Compact(Application app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var folds = app.Carried.ToDictionary(c => c.Source, c => c.Amounts, StringComparer.Ordinal);
        var firstCommit = FirstCommitIndex(app.History);
        var entries = new List<HistoryEntry>(app.History.Count);
        for (var i = 0; i < app.History.Count; i++)
        {
            var h = app.History[i];
            if (i != firstCommit)
            {
                foreach (var e in h.Effects)
                {
                    folds[e.Source] = folds.GetValueOrDefault(e.Source, ApplicationAmounts.None).Apply(e);
                }
            }
            entries.Add(Compact(h, keepEffects: i == firstCommit));
        }
        return app with
        {
            History = entries,
            Carried = [.. folds.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new SourcePosition(f.Key, f.Value))],
        };
    }

    /// <summary>One entry as the compact history keeps it.</summary>
    public static HistoryEntry Compact(HistoryEntry entry, bool keepEffects)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry with { UserId = "", UserName = null, Reason = null, Effects = keepEffects ? entry.Effects : [] };
    }

    /// <summary>
    /// The value with its whole history again, from the history rows: <paramref name="whole"/> must be every entry,
    /// in order (the folded effects are in them, so <see cref="Application.Carried"/> is emptied).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="whole"/> is not the value's history.</exception>
    public static Application Expand(Application app, IReadOnlyList<HistoryEntry> whole)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(whole);
        if (whole.Count != app.History.Count || whole.Where((h, i) => h.Sequence != app.History[i].Sequence || h.Trigger != app.History[i].Trigger).Any())
        {
            throw new ArgumentException($"Application '{app.Id}': the history rows ({whole.Count}) are not its {app.History.Count} entries.", nameof(whole));
        }
        return app with { History = whole, Carried = [] };
    }

    private static int FirstCommitIndex(IReadOnlyList<HistoryEntry> history)
    {
        for (var i = 0; i < history.Count; i++)
        {
            if (history[i].Effects.Any(e => e.Kind == LedgerEffectKind.Commit))
            {
                return i;
            }
        }
        return -1;
    }
}
