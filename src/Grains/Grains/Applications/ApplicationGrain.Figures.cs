using System.Text.Json;
using PvoFinance.Applications;
using PvoFinance.Funding;
using PvoFinance.Grains.Contracts;
using PvoFinance.Grains.LedgerFigures;
using PvoFinance.Ledger;
using PvoFinance.LedgerFigures;

namespace PvoFinance.Grains.Applications;

/// <summary>What an application shows: its value, the caller's actions, and its money read back from the ledger.</summary>
public sealed partial class ApplicationGrain
{
    // The view without its history: the answer shows a window of whole entries (Shown, ApplicationGrain.History.cs), so
    // the compact history is neither shown nor serialized here.
    private async Task<ApplicationView> ViewOf(Application app, Actor who)
    {
        var figures = await Figures(app);
        var actions = new ApplicationWorkflow(app, Rules, clock).PermittedTriggers(who).Select(ActionNames.Of).ToList();
        // Lists as lists: the view crosses a grain call, and Orleans writes a List<T>, not whatever type a collection
        // expression in the core happened to make.
        return new ApplicationView(app.Id, app.Region, state.State.SourceId!, ApplicationBookings.GrantYear(app), app.FundOwner, app.State, app.Title,
            app.Requested, app.ProjectCosts, app.Theme, app.Plan.ToList(), app.Split.ToList(), app.Tier, figures, app.Deadlines, app.Advances.ToList(),
            app.AdvancesPaidCount, [], actions)
        {
            Objections = [.. app.Objections],
            Penalty = app.Penalty,
            PenaltyOwed = app.Penalty?.OwedOn(LegalClocks.Today(clock.GetCurrentInstant())),
        };
    }

    // A history entry with the ledger keys and journals of its effects, so an auditor can find every entry it caused.
    private HistoryView HistoryOf(Application app, HistoryEntry h)
    {
        var refs = new List<LedgerEntryRef>();
        if (h.Effects.Count > 0)
        {
            var attempt = state.State.BookedAttempts.GetValueOrDefault(h.Sequence);
            for (var i = 0; i < h.Effects.Count; i++)
            {
                if (ApplicationBookings.YearOf(app, h.Effects[i]) is not { } year)
                {
                    continue;
                }
                var key = ApplicationBookings.Key(Id, h.Sequence, attempt, i);
                var journals = ApplicationBookings.Plan(h.Effects[i], ApplicationBookings.Accounts.For(h.Effects[i].Source, year, app.Region)) switch
                {
                    ApplicationBookings.Transfer t => new[] { t.FromJournal, t.ToJournal },
                    _ => [FundingAccounts.Journal(h.Effects[i].Source, year)],
                };
                refs.Add(new LedgerEntryRef(key, journals));
            }
        }
        return new HistoryView(h.Sequence, h.At, h.UserId, h.Role, h.Trigger, h.From, h.To, h.Reason, h.Effects.ToList(), refs, h.UserName, h.LetterSha256, h.DocumentSha256);
    }

    /// <summary>
    /// Per source, the figures module's figures over this application's entries in the source's journal and in the
    /// region's journal, beside the position folded from the workflow's effects; the totals add the sources up. The
    /// entries are read by their keys (<see cref="LedgerKeys"/>), never by scanning a journal.
    /// </summary>
    private async Task<ApplicationFigures> Figures(Application app)
    {
        var positions = app.Positions();
        var rows = new List<SourceFigures>();
        var year = ApplicationBookings.GrantYear(app);
        var book = year is { } y ? new FigureBook().AddRange(await Lines.ReadAsync(LedgerKeys(app, y, await EffectsOf(app)))) : new FigureBook();
        foreach (var (source, expected) in positions)
        {
            var f = book.Application(Id, source);
            var matches = f.Open == expected.OpenCommitment.Cents && f.Payable == expected.Payable.Cents && f.ToReclaim == expected.Receivable.Cents
                && f.Reclaimed == expected.Reclaimed.Cents && f.Paid == expected.NetPaid.Cents && f.Received == expected.NetPaid.Cents;
            var granted = app.Split.FirstOrDefault(p => p.Source == source)?.Amount ?? Money.Zero;
            rows.Add(new SourceFigures(source, granted, new(f.Open), new(f.Paid), new(f.Payable), new(f.ToReclaim), new(f.Reclaimed), new(f.Subsidy), matches));
        }
        Money Sum(Func<SourceFigures, Money> pick) => new(rows.Sum(r => pick(r).Cents));
        return new ApplicationFigures(app.Granted, app.Determined, Sum(r => r.Open), Sum(r => r.Paid), Sum(r => r.Payable), Sum(r => r.ToReclaim),
            Sum(r => r.Reclaimed), Sum(r => r.Subsidy), rows.All(r => r.MatchesDecisions), rows);
    }

