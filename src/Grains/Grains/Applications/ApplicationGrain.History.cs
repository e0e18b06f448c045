using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PvoFinance.Applications;
using PvoFinance.Storage;

namespace PvoFinance.Grains.Applications;

/// <summary>
/// The history in rows (issue 14): the stored value keeps a compact history (<see cref="HistoryCompaction"/>), every whole
/// entry is a row of <see cref="IApplicationHistoryStore"/>. A transition writes its row beside the state, in parallel
/// (one wait on storage, not two); the state is the commit point. It also keeps the whole entries whose rows are not known
/// to be written (<see cref="ApplicationGrainState.Unrowed"/>): a row written without its state is ignored (beyond the
/// state's count) and overwritten by the retry; a state written without its row still has the entry, and the next write
/// writes the row again.
/// </summary>
public sealed partial class ApplicationGrain
{
    /// <summary>How many of the newest history entries an application's view shows; older ones are paged (<see cref="History"/>).</summary>
    public const int ShownHistoryEntries = 50;

    /// <summary>The most history entries one page holds.</summary>
    public const int MaxHistoryPageSize = 200;

    // Counted so that a store that keeps failing shows (the entries stay in the state meanwhile; never swallowed unseen).
    private static readonly Counter<long> HistoryRowFailures = new Meter(Telemetry.LedgerTelemetry.Name)
        .CreateCounter<long>("pvo.storage.history_row_failures", description: "History row writes that failed (the state kept the entries and writes them again)");

    // The newest whole entries, by sequence: what the views show, kept by this activation (the only writer) so that a view
    // reads no rows once they are here.
    private readonly SortedDictionary<int, HistoryEntry> _whole = [];

    /// <inheritdoc />
    public async Task<ApplicationHistoryReply> History(ActorDto actor, int pageSize, int? before)
    {
        if (state.State.Json is null)
        {
            return ApplicationHistoryReply.Refused(NotFound());
        }
        if (ToActor(actor) is not { } who)
        {
            return ApplicationHistoryReply.Refused(NoCaller());
        }
        await Recover();
        var app = Load();
        if (!MayRead(who, app))
        {
            return ApplicationHistoryReply.Refused(NotReadable(who));
        }
        if (pageSize is < 1 or > MaxHistoryPageSize)
        {
            return ApplicationHistoryReply.Refused(ApplicationReply.Refused(ApplicationRefusalCode.Invalid, "pageSize", $"pageSize is a whole number of history entries, 1..{MaxHistoryPageSize}."));
        }
        var count = app.History.Count;
        if (before is { } b && (b < 2 || b > count + 1))
        {
            return ApplicationHistoryReply.Refused(ApplicationReply.Refused(ApplicationRefusalCode.Invalid, "continuation", "continuation is the 'next' of an earlier page of this application's history."));
        }
        var last = (before ?? count + 1) - 1;
        var first = Math.Max(1, last - pageSize + 1);
        var items = (await WholeEntries(app, first, last)).Select(h => HistoryOf(app, h)).ToList();
        return new ApplicationHistoryReply(new HistoryPageView(count, items, first > 1 ? first.ToString(CultureInfo.InvariantCulture) : null), null);
    }

    // The view as answered: the figures' view with only the newest whole entries up to the value's last, and the count.
    private async Task<ApplicationView> Shown(Application app, Actor who) =>
        (await ViewOf(app, who)) with { History = await Window(app, app.History.Count, ShownHistoryEntries), HistoryCount = app.History.Count };

    // The newest `size` entries up to `last` as shown (size 0: all of them, as answers remembered before the window were).
    private async Task<List<HistoryView>> Window(Application app, int last, int size)
    {
        var first = size == 0 ? 1 : Math.Max(1, last - size + 1);
        return [.. (await WholeEntries(app, first, last)).Select(h => HistoryOf(app, h))];
    }

    // Whole entries first..last (at most the value's count): from this activation's newest, the state's unrowed ones, the
    // rows. An entry found nowhere (a lost row: it should not happen) is shown compact rather than failing the answer.
    private async Task<List<HistoryEntry>> WholeEntries(Application app, int first, int last)
    {
        last = Math.Min(last, app.History.Count);
        foreach (var entry in UnrowedEntries())
        {
            _whole[entry.Sequence] = entry;
        }
        var missing = Enumerable.Range(first, Math.Max(0, last - first + 1)).Where(s => !_whole.ContainsKey(s)).ToList();
        var found = new Dictionary<int, HistoryEntry>();
        if (missing.Count > 0)
        {
            foreach (var row in await history.ReadAsync(Id, missing[0], missing[^1]))
            {
                found[row.Sequence] = row;
            }
        }
        var entries = new List<HistoryEntry>(missing.Count);
        for (var s = first; s <= last; s++)
        {
            if (_whole.TryGetValue(s, out var kept) || found.TryGetValue(s, out kept))
            {
                entries.Add(kept);
                if (s > app.History.Count - ShownHistoryEntries)
                {
                    _whole[s] = kept;
                }
            }
            else
            {
                logger.LogError("Application {ApplicationId}: history row {Sequence} is missing; shown without its reason and user", Id, s);
                entries.Add(app.History[s - 1]);
            }
        }
        return entries;
    }

    private IEnumerable<HistoryEntry> UnrowedEntries() =>
        state.State.Unrowed.Select(json => JsonSerializer.Deserialize<HistoryEntry>(json, ApplicationJson.Options)!);

