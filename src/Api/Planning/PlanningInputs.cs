using NodaTime;
using PvoFinance.Api.Funding;
using PvoFinance.Grains.Contracts;
using PvoFinance.Planning;
using PvoFinance.Regions;

namespace PvoFinance.Api.Planning;

/// <summary>
/// What planning reads from the ledger: commitments already made for every year of the horizon (multi-year ones
/// included, as each year's journal holds its part) and, for past and current years, what was actually received.
/// Everything goes through <see cref="RegionFundingQuery"/>, so the plan shows exactly what the funding endpoints show.
/// </summary>
public static class PlanningInputs
{
    /// <summary>The ledger's figures for the regions and horizon: commitments per year, and actuals up to <paramref name="currentYear"/>.</summary>
    public static async Task<(IReadOnlyList<PlannedCommitment> Commitments, IReadOnlyList<LedgerActuals> Actuals)> LoadAsync(
        IGrainFactory grains, IReadOnlyList<string> regionIds, int from, int years, int currentYear)
    {
        var work = regionIds.SelectMany(r => Enumerable.Range(from, years).Select(y => (Region: r, Year: y))).ToList();
        var views = await Task.WhenAll(work.Select(w => RegionFundingQuery.LoadAsync(grains, w.Region, w.Year)));
        var commitments = new List<PlannedCommitment>();
        var actuals = new List<LedgerActuals>();
        for (var i = 0; i < work.Count; i++)
        {
            var (region, year) = work[i];
            var view = views[i];
            var received = new Dictionary<IncomeSource, Money>();
            long committed = 0;
            foreach (var row in view.Sources.OrderBy(s => s.SourceId, StringComparer.Ordinal))
            {
                if (Line(row.Kind) is not { } line)
                {
                    continue;
                }
                var c = Money.Parse(row.Committed);
                if (line is IncomeSource.RijkScheme or IncomeSource.Province && c.Cents > 0)
                {
                    commitments.Add(new PlannedCommitment(region, year, line, c, row.SourceId));
                    committed += c.Cents;
                }
                received[line] = received.GetValueOrDefault(line) + Money.Parse(row.Received);
            }
            if (year <= currentYear)
            {
                actuals.Add(new LedgerActuals(region, year, received, new Money(committed), Money.Parse(view.InKindTotal)));
            }
        }
        return (commitments, actuals);
    }

    /// <summary>
    /// The commitments to <paramref name="regionId"/> in the year before and the year after a horizon (none for a year
    /// outside the planning years), read like the horizon's own, so a projection can show a commitment that ended just
    /// before it or goes on after it. Two more reads of <see cref="RegionFundingQuery"/>.
    /// </summary>
    public static async Task<EdgeCommitments> EdgesAsync(IGrainFactory grains, string regionId, int from, int years)
    {
        async Task<IReadOnlyList<PlannedCommitment>> Of(int year)
        {
            if (year is < PlanningLimits.FirstYear or > PlanningLimits.LastYear)
            {
                return [];
            }
            var (commitments, _) = await LoadAsync(grains, [regionId], year, 1, int.MinValue);
            return commitments;
        }
        var before = Of(from - 1);
        var after = Of(from + years);
        return new EdgeCommitments(await before, await after);
    }

    /// <summary>The year it is now in the Netherlands.</summary>
    public static int CurrentYear(IClock clock) => clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/Amsterdam"]).Year;

    /// <summary>
    /// A base for the horizon with the ledger's commitments and the actuals beside it. The region grains give each
    /// region's profile as it stands (a manager's corrections count) and its latest recorded population year, so a
    /// projection starts from the newest counts; a region without one starts from the shipped CBS counts.
    /// </summary>
    public static async Task<(PlanningBase Base, IReadOnlyList<LedgerActuals> Actuals)> BaseAsync(IGrainFactory grains, IClock clock, int from, int years, IReadOnlyList<string>? actualsFor)
    {
        var (commitments, actuals) = await LoadAsync(grains, [.. RegionDefinition.All.Select(r => r.Id)], from, years, CurrentYear(clock));
        var details = await Task.WhenAll(RegionDefinition.All.Select(r => grains.GetGrain<IRegionGrain>(r.Id).GetDetails()));
        var profiles = details.ToDictionary(d => d.RegionId, d => d.Profile.ToProfile(), StringComparer.Ordinal);
        var populations = details.Where(d => d.Latest is not null)
            .Select(d => new RegionPopulation(d.RegionId, d.Latest!.Year, d.Latest.Municipalities.ToDictionary(m => m.Code, m => m.Inhabitants, StringComparer.Ordinal)))
            .ToList();
        var planningBase = PlanningBase.Create(RegionCatalog.Shipped, from, years, commitments, StatusQuo.From(profiles), populations);
        return (planningBase, actualsFor is null ? actuals : [.. actuals.Where(a => actualsFor.Contains(a.RegionId, StringComparer.Ordinal))]);
    }

    // The funding kinds as projection lines; in-kind sources are reported apart by the query already.
    private static IncomeSource? Line(string kind) => kind switch
    {
        "national-scheme" => IncomeSource.RijkScheme,
        "provincial-fund" => IncomeSource.Province,
        "municipal-levy" => IncomeSource.MunicipalLevy,
        "project-overhead" => IncomeSource.ProjectOverhead,
        "private" => IncomeSource.Private,
        _ => null,
    };
}
