using System.Text.Json;
using PvoFinance.Applications;
using PvoFinance.Funding;
using PvoFinance.Grains.Contracts;
using PvoFinance.Ledger;

namespace PvoFinance.Grains.Applications;

/// <summary>What an application shows: its value, the caller's actions, and its money read back from the ledger.</summary>
public sealed partial class ApplicationGrain
{
    private async Task<ApplicationReply> View(Application app, Actor who, int status)
    {
        var figures = await Figures(app);
        var actions = new ApplicationWorkflow(app, Rules, clock).PermittedTriggers(who).Select(ActionNames.Of).ToList();
        var view = new ApplicationView(app.Id, app.Region, state.State.SourceId!, ApplicationBookings.GrantYear(app), app.FundOwner, app.State, app.Title,
            app.Requested, app.ProjectCosts, app.Theme, app.Plan, app.Split, app.Tier, figures, app.Deadlines, app.Advances, app.AdvancesPaidCount,
            [.. app.History.Select(h => HistoryOf(app, h))], actions);
        return ApplicationReply.Success(status, JsonSerializer.Serialize(view, ApplicationJson.Options));
    }

    // A history entry with the ledger keys and journals of its effects, so an auditor can find every entry it caused.
    private HistoryView HistoryOf(Application app, HistoryEntry h)
    {
        var refs = new List<LedgerEntryRef>();
        if (h.Effects.Count > 0 && ApplicationBookings.GrantYear(app) is { } year)
        {
            var attempt = state.State.BookedAttempts.GetValueOrDefault(h.Sequence);
            for (var i = 0; i < h.Effects.Count; i++)
            {
                var key = ApplicationBookings.Key(Id, h.Sequence, attempt, i);
                var journals = ApplicationBookings.Plan(h.Effects[i], ApplicationBookings.Accounts.For(h.Effects[i].Source, year, app.Region)) switch
                {
                    ApplicationBookings.Transfer t => new[] { t.FromJournal, t.ToJournal },
                    _ => [FundingAccounts.Journal(h.Effects[i].Source, year)],
                };
                refs.Add(new LedgerEntryRef(key, journals));
            }
        }
        return new HistoryView(h.Sequence, h.At, h.UserId, h.Role, h.Trigger, h.From, h.To, h.Reason, h.Effects, refs);
    }

    /// <summary>
    /// Per source, the sums over this application's entries in the source's journal and in the region's journal,
    /// beside the position folded from the workflow's effects; the totals add the sources up.
    /// </summary>
    private async Task<ApplicationFigures> Figures(Application app)
    {
        var positions = app.Positions();
        var rows = new List<SourceFigures>();
        var year = ApplicationBookings.GrantYear(app);
        var regionLegs = year is null ? [] : await Postings(FundingAccounts.RegionJournal(app.Region));
        foreach (var (source, expected) in positions)
        {
            long open = 0, payable = 0, toReclaim = 0, reclaimed = 0, paid = 0;
            if (year is { } y)
            {
                var a = ApplicationBookings.Accounts.For(source, y, app.Region);
                foreach (var p in await Postings(a.SourceJournal))
                {
                    if (p.Account == a.Commitment) { open -= p.Cents; }
                    else if (p.Account == a.Payable) { payable -= p.Cents; }
                    else if (p.Account == a.Receivable)
                    {
                        toReclaim += p.Cents;
                        reclaimed += p.Cents < 0 ? -p.Cents : 0;
                    }
                }
                paid = -regionLegs.Where(p => p.Account == a.RegionFunds).Sum(p => p.Cents);
            }
            var matches = open == expected.OpenCommitment.Cents && payable == expected.Payable.Cents && toReclaim == expected.Receivable.Cents
                && reclaimed == expected.Reclaimed.Cents && paid == expected.NetPaid.Cents;
            var granted = app.Split.FirstOrDefault(p => p.Source == source)?.Amount ?? Money.Zero;
            rows.Add(new SourceFigures(source, granted, new(open), new(paid), new(payable), new(toReclaim), new(reclaimed), new(open + paid + payable - toReclaim), matches));
        }
        Money Sum(Func<SourceFigures, Money> pick) => new(rows.Sum(r => pick(r).Cents));
        return new ApplicationFigures(app.Granted, app.Determined, Sum(r => r.Open), Sum(r => r.Paid), Sum(r => r.Payable), Sum(r => r.ToReclaim),
            Sum(r => r.Reclaimed), Sum(r => r.Subsidy), rows.All(r => r.MatchesDecisions), rows);
    }

    // What was read of each journal so far: entries are immutable once written, so only newer ones are read again.
    private readonly Dictionary<string, (long After, List<PostingDto> Legs)> _read = new(StringComparer.Ordinal);

    // The posted legs of this application's entries in one journal (reservations count once posted). The first read
    // of a journal in an activation scans it; later reads continue after the last entry seen.
    private async Task<List<PostingDto>> Postings(string journal)
    {
        var prefix = ApplicationBookings.KeyPrefix(Id);
        var (after, legs) = _read.TryGetValue(journal, out var known) ? known : (0L, new List<PostingDto>());
        var ledger = Ledger(journal);
        while (true)
        {
            var page = await ledger.GetEntries(after, PageSize);
            foreach (var e in page)
            {
                if (e.Key.StartsWith(prefix, StringComparison.Ordinal) && e.Kind is not (nameof(EntryKind.Reserve) or nameof(EntryKind.VoidReservation)))
                {
                    legs.AddRange(e.Postings);
                }
            }
            if (page.Count == 0)
            {
                _read[journal] = (after, legs);
                return legs;
            }
            after = page[^1].Sequence;
        }
    }
}
