using System.Collections.Frozen;

namespace PvoFinance.Regions;

/// <summary>One municipality's inhabitants as submitted for a reference year.</summary>
/// <param name="Code">CBS code, e.g. <c>GM0363</c>.</param>
/// <param name="Inhabitants">Inhabitants on 1 January of the year.</param>
public sealed record MunicipalityCount(string Code, int Inhabitants);

/// <summary>What <see cref="PopulationHistory.Record"/> did.</summary>
public enum PopulationRecordStatus
{
    /// <summary>A new reference year was added.</summary>
    Recorded,
    /// <summary>The year was already recorded with exactly these numbers; nothing changed.</summary>
    Unchanged,
    /// <summary>Refused; nothing changed. See the problem.</summary>
    Refused,
}

/// <summary>
/// A region's inhabitants per municipality for every reference year (1 January of the year). Years are only ever
/// added: a recorded year never changes. Submitting a recorded year again with the same numbers is accepted as a
/// repeat (so a retried request is harmless); with other numbers it is refused. There is deliberately no correction
/// path: per-inhabitant contributions are invoiced on these numbers, so changing a year afterwards would silently
/// change what was owed. The municipalities of a region are those of the shipped catalog; every update must name
/// each of them exactly once.
/// </summary>
public sealed class PopulationHistory
{
    /// <summary>Earliest reference year accepted.</summary>
    public const int FirstYear = 2000;

    /// <summary>Latest reference year accepted.</summary>
    public const int LastYear = 2100;

    /// <summary>Most inhabitants of one municipality: more than the whole country, so only typing errors are refused.</summary>
    public const int MaxInhabitants = 20_000_000;

    private readonly SortedDictionary<int, FrozenDictionary<string, int>> _years = [];
    private readonly FrozenSet<string> _codes;
    private readonly Func<string, string?> _regionOf;

    /// <summary>An empty history for one region of <paramref name="catalog"/>.</summary>
    public PopulationHistory(string regionId, RegionCatalog catalog)
        : this(regionId, [.. catalog.MunicipalitiesOf(regionId).Select(m => m.Code)], catalog.RegionOf)
    {
    }

    /// <summary>An empty history for a region with these municipality codes; <paramref name="regionOf"/> names the region of any code (null if unknown).</summary>
    public PopulationHistory(string regionId, IReadOnlyCollection<string> municipalityCodes, Func<string, string?> regionOf)
    {
        RegionId = regionId;
        _codes = municipalityCodes.ToFrozenSet(StringComparer.Ordinal);
        _regionOf = regionOf;
    }

    /// <summary>Rebuilds a stored history; every stored year must still pass the rules (a damaged store fails loudly).</summary>
    public static PopulationHistory Load(string regionId, RegionCatalog catalog, IEnumerable<KeyValuePair<int, IReadOnlyDictionary<string, int>>> years)
    {
        var history = new PopulationHistory(regionId, catalog);
        foreach (var (year, counts) in years)
        {
            var (status, problem) = history.Record(year, [.. counts.Select(kv => new MunicipalityCount(kv.Key, kv.Value))]);
            if (status != PopulationRecordStatus.Recorded)
            {
                throw new InvalidDataException($"Stored population {year} of {regionId} is not valid: {problem?.Field}: {problem?.Reason}");
            }
        }
        return history;
    }

    /// <summary>The region.</summary>
    public string RegionId { get; }

    /// <summary>The recorded years, ascending.</summary>
    public IReadOnlyList<int> Years => [.. _years.Keys];

    /// <summary>The latest recorded year, or null when none is.</summary>
    public int? LatestYear => _years.Count == 0 ? null : _years.Keys.Last();

    /// <summary>The counts of one year by municipality code, or null when the year is not recorded.</summary>
    public IReadOnlyDictionary<string, int>? CountsFor(int year) => _years.GetValueOrDefault(year);

    /// <summary>The region's inhabitants in one year, or null when the year is not recorded.</summary>
    public long? TotalFor(int year) => _years.TryGetValue(year, out var counts) ? counts.Values.Sum(v => (long)v) : null;

    /// <summary>
    /// Adds a reference year, or says why not (nothing changes then). The problem's field names the input as a client
    /// sends it: <c>year</c>, <c>municipalities</c>, <c>municipalities[i].code</c>, <c>municipalities[i].inhabitants</c>.
    /// </summary>
    public (PopulationRecordStatus Status, RegionProblem? Problem) Record(int year, IReadOnlyList<MunicipalityCount>? counts)
    {
        if (Check(year, counts) is { } problem)
        {
            return (PopulationRecordStatus.Refused, problem);
        }
        var map = counts!.ToFrozenDictionary(c => c.Code, c => c.Inhabitants, StringComparer.Ordinal);
        if (_years.TryGetValue(year, out var existing))
        {
            if (existing.Count == map.Count && existing.All(kv => map[kv.Key] == kv.Value))
            {
                return (PopulationRecordStatus.Unchanged, null);
            }
            var changed = existing.Keys.Where(k => map[k] != existing[k]).Order(StringComparer.Ordinal).First();
            return (PopulationRecordStatus.Refused, new("year",
                $"{year} is already recorded for {RegionId} with other numbers (e.g. {changed}: {existing[changed]}, not {map[changed]}); a recorded year never changes."));
        }
        _years.Add(year, map);
        return (PopulationRecordStatus.Recorded, null);
    }

    /// <summary>The first problem with a submission, or null when it may be recorded (or repeats a recorded year exactly).</summary>
    public RegionProblem? Check(int year, IReadOnlyList<MunicipalityCount>? counts)
    {
        if (year is < FirstYear or > LastYear)
        {
            return new("year", $"year must be between {FirstYear} and {LastYear}; got {year}.");
        }
        if (counts is null || counts.Count == 0)
        {
            return new("municipalities", $"municipalities must list each of the {_codes.Count} municipalities of {RegionId}.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < counts.Count; i++)
        {
            var c = counts[i];
            if (c is null || string.IsNullOrEmpty(c.Code))
            {
                return new($"municipalities[{i}].code", "A CBS municipality code like GM0014 is required.");
            }
            if (!_codes.Contains(c.Code))
            {
                var region = _regionOf(c.Code);
                return new($"municipalities[{i}].code", region is null
                    ? $"'{Shorten(c.Code)}' is not a known CBS municipality code."
                    : $"{c.Code} belongs to region {region}, not {RegionId}.");
            }
            if (!seen.Add(c.Code))
            {
                return new($"municipalities[{i}].code", $"{c.Code} is listed twice.");
            }
            if (c.Inhabitants is < 0 or > MaxInhabitants)
            {
                return new($"municipalities[{i}].inhabitants", $"Inhabitants must be between 0 and {MaxInhabitants:N0}; got {c.Inhabitants}.");
            }
        }
        if (seen.Count != _codes.Count)
        {
            var missing = _codes.Where(c => !seen.Contains(c)).Order(StringComparer.Ordinal).ToList();
            return new("municipalities",
                $"{missing.Count} municipalities of {RegionId} are missing: {string.Join(", ", missing.Take(10))}{(missing.Count > 10 ? ", ..." : "")}. Every update names each municipality of the region.");
        }
        return null;
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "...";
}
