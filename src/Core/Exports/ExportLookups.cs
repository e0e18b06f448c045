using System.Collections.Frozen;
using PvoFinance.Applications;
using PvoFinance.Funding;
using PvoFinance.Regions;

namespace PvoFinance.Exports;

/// <summary>
/// What the exports describe rows with: the regions, the funding sources and the applications, by id — and what is
/// derived from them once (funder ids, region names), so a million rows do not recompute it a million times.
/// </summary>
public sealed class ExportLookups
{
    /// <summary>Lookups over <paramref name="catalog"/>, <paramref name="sources"/> and <paramref name="applications"/>.</summary>
    public ExportLookups(RegionCatalog catalog, IReadOnlyDictionary<string, FundingSourceDefinition> sources, IReadOnlyDictionary<string, Application> applications)
    {
        Catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        Sources = sources ?? throw new ArgumentNullException(nameof(sources));
        Applications = applications ?? throw new ArgumentNullException(nameof(applications));
        FunderIds = sources.Values.ToFrozenDictionary(s => s.Id, s => "NL-PVO-FUNDER-" + TransactionRows.Slug(s.Funder), StringComparer.Ordinal);
        RegionNames = RegionDefinition.All.ToFrozenDictionary(r => r.Id, r => r.Name, StringComparer.Ordinal);
        Recipients = RegionDefinition.All.ToFrozenDictionary(r => r.Id, r => ("NL-PVO-" + r.Id, "PVO " + r.Name), StringComparer.Ordinal);
        var sourcesById = sources.Values.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);
        SourcesBySpan = sourcesById.GetAlternateLookup<ReadOnlySpan<char>>();
        RegionIdsBySpan = RegionDefinition.All.ToFrozenDictionary(r => r.Id, r => r.Id, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        MunicipalityRegionsBySpan = catalog.Municipalities
            .Where(m => catalog.RegionOf(m.Code) is not null)
            .ToFrozenDictionary(m => m.Code.ToLowerInvariant(), m => catalog.RegionOf(m.Code)!, StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Sources by an id read off an account, without allocating it.</summary>
    internal FrozenDictionary<string, FundingSourceDefinition>.AlternateLookup<ReadOnlySpan<char>> SourcesBySpan { get; }

    /// <summary>The interned id of a region read off an account or journal.</summary>
    internal FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> RegionIdsBySpan { get; }

    /// <summary>The region of a municipality by its lower-case code (as receivable accounts name it).</summary>
    internal FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> MunicipalityRegionsBySpan { get; }

    /// <summary>The regions and municipalities.</summary>
    public RegionCatalog Catalog { get; }

    /// <summary>Every funding source's definition, by id.</summary>
    public IReadOnlyDictionary<string, FundingSourceDefinition> Sources { get; }

    /// <summary>The applications the rows may belong to, by id.</summary>
    public IReadOnlyDictionary<string, Application> Applications { get; }

    /// <summary>The funder id of each source (<c>NL-PVO-FUNDER-&lt;slug of the funder&gt;</c>).</summary>
    public IReadOnlyDictionary<string, string> FunderIds { get; }

    /// <summary>Region names by id.</summary>
    public IReadOnlyDictionary<string, string> RegionNames { get; }

    /// <summary>The recipient id and name of each region's PVO.</summary>
    public IReadOnlyDictionary<string, (string Id, string Name)> Recipients { get; }
}
