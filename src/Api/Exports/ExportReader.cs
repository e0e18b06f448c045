using System.Runtime.CompilerServices;
using NodaTime;
using NodaTime.Text;
using PvoFinance.Applications;
using PvoFinance.Exports;
using PvoFinance.Funding;
using PvoFinance.Grains.Applications;
using PvoFinance.Grains.Contracts;
using PvoFinance.Grains.Funding;
using PvoFinance.Ledger;
using PvoFinance.LedgerFigures;
using PvoFinance.Regions;

namespace PvoFinance.Api.Exports;

/// <summary>
/// Reads the ledger for an export: the lookups (sources, applications of the scope's regions), then every journal the
/// scope may have rows in — in a fixed order, entry by entry, page by page — keeping what was recorded by the as-of
/// cut-off, in the period and in scope. Memory holds one page and the lookups, whatever the size of the ledger.
/// </summary>
public sealed class ExportReader
{
    private const int Page = 1_000;
    private readonly IGrainFactory _grains;
    private readonly ExportQuery _query;
    private readonly ExportScope _scope;
    private ExportLookups? _lookups;
    private readonly List<string> _journals = [];
    // Links an intermediary's passing-on lines to its incoming ones (regrant_of); fed in reading order, on one thread.
    private readonly PassThroughLinks _passThrough = new();

    /// <summary>A reader of <paramref name="query"/>.</summary>
    public ExportReader(IGrainFactory grains, ExportQuery query)
    {
        _grains = grains;
        _query = query;
        _scope = new ExportScope(query.Scope, RegionCatalog.Shipped);
    }

    /// <summary>The journals read so far (after <see cref="Rows"/> has run: all of them).</summary>
    public IReadOnlyList<string> Journals => _journals;

    /// <summary>The lookups, loaded on first use.</summary>
    public async Task<ExportLookups> LookupsAsync()
    {
        if (_lookups is not null)
        {
            return _lookups;
        }
        var sources = new Dictionary<string, FundingSourceDefinition>(StringComparer.Ordinal);
        foreach (var entry in (await _grains.GetGrain<IFundingRegistryGrain>(0).List()).OrderBy(e => e.Id, StringComparer.Ordinal))
        {
            if (await _grains.GetGrain<IFundingSourceGrain>(entry.Id).GetDefinition() is { } dto && FundingSourceMapper.ToDefinition(dto).Definition is { } d)
            {
                sources[d.Id] = d;
            }
        }
        var applications = new Dictionary<string, Application>(StringComparer.Ordinal);
        foreach (var region in _scope.Regions)
        {
            foreach (var summary in await ApplicationLists.AllAsync(_grains, region))
            {
                if (await _grains.GetGrain<IApplicationGrain>(summary.Id).Snapshot() is { } json)
                {
                    applications[summary.Id] = ApplicationJson.Deserialize(json);
                }
            }
        }
        return _lookups = new ExportLookups(RegionCatalog.Shipped, sources, applications);
    }

    /// <summary>
    /// Every ledger entry the export may take rows from, in journal and sequence order: recorded before the as-of
    /// cut-off, in the period, with posted legs; a reversal knows the sequence of what it reverses.
    /// </summary>
    public async IAsyncEnumerable<LedgerLine> Lines([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var lookups = await LookupsAsync();
        var journals = new List<string>();
        foreach (var source in lookups.Sources.Values.Where(_scope.Reads).OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            if (await _grains.GetGrain<IFundingSourceGrain>(source.Id).Get() is { } details)
            {
                journals.AddRange(details.Years.Select(y => y.Year).Order().Select(y => FundingAccounts.Journal(source.Id, y)));
            }
        }
        journals.AddRange(lookups.Sources.Values.Select(s => s.Intermediary).OfType<string>().Distinct().Order(StringComparer.Ordinal).Select(FundingAccounts.IntermediaryJournal));
        journals.AddRange(_scope.Regions.Select(FundingAccounts.RegionJournal));
        // Projects are found where the money went: the clearing accounts of the regions' journals name them.
        var projects = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var journal in journals)
        {
            await foreach (var line in Journal(journal, projects, cancellationToken))
            {
                yield return line;
            }
        }
        foreach (var journal in projects)
        {
            await foreach (var line in Journal(journal, null, cancellationToken))
            {
                yield return line;
            }
        }
    }

