using PvoFinance.Regions;

namespace PvoFinance.Planning;

/// <summary>
/// Everything a projection needs that no scenario changes: the horizon, the ten regions' status quo, every municipality's
/// inhabitants and the commitments already in the ledger. Built once and shared by every scenario run over it (the
/// benchmark runs 10,000 scenarios over one), so it is immutable after <see cref="Create"/>.
/// </summary>
public sealed class PlanningBase
{
    private PlanningBase(int from, int years, IReadOnlyList<RegionPlan> plans, int[] municipalityStart, long[] inhabitants, long[] committedScheme, long[] committedProvince)
    {
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

    // Inhabitants on 1 January of StatusQuo.PopulationYear, per municipality.
    internal long[] BaseInhabitants { get; }

    // Committed cents per region and year index (r * Years + t).
    internal long[] CommittedScheme { get; }

    internal long[] CommittedProvince { get; }

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
    /// horizon are ignored, several for the same region, year and source add up.
    /// </summary>
    /// <exception cref="ArgumentException">The horizon or a commitment is not valid.</exception>
    public static PlanningBase Create(RegionCatalog catalog, int from, int years, IReadOnlyList<PlannedCommitment>? commitments = null, IReadOnlyList<RegionPlan>? plans = null)
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
        for (var r = 0; r < plans.Count; r++)
        {
            start[r] = inhabitants.Count;
            inhabitants.AddRange(catalog.MunicipalitiesOf(plans[r].RegionId).Select(m => (long)m.Inhabitants));
        }
        start[plans.Count] = inhabitants.Count;
        var scheme = new long[plans.Count * years];
        var province = new long[plans.Count * years];
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
        }
        return new PlanningBase(from, years, plans, start, [.. inhabitants], scheme, province);
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
