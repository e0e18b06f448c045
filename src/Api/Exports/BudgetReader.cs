using NodaTime;
using NodaTime.Text;
using PvoFinance.Access;
using PvoFinance.Api.Funding;
using PvoFinance.Exports;
using PvoFinance.Funding;
using PvoFinance.Grains.Contracts;
using PvoFinance.Grains.Funding;
using PvoFinance.Planning;
using PvoFinance.Regions;

namespace PvoFinance.Api.Exports;

/// <summary>
/// Reads what <c>budgets.csv</c> needs from the ledger as it stood at the query's cut-off (every balance is read with
/// <c>knownAt</c> = the last instant of the as-of day): per source, region and fiscal year what was committed and what
/// came in, the way the projection's actuals read it (<see cref="RegionFundingQuery"/>), and the commitments every
/// region's plan starts from. Then runs the scenario over the fiscal years and builds the rows.
/// </summary>
public sealed class BudgetReader(IGrainFactory grains, BudgetQuery query)
{
    private const string AnyValueDate = "2100-12-31";
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
        var knownAt = InstantPattern.ExtendedIso.Format(query.Export.Cutoff - Duration.Epsilon);
        var years = Enumerable.Range(query.From, query.Years).ToList();
        var inScope = regions.ToHashSet(StringComparer.Ordinal);

        // What reached each region's journal from each source with a value date in the year, as known at the cut-off.
        var received = new Dictionary<(string Region, string Source, int Year), long>();
        foreach (var region in regions)
        {
            var journal = FundingAccounts.RegionJournal(region);
            _journals.Add(journal);
            var ledger = grains.GetGrain<ILedgerGrain>(journal);
            var prefix = $"region:{region}:";
            var before = await Credits(ledger, $"{query.From - 1}-12-31", knownAt, prefix);
            foreach (var year in years)
            {
                var end = await Credits(ledger, $"{year}-12-31", knownAt, prefix);
                foreach (var (source, credits) in end)
                {
                    if (credits - before.GetValueOrDefault(source) is var moved && moved != 0)
                    {
                        received[(region, source, year)] = moved;
                    }
                }
                before = end;
            }
        }

        var actuals = new List<BudgetActual>();
        var commitments = new List<PlannedCommitment>();
        foreach (var entry in (await grains.GetGrain<IFundingRegistryGrain>(0).List()).OrderBy(e => e.Id, StringComparer.Ordinal))
        {
            if (await grains.GetGrain<IFundingSourceGrain>(entry.Id).Get() is not { } details)
            {
                continue;
            }
            var s = details.Source;
            var kind = FundingViews.KindName(s.Kind);
            var journalYears = details.Years.Select(y => y.Year).ToHashSet();
            if (s.Kind is nameof(FundingSourceKind.NationalScheme) or nameof(FundingSourceKind.ProvincialFund))
            {
                var line = s.Kind == nameof(FundingSourceKind.NationalScheme) ? IncomeSource.RijkScheme : IncomeSource.Province;
                foreach (var year in years)
                {
                    var balances = journalYears.Contains(year) ? await Balances(FundingAccounts.Journal(s.Id, year), knownAt) : [];
                    foreach (var region in RegionDefinition.All.Select(r => r.Id))
                    {
                        var commitment = balances.GetValueOrDefault(FundingAccounts.Commitment(s.Id, year, region).Value);
                        var committed = commitment?.CreditsPosted ?? 0;
                        if (committed > 0)
                        {
                            commitments.Add(new PlannedCommitment(region, year, line, new Money(committed)));
                        }
                        var came = received.GetValueOrDefault((region, s.Id, year));
                        if (inScope.Contains(region) && (committed != 0 || came != 0 || (commitment?.DebitsPosted ?? 0) != 0))
                        {
                            actuals.Add(new BudgetActual(region, year, s.Id, kind, committed, came));
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
                var b = await Balances(FundingAccounts.Journal(s.Id, year), knownAt);
                long committed, came;
                if (s.Kind == nameof(FundingSourceKind.InKind))
                {
                    committed = 0;
                    came = b.GetValueOrDefault(FundingAccounts.InKind(s.Id, year).Value)?.PostedBalance ?? 0;
                }
                else
                {
                    committed = b.GetValueOrDefault(FundingAccounts.Budget(s.Id, year).Value)?.CreditsPosted ?? 0;
                    came = s.Kind == nameof(FundingSourceKind.Private) ? committed : b.GetValueOrDefault(FundingAccounts.Cash(s.Id, year).Value)?.DebitsPosted ?? 0;
                }
                if (committed != 0 || came != 0)
                {
                    actuals.Add(new BudgetActual(owner.Name!, year, s.Id, kind, committed, came));
                }
            }
        }
        return (actuals, commitments);
    }

    private async Task<Dictionary<string, BalanceDto>> Balances(string journal, string knownAt)
    {
        _journals.Add(journal);
        return (await grains.GetGrain<ILedgerGrain>(journal).GetBalancesAsOf(AnyValueDate, knownAt)).ToDictionary(b => b.Account, StringComparer.Ordinal);
    }

    private static async Task<Dictionary<string, long>> Credits(ILedgerGrain ledger, string date, string knownAt, string prefix) =>
        (await ledger.GetBalancesAsOf(date, knownAt)).Where(b => b.Account.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(b => b.Account[prefix.Length..], b => b.CreditsPosted, StringComparer.Ordinal);
}
