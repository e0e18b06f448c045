using NodaTime;
using NodaTime.Text;
using PvoFinance.Access;
using PvoFinance.Api.Funding;
using PvoFinance.Exports;
using PvoFinance.Funding;
using PvoFinance.Grains.Contracts;
using PvoFinance.Grains.Funding;
using PvoFinance.Grains.LedgerFigures;
using PvoFinance.LedgerFigures;
using PvoFinance.Planning;
using PvoFinance.Regions;

namespace PvoFinance.Api.Exports;

/// <summary>
/// Reads what <c>budgets.csv</c> needs from the ledger as it stood at the query's cut-off (the entries recorded before
/// it): per source, region and fiscal year what was committed and what came in, as the figures module computes them
/// (the same figures as <see cref="RegionFundingQuery"/>), and the commitments every region's plan starts from. Then runs the scenario over the fiscal years and builds the rows.
/// </summary>
public sealed class BudgetReader(IGrainFactory grains, BudgetQuery query)
{
    private readonly List<string> _journals = [];

    /// <summary>The journals read (after <see cref="RowsAsync"/>), in reading order.</summary>
    public IReadOnlyList<string> Journals => _journals;

    /// <summary>The export's rows.</summary>
    public async Task<IReadOnlyList<BudgetRow>> RowsAsync()
    {
        var scope = new ExportScope(query.Export.Scope, RegionCatalog.Shipped);
        var regions = scope.Regions;
        var (actuals, commitments) = await ActualsAsync(regions);
        // The plan: the scenario over the fiscal years, from the region profiles and populations as they stand and
        // the ledger's commitments as of the cut-off (all ten regions: a budget-neutral pot is shared by all).
        var details = await Task.WhenAll(RegionDefinition.All.Select(r => grains.GetGrain<IRegionGrain>(r.Id).GetDetails()));
        var profiles = details.ToDictionary(d => d.RegionId, d => d.Profile.ToProfile(), StringComparer.Ordinal);
        var populations = details.Where(d => d.Latest is not null)
            .Select(d => new RegionPopulation(d.RegionId, d.Latest!.Year, d.Latest.Municipalities.ToDictionary(m => m.Code, m => m.Inhabitants, StringComparer.Ordinal)))
            .ToList();
        var planningBase = PlanningBase.Create(RegionCatalog.Shipped, query.From, query.Years, commitments, StatusQuo.From(profiles), populations);
        var run = ProjectionEngine.Run(planningBase, query.Scenario);
        return BudgetExport.Rows(run, query.ScenarioId, query.Version, regions, actuals);
    }

    private async Task<(List<BudgetActual> Actuals, List<PlannedCommitment> Commitments)> ActualsAsync(IReadOnlyList<string> regions)
    {
        var years = Enumerable.Range(query.From, query.Years).ToList();
        var inScope = regions.ToHashSet(StringComparer.Ordinal);
        var sources = new List<FundingSourceDetailsDto>();
        foreach (var entry in (await grains.GetGrain<IFundingRegistryGrain>(0).List()).OrderBy(e => e.Id, StringComparer.Ordinal))
        {
            if (await grains.GetGrain<IFundingSourceGrain>(entry.Id).Get() is { } found)
            {
                sources.Add(found);
            }
        }
        // Every figure from the figures module, over the entries recorded before the cut-off: the regions' journals and
        // the sources' years in the export's range.
        _journals.AddRange(regions.Select(FundingAccounts.RegionJournal));
        _journals.AddRange(sources.SelectMany(d => d.Years.Select(y => y.Year).Where(years.Contains).Order().Select(y => FundingAccounts.Journal(d.Source.Id, y))));
        var lines = new JournalLines(grains);
        var book = new FigureBook();
        foreach (var journal in _journals)
        {
            book.AddRange((await lines.ReadAsync(journal)).Where(l => l.RecordedAt < query.Export.Cutoff));
        }

        var actuals = new List<BudgetActual>();
        var commitments = new List<PlannedCommitment>();
        foreach (var details in sources)
        {
            var s = details.Source;
            var kind = FundingViews.KindName(s.Kind);
            var journalYears = details.Years.Select(y => y.Year).ToHashSet();
            if (s.Kind is nameof(FundingSourceKind.NationalScheme) or nameof(FundingSourceKind.ProvincialFund))
            {
                var line = s.Kind == nameof(FundingSourceKind.NationalScheme) ? IncomeSource.RijkScheme : IncomeSource.Province;
                foreach (var year in years)
                {
                    foreach (var region in RegionDefinition.All.Select(r => r.Id))
                    {
                        var f = book.SourceYear(s.Id, year, region);
                        if (f.Committed > 0)
                        {
                            commitments.Add(new PlannedCommitment(region, year, line, new Money(f.Committed)));
                        }
                        // What reached the region's journal from the source with a value date in the year, net of what it paid back.
                        var came = book.ReceivedInYear(region, s.Id, year);
                        if (inScope.Contains(region) && (f.Committed != 0 || came != 0 || f.PaidOut != 0 || f.Released != 0))
                        {
                            actuals.Add(new BudgetActual(region, year, s.Id, kind, f.Committed, came));
                        }
                    }
                }
                continue;
            }
            // The regions' own pots: what was invoiced or contributed, and what came in (a contribution is received
            // as it is made); hours in kind at their value.
            if (!Scope.TryParse(s.Owner, out var owner) || owner.Level != ScopeLevel.Region || !inScope.Contains(owner.Name!))
            {
                continue;
            }
            foreach (var year in years.Where(journalYears.Contains))
            {
                var f = book.SourceYear(s.Id, year);
                var (committed, came) = s.Kind == nameof(FundingSourceKind.InKind) ? (0, f.InKind) : (f.Raised, f.CashIn);
                if (committed != 0 || came != 0)
                {
                    actuals.Add(new BudgetActual(owner.Name!, year, s.Id, kind, committed, came));
                }
            }
        }
        return (actuals, commitments);
    }
}