    // Sets the new value (its last entry the one just made), compact, and keeps its whole last entry until its row is written.
    private void SetValue(Application app)
    {
        var entry = app.History[^1];
        var kept = UnrowedEntries().Where(e => e.Sequence < entry.Sequence).Select(e => JsonSerializer.Serialize(e, ApplicationJson.Options));
        state.State.Unrowed = [.. kept, JsonSerializer.Serialize(entry, ApplicationJson.Options)];
        state.State.Json = ApplicationJson.Serialize(HistoryCompaction.Compact(app));
        state.State.Version = FormatVersion;
        _whole[entry.Sequence] = entry;
        foreach (var old in _whole.Keys.Where(s => s <= entry.Sequence - ShownHistoryEntries).ToList())
        {
            _whole.Remove(old);
        }
    }

    // After a booking was undone: entries from `sequence + 1` on are no longer the value's, so they are neither kept whole
    // nor written as rows (a row already written for one is ignored, and overwritten by the next transition).
    private void ForgetEntriesAfter(int sequence)
    {
        state.State.Unrowed = [.. state.State.Unrowed.Where(json => JsonSerializer.Deserialize<HistoryEntry>(json, ApplicationJson.Options)!.Sequence <= sequence)];
        foreach (var s in _whole.Keys.Where(s => s > sequence).ToList())
        {
            _whole.Remove(s);
        }
        foreach (var s in _effects.Keys.Where(s => s > sequence).ToList())
        {
            _effects.Remove(s);
        }
        _effectsThrough = Math.Min(_effectsThrough, sequence);
    }

    // Writes the state and, beside it, the rows of the entries it keeps whole. The state's failure is the call's; a
    // failed row write leaves the entries in the state, to be written with the next change.
    private async Task WriteWithRows()
    {
        var entries = UnrowedEntries().ToList();
        var rows = WriteRows(entries, RepliesOf(entries));
        var stored = this.WriteOrDropAsync(state);
        var rowsWritten = await rows;
        await stored;
        if (rowsWritten)
        {
            var written = entries.Select(e => e.Sequence).ToHashSet();
            state.State.Unrowed = [.. state.State.Unrowed.Where(json => !written.Contains(JsonSerializer.Deserialize<HistoryEntry>(json, ApplicationJson.Options)!.Sequence))];
        }
    }

    // Before deciding a transition: with as many whole entries waiting as the state may keep, their rows are written first.
    private async Task FlushRowsIfFull()
    {
        if (state.State.Unrowed.Count >= ApplicationStateBudget.MaxUnrowedEntries)
        {
            // A failure here is the storage's own (transient: answered as such); nothing was decided yet.
            var entries = UnrowedEntries().ToList();
            await history.WriteAsync(Id, entries, RepliesOf(entries));
            state.State.Unrowed = [];
        }
    }

    // The answers of the entries whose rows are written (at most one key per transition), still in the state's newest
    // answers, and the answer of the entry before them: a booked transition's answer is remembered when the booking is
    // closed, by the next transition's write, after its own entry's row was written (without it, that answer was never
    // in a row and was lost once the state forgot it).
    private List<StoredReply> RepliesOf(IReadOnlyList<HistoryEntry> entries)
    {
        var sequences = entries.Select(e => e.Sequence).ToHashSet();
        return [.. state.State.Replies
            .Where(r => r.Value is { Reply: null, Json: { Length: <= ApplicationHistoryLimits.MaxReplyChars } }
                && (sequences.Contains(r.Value.Sequence) || sequences.Contains(r.Value.Sequence + 1))
                && r.Key.Length <= ApplicationHistoryLimits.MaxKeyLength)
            .Select(r => new StoredReply(r.Key, r.Value.Fingerprint, r.Value.Sequence, r.Value.Status, r.Value.Json!, r.Value.Window))];
    }

    // An answer older than the state's newest: its key's hash is in the state, the answer in its row (one read, only then).
    private async Task<RememberedReply?> OlderReply(string? key)
    {
        if (key is null || key.Length > ApplicationHistoryLimits.MaxKeyLength || !state.State.KeyHashes.ContainsKey(ApplicationHistoryLimits.KeyHash(key)))
        {
            return null;
        }
        return await history.ReadReplyAsync(Id, key) is { } row ? new RememberedReply(row.Fingerprint, null, row.Sequence, row.Status, row.Json, row.Window) : null;
    }

    private async Task<bool> WriteRows(IReadOnlyList<HistoryEntry> entries, IReadOnlyList<StoredReply> replies)
    {
        try
        {
            await history.WriteAsync(Id, entries, replies);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            HistoryRowFailures.Add(1);
            logger.LogWarning(ex, "Application {ApplicationId}: history rows {Sequences} not written; the state keeps them and the next change writes them again",
                Id, string.Join(",", entries.Select(e => e.Sequence)));
            return false;
        }
    }

    // A value stored before the history went to rows (format 1 or 2): its whole history is written as rows, then the
    // value compact. A failure between the two leaves the old value, and the next activation does it again.
    private async Task MigrateHistory()
    {
        if (state.State.Json is null || state.State.Version >= FormatVersion)
        {
            return;
        }
        var app = Load();
        await Task.WhenAll(app.History.Chunk(ApplicationHistoryLimits.MaxBatch).Select(chunk => history.WriteAsync(Id, chunk)));
        state.State.Json = ApplicationJson.Serialize(HistoryCompaction.Compact(app));
        state.State.Version = FormatVersion;
        state.State.Unrowed = [];
        await this.WriteOrDropAsync(state);
        logger.LogInformation("Application {ApplicationId}: {Count} history entries moved to rows", Id, app.History.Count);
    }

    // The value with its whole history (for exports): every row, and the unrowed entries of the state.
    private async Task<Application> Whole()
    {
        var app = Load();
        return HistoryCompaction.Expand(app, await WholeEntries(app, 1, app.History.Count));
    }
}
