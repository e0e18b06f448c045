using System.Collections.Frozen;
using CsvHelper;
using PvoFinance.Access;

namespace PvoFinance.Regions;

/// <summary>
/// The reference data shipped with the service: the ten regions and their municipalities as counted on
/// 1 January 2024 (Bron: CBS). Read once from the embedded <c>gemeenten.csv</c>; immutable.
/// Later population counts live in the region grains, which keep every reference year.
/// </summary>
public sealed class RegionCatalog : IRegionGeography
{
    /// <summary>Rows expected in the shipped file; a different count means the file is damaged.</summary>
    public const int ExpectedMunicipalities = 342;

    private readonly FrozenDictionary<string, IReadOnlyList<Municipality>> _byRegion;
    private readonly FrozenDictionary<string, IReadOnlySet<string>> _provinces;
    private readonly FrozenDictionary<string, string> _regionOfMunicipality;

    private RegionCatalog(IReadOnlyList<Municipality> municipalities, IReadOnlyDictionary<string, string> regionOf)
    {
        Municipalities = municipalities;
        _regionOfMunicipality = regionOf.ToFrozenDictionary(StringComparer.Ordinal);
        _byRegion = RegionDefinition.All.ToFrozenDictionary(
            r => r.Id,
            r => (IReadOnlyList<Municipality>)[.. municipalities.Where(m => regionOf[m.Code] == r.Id).OrderBy(m => m.Code, StringComparer.Ordinal)],
            StringComparer.Ordinal);
        _provinces = _byRegion.ToFrozenDictionary(
            kv => kv.Key,
            kv => (IReadOnlySet<string>)kv.Value.Select(m => m.Province).ToFrozenSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
        Provinces = municipalities.Select(m => m.Province).Distinct().Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The shipped catalog, loaded on first use.</summary>
    public static RegionCatalog Shipped { get; } = Load();

    /// <summary>Every municipality, in file order.</summary>
    public IReadOnlyList<Municipality> Municipalities { get; }

    /// <summary>The twelve provinces, sorted.</summary>
    public IReadOnlyList<string> Provinces { get; }

    /// <summary>The municipalities of one region, by code.</summary>
    public IReadOnlyList<Municipality> MunicipalitiesOf(string regionId) =>
        _byRegion.TryGetValue(regionId, out var list) ? list : throw new KeyNotFoundException($"No region '{regionId}'.");

    /// <summary>The region a municipality belongs to, or null for an unknown code.</summary>
    public string? RegionOf(string municipalityCode) => _regionOfMunicipality.GetValueOrDefault(municipalityCode);

    /// <inheritdoc />
    public bool IsRegion(string regionId) => _byRegion.ContainsKey(regionId);

    /// <inheritdoc />
    public bool IsProvince(string province) => Provinces.Contains(province, StringComparer.Ordinal);

    /// <inheritdoc />
    public IReadOnlySet<string> ProvincesOf(string regionId) =>
        _provinces.TryGetValue(regionId, out var set) ? set : FrozenSet<string>.Empty;

    /// <summary>Reads a catalog from CSV with the columns of the shipped file.</summary>
    public static RegionCatalog Read(Stream csv)
    {
        var unitToRegion = RegionDefinition.All.ToDictionary(r => r.PoliceUnit, r => r.Id, StringComparer.Ordinal);
        var municipalities = new List<Municipality>(ExpectedMunicipalities);
        var regionOf = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = CsvReader.Create(csv, CsvReaderOptions.Default, leaveOpen: true);
        while (reader.Read())
        {
            var m = new Municipality(
                reader.GetString("gemeentecode"),
                reader.GetString("gemeentenaam"),
                reader.GetString("provincie"),
                reader.Parse<int>("inwoners"),
                reader.Parse<int>("peiljaar"));
            var unit = reader.GetString("politie_eenheid");
            if (!unitToRegion.TryGetValue(unit, out var region))
            {
                throw new InvalidDataException($"Municipality {m.Code} names police unit '{unit}', which is not one of the ten regions.");
            }
            if (!regionOf.TryAdd(m.Code, region))
            {
                throw new InvalidDataException($"Municipality {m.Code} appears twice.");
            }
            municipalities.Add(m);
        }
        return new RegionCatalog(municipalities, regionOf);
    }

    private static RegionCatalog Load()
    {
        using var stream = typeof(RegionCatalog).Assembly.GetManifestResourceStream("PvoFinance.Regions.Data.gemeenten.csv")
            ?? throw new InvalidOperationException("The embedded municipality file is missing.");
        var catalog = Read(stream);
        if (catalog.Municipalities.Count != ExpectedMunicipalities)
        {
            throw new InvalidDataException($"The shipped file has {catalog.Municipalities.Count} municipalities; expected {ExpectedMunicipalities}.");
        }
        return catalog;
    }
}
