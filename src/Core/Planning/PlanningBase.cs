using PvoFinance.Regions;

namespace PvoFinance.Planning;

/// <summary>
/// Everything a projection needs that no scenario changes: the horizon, the ten regions' status quo, every municipality's
/// inhabitants and the commitments already in the ledger. Built once and shared by every scenario run over it (the
/// benchmark runs 10,000 scenarios over one), so it is immutable after <see cref="Create"/>.
/// </summary>
public sealed class PlanningBase
{
    private PlanningBase(int from, int years, IReadOnlyList<RegionPlan> plans, int[] municipalityStart, long[] inhabitants, int[] populationYears, long[] committedScheme, long[] committedProvince,
        IReadOnlyList<PlannedCommitment> commitments)
    {
        Commitments = commitments;
        PopulationYears = populationYears;
        From = from;
        Years = years;
        Plans = plans;
        MunicipalityStart = municipalityStart;
        BaseInhabitants = inhabitants;
        CommittedScheme = committedScheme;
        CommittedProvince = committedProvince;
    }

    /// <summary>The first year of the horizon.</summary>
    public int From { get; }

    /// <summary>The number of years, 1..<see cref="PlanningLimits.MaxHorizonYears"/>.</summary>
    public int Years { get; }

    /// <summary>The ten regions' status quo, in <see cref="RegionDefinition.All"/> order.</summary>
    public IReadOnlyList<RegionPlan> Plans { get; }

    /// <summary>How many regions (always ten with the shipped data).</summary>
    public int Regions => Plans.Count;

    /// <summary>How many municipalities in all.</summary>
    public int Municipalities => BaseInhabitants.Length;

    // Municipalities are grouped by region: region r owns indices MunicipalityStart[r] .. MunicipalityStart[r + 1] - 1.
    internal int[] MunicipalityStart { get; }

    // Inhabitants on 1 January of the region's reference year (PopulationYears[r]), per municipality.
    internal long[] BaseInhabitants { get; }

    /// <summary>Per region, the reference year its inhabitants are counted in (2024 for the shipped CBS counts, else a recorded year).</summary>
    public IReadOnlyList<int> PopulationYears { get; }

    // Committed cents per region and year index (r * Years + t).
    internal long[] CommittedScheme { get; }

    internal long[] CommittedProvince { get; }

    /// <summary>
    /// The commitments inside the horizon, one per region, year, line and source (several of one source for the same
    /// region, year and line added up), ordered by region, line, source and year: what a projection names as the
    /// committed parts of a line and from which it reads when a source's commitment ends.
    /// </summary>
    public IReadOnlyList<PlannedCommitment> Commitments { get; }

    /// <summary>The first problem with a horizon, or null: <paramref name="from"/> within the planning years, 1..10 years, not past the last year.</summary>
    public static PlanningProblem? CheckHorizon(int from, int years)
    {
        if (from is < PlanningLimits.FirstYear or > PlanningLimits.LastYear)
        {
            return new("from", $"from is a year between {PlanningLimits.FirstYear} and {PlanningLimits.LastYear}.");
        }
        if (years is < 1 or > PlanningLimits.MaxHorizonYears)
        {
            return new("years", $"years is 1..{PlanningLimits.MaxHorizonYears}.");
        }
        if (from + years - 1 > PlanningLimits.LastYear)
        {
            return new("years", $"The horizon may not pass {PlanningLimits.LastYear}.");
        }
        return null;
    }

