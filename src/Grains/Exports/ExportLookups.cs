using PvoFinance.Applications;
using PvoFinance.Funding;
using PvoFinance.Regions;

namespace PvoFinance.Exports;

/// <summary>What the exports describe rows with: the regions, the funding sources and the applications, by id.</summary>
/// <param name="Catalog">The regions and municipalities.</param>
/// <param name="Sources">Every funding source's definition, by id.</param>
/// <param name="Applications">The applications the rows may belong to, by id.</param>
public sealed record ExportLookups(
    RegionCatalog Catalog,
    IReadOnlyDictionary<string, FundingSourceDefinition> Sources,
    IReadOnlyDictionary<string, Application> Applications);