    /// <summary>
    /// Every ledger entry this application's bookings may have made, by journal and key: for each effect of the history
    /// (in the attempt that booked it), what the booking saga writes — a commitment's reservation, its post (or void),
    /// a posting, a transfer's reserve, post (or void) in the paying journal and credit in the receiving one (the keys
    /// of the saga's transfer, <see cref="SagaKeys"/>). This mirrors the booking's key scheme (<see cref="SagaPlan"/>); the
    /// figures tests fail if they drift apart.
    /// A void is only asked while its post is not found (a posted reservation is closed and is never voided).
    /// </summary>
    private IEnumerable<(string Journal, string Key)> LedgerKeys(Application app, int year, IReadOnlyDictionary<int, IReadOnlyList<LedgerEffect>> effects)
    {
        foreach (var h in app.History.Where(h => effects.ContainsKey(h.Sequence)))
        {
            var attempt = state.State.BookedAttempts.GetValueOrDefault(h.Sequence);
            var made = effects[h.Sequence];
            for (var i = 0; i < made.Count; i++)
            {
                var effect = made[i];
                if (ApplicationBookings.IsPenalty(effect))
                {
                    continue;   // the fund owner's own cost, not the grant's figures
                }
                var key = ApplicationBookings.Key(Id, h.Sequence, attempt, i);
                var accounts = ApplicationBookings.Accounts.For(effect.Source, year, app.Region);
                switch (ApplicationBookings.Plan(effect, accounts))
                {
                    case ApplicationBookings.Posting when effect.Kind == LedgerEffectKind.Commit:
                        foreach (var k in Reservation(accounts.SourceJournal, key, $"{key}:post", $"{key}:void"))
                        {
                            yield return k;
                        }
                        break;
                    case ApplicationBookings.Posting:
                        yield return (accounts.SourceJournal, key);
                        break;
                    case ApplicationBookings.Transfer t:
                        foreach (var k in Reservation(t.FromJournal, $"{key}:reserve", $"{key}:{PassThroughTransfers.Post}", $"{key}:void"))
                        {
                            yield return k;
                        }
                        yield return (t.ToJournal, $"{key}:{PassThroughTransfers.Credit}");
                        break;
                }
            }
        }

        IEnumerable<(string, string)> Reservation(string journal, string reserve, string post, string @void) =>
            Lines.Has(journal, post) ? [(journal, reserve), (journal, post)] : [(journal, reserve), (journal, post), (journal, @void)];
    }

    // The effects of every history entry that has any, by sequence, as far as this activation has read the whole entries.
    private readonly Dictionary<int, IReadOnlyList<LedgerEffect>> _effects = [];
    private int _effectsThrough;

    /// <summary>
    /// The effects of the history: the stored value's history is compact (effects folded away, issue 14), so the whole
    /// entries are read once per activation from the history rows (one partition of this application, never a journal)
    /// and later entries are added as they are made (the newest are in memory).
    /// </summary>
    private async Task<IReadOnlyDictionary<int, IReadOnlyList<LedgerEffect>>> EffectsOf(Application app)
    {
        var count = app.History.Count;
        if (count < _effectsThrough)
        {
            // A booking was undone and its entry taken back: forget what lies beyond the value.
            foreach (var s in _effects.Keys.Where(s => s > count).ToList())
            {
                _effects.Remove(s);
            }
            _effectsThrough = count;
        }
        if (count > _effectsThrough)
        {
            foreach (var h in await WholeEntries(app, _effectsThrough + 1, count))
            {
                if (h.Effects.Count > 0)
                {
                    _effects[h.Sequence] = h.Effects;
                }
                else
                {
                    _effects.Remove(h.Sequence);
                }
            }
            _effectsThrough = count;
        }
        return _effects;
    }

    // What was read of this application's entries so far: entries are immutable once written, so only new ones are read.
    private KeyedLines? _lines;

    private KeyedLines Lines => _lines ??= new KeyedLines(GrainFactory);
}