    /// <summary>
    /// Builds the base. <paramref name="plans"/> defaults to <see cref="StatusQuo.Regions"/>; commitments outside the
    /// horizon are ignored, several for the same region, year and source add up. A region named in
    /// <paramref name="populations"/> starts from those counts and that year; the others from the shipped CBS counts.
    /// </summary>
    /// <exception cref="ArgumentException">The horizon, a commitment or a population is not valid.</exception>
    public static PlanningBase Create(RegionCatalog catalog, int from, int years, IReadOnlyList<PlannedCommitment>? commitments = null,
        IReadOnlyList<RegionPlan>? plans = null, IReadOnlyList<RegionPopulation>? populations = null)
    {
        if (CheckHorizon(from, years) is { } problem)
        {
            throw new ArgumentException(problem.Reason, problem.Field);
        }
        plans ??= StatusQuo.Regions;
        if (plans.Count != RegionDefinition.All.Count || !plans.Select(p => p.RegionId).SequenceEqual(RegionDefinition.All.Select(r => r.Id), StringComparer.Ordinal))
        {
            throw new ArgumentException("One plan per region, in the order of RegionDefinition.All.", nameof(plans));
        }
        var start = new int[plans.Count + 1];
        var inhabitants = new List<long>(catalog.Municipalities.Count);
        var populationYears = new int[plans.Count];
        for (var r = 0; r < plans.Count; r++)
        {
            start[r] = inhabitants.Count;
            var municipalities = catalog.MunicipalitiesOf(plans[r].RegionId);
            var recorded = populations?.LastOrDefault(p => p.RegionId == plans[r].RegionId);
            if (recorded is null)
            {
                populationYears[r] = StatusQuo.PopulationYear;
                inhabitants.AddRange(municipalities.Select(m => (long)m.Inhabitants));
                continue;
            }
            if (recorded.Year is < PopulationHistory.FirstYear or > PopulationHistory.LastYear
                || recorded.Counts.Count != municipalities.Count
                || municipalities.Any(m => !recorded.Counts.TryGetValue(m.Code, out var n) || n is < 0 or > PopulationHistory.MaxInhabitants))
            {
                throw new ArgumentException($"The population of {recorded.RegionId} in {recorded.Year} must count each of its {municipalities.Count} municipalities once.", nameof(populations));
            }
            populationYears[r] = recorded.Year;
            inhabitants.AddRange(municipalities.Select(m => (long)recorded.Counts[m.Code]));
        }
        start[plans.Count] = inhabitants.Count;
        var scheme = new long[plans.Count * years];
        var province = new long[plans.Count * years];
        var parts = new Dictionary<(string Region, IncomeSource Line, string Source, int Year), long>();
        foreach (var c in commitments ?? [])
        {
            var r = IndexOf(plans, c.RegionId);
            if (r < 0 || c.Amount.IsNegative || c.Source is not (IncomeSource.RijkScheme or IncomeSource.Province))
            {
                throw new ArgumentException($"A commitment names a known region, a scheme or province source and a positive amount: {c}.", nameof(commitments));
            }
            var t = c.Year - from;
            if (t < 0 || t >= years)
            {
                continue;
            }
            var target = c.Source == IncomeSource.RijkScheme ? scheme : province;
            target[r * years + t] = checked(target[r * years + t] + c.Amount.Cents);
            var part = (plans[r].RegionId, c.Source, c.SourceId ?? "", c.Year);
            parts[part] = checked(parts.GetValueOrDefault(part) + c.Amount.Cents);
        }
        // A fixed order (region order of the plans, then line, source id and year) keeps every report byte-identical.
        var ordered = parts.Where(p => p.Value > 0)
            .OrderBy(p => IndexOf(plans, p.Key.Region)).ThenBy(p => p.Key.Line).ThenBy(p => p.Key.Source, StringComparer.Ordinal).ThenBy(p => p.Key.Year)
            .Select(p => new PlannedCommitment(p.Key.Region, p.Key.Year, p.Key.Line, new Money(p.Value), p.Key.Source))
            .ToList();
        return new PlanningBase(from, years, plans, start, [.. inhabitants], populationYears, scheme, province, ordered);
    }

    /// <summary>The index of a region in <see cref="Plans"/>, or -1.</summary>
    public int RegionIndex(string regionId) => IndexOf(Plans, regionId);

    /// <summary>The commitments of a region and year (cents): scheme, province.</summary>
    public (long Scheme, long Province) Committed(int region, int t) => (CommittedScheme[region * Years + t], CommittedProvince[region * Years + t]);

    private static int IndexOf(IReadOnlyList<RegionPlan> plans, string regionId)
    {
        for (var i = 0; i < plans.Count; i++)
        {
            if (string.Equals(plans[i].RegionId, regionId, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}