    /// <summary>The rows of one entry that are in scope (pure: safe to run on several threads).</summary>
    public IEnumerable<TransactionRow> Expand(LedgerLine line)
    {
        var lookups = _lookups ?? throw new InvalidOperationException("Read the lines first.");
        foreach (var row in TransactionRows.Of(line, lookups))
        {
            var sourceId = SourceOfRow(row);
            if (_scope.Keeps(row, sourceId is null ? null : lookups.Sources.GetValueOrDefault(sourceId)))
            {
                yield return row;
            }
        }
    }

    /// <summary>Every transaction row of the export, in order (one thread).</summary>
    public async IAsyncEnumerable<TransactionRow> Rows([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var line in Lines(cancellationToken))
        {
            foreach (var row in Expand(line))
            {
                yield return row;
            }
        }
    }

    private async IAsyncEnumerable<LedgerLine> Journal(string journal, SortedSet<string>? projects, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _journals.Add(journal);
        var ledger = _grains.GetGrain<ILedgerGrain>(journal);
        var keys = new Dictionary<string, long>(StringComparer.Ordinal);
        long after = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await ledger.GetEntries(after, Page);
            if (page.Count == 0)
            {
                yield break;
            }
            foreach (var e in page)
            {
                after = e.Sequence;
                if (e.Kind == nameof(EntryKind.Posted) || e.Kind == nameof(EntryKind.Reversal) || e.Kind == nameof(EntryKind.PostReservation))
                {
                    // Only what can be reversed is remembered: a reversal names a posted entry by its key.
                    keys[e.Key] = e.Sequence;
                }
                var recorded = InstantPattern.ExtendedIso.Parse(e.RecordedAt).Value;
                var valueDate = LocalDatePattern.Iso.Parse(e.ValueDate).Value;
                if (recorded >= _query.Cutoff || !_query.InPeriod(valueDate) || e.Postings.Count == 0)
                {
                    continue;
                }
                long? reverses = e.Kind == nameof(EntryKind.Reversal) && e.Reference is { } r && keys.TryGetValue(r, out var s) ? s : null;
                if (projects is not null)
                {
                    foreach (var p in e.Postings)
                    {
                        if (TypedAccount.Parse(journal, p.Account) is { Kind: AccountKind.Clearing, Counterpart: { Kind: JournalKind.Project } project })
                        {
                            projects.Add(project.Id);
                        }
                    }
                }
                yield return _passThrough.Link(new LedgerLine(journal, e.Sequence, e.Key, e.Kind, valueDate, recorded, e.Reference,
                    [.. e.Postings.Select(p => new LedgerLeg(p.Account, p.Cents))], e.Memo, e.Hash, e.PreviousHash, reverses));
            }
        }
    }

    // A fund's ceiling rows carry no region; the source is the one the typed budget or appropriation account names.
    private static string? SourceOfRow(TransactionRow row) =>
        TypedAccount.Parse(row.Journal, row.DebitAccount) is { Kind: AccountKind.Appropriation or AccountKind.Budget } a ? a.Source : null;

    /// <summary>The funder-grants of the scope's applications as of the date, from the export's rows.</summary>
    public async Task<IReadOnlyList<GrantRow>> GrantsAsync(CancellationToken cancellationToken)
    {
        var rows = new List<TransactionRow>();
        await foreach (var row in Rows(cancellationToken))
        {
            if (row.ActivityId.Length > 0)
            {
                rows.Add(row);
            }
        }
        var lookups = await LookupsAsync();
        // Grouped once: each application gets its own rows instead of filtering the whole scope's rows again.
        var byActivity = rows.ToLookup(r => r.ActivityId, StringComparer.Ordinal);
        return [.. lookups.Applications.Values.OrderBy(a => a.Id, StringComparer.Ordinal)
            .SelectMany(a => GrantRows.Of(a, byActivity[GrantRows.ActivityId(a)], lookups, _query.Cutoff - Duration.Epsilon))];
    }
}
