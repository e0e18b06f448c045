using PvoFinance.Grains.Contracts;
using PvoFinance.Regions;

namespace PvoFinance.Api.Regions;

/// <summary>One region in <c>GET /api/regions</c>: a public summary. Inhabitants and reference year are null when the asked year is not recorded.</summary>
public sealed record RegionSummaryView(
    string Id, string Name, int MunicipalityCount, long? Inhabitants, int? ReferenceYear, IReadOnlyList<string> Provinces, string Form);

/// <summary>A municipality with its inhabitants in a reference year. Bron: CBS.</summary>
public sealed record MunicipalityView(string Code, string Name, string Province, int Inhabitants, int ReferenceYear);

/// <summary>
/// A region's profile over HTTP. <c>managerFte</c> is exact decimal text with two decimals (<c>"0.50"</c>) and
/// <c>ccvAdviserDaysPerWeek</c> with one (<c>"2.0"</c>); null when unknown.
/// </summary>
public sealed record RegionProfileView(
    string Form, string Chair, IReadOnlyList<string> AtTheTable, string? ManagerFte, string ManagerProvidedBy,
    string? CcvAdviserDaysPerWeek, string Notes, bool EditedByUser);

/// <summary>
/// <c>GET /api/regions/{id}</c>: the region, its municipalities in the latest reference year, its profile and the years
/// recorded. An object of named sections, so further sections (e.g. funding) can be added without breaking clients.
/// </summary>
public sealed record RegionDetailsView
{
    /// <summary>Region id.</summary>
    public required string Id { get; init; }
    /// <summary>Display name.</summary>
    public required string Name { get; init; }
    /// <summary>Provinces with at least one municipality of the region.</summary>
    public required IReadOnlyList<string> Provinces { get; init; }
    /// <summary>Number of municipalities.</summary>
    public required int MunicipalityCount { get; init; }
    /// <summary>Inhabitants in <see cref="ReferenceYear"/>.</summary>
    public required long Inhabitants { get; init; }
    /// <summary>The latest recorded reference year.</summary>
    public required int ReferenceYear { get; init; }
    /// <summary>The municipalities with their inhabitants in <see cref="ReferenceYear"/>, by code.</summary>
    public required IReadOnlyList<MunicipalityView> Municipalities { get; init; }
    /// <summary>How the PVO is organised.</summary>
    public required RegionProfileView Profile { get; init; }
    /// <summary>Every recorded reference year, ascending.</summary>
    public required IReadOnlyList<int> PopulationYears { get; init; }
    /// <summary>This year's funding by source (committed, paid, received, receivable; in-kind apart), from the ledger.</summary>
    public PvoFinance.Api.Funding.RegionFundingView? Funding { get; init; }
}

/// <summary><c>GET /api/regions/{id}/population</c>: a region's inhabitants in one reference year.</summary>
public sealed record PopulationView(string RegionId, int Year, long Inhabitants, IReadOnlyList<MunicipalityView> Municipalities);

/// <summary>The answer to a change: <c>changed</c>, or <c>unchanged</c> when it repeated what was stored.</summary>
public sealed record RegionChangeView(string Status);

/// <summary>Maps grain records to HTTP views.</summary>
public static class RegionViews
{
    /// <summary>A profile view.</summary>
    public static RegionProfileView From(RegionProfileDto p, bool edited) => new(
        p.Form.ToString(), p.Chair, p.AtTheTable,
        p.ManagerFte is { } fte ? FixedPoint.Format(fte, 2) : null,
        p.ManagerProvidedBy,
        p.CcvAdviserDaysPerWeek is { } days ? FixedPoint.Format(days, 1) : null,
        p.Notes, edited);

    /// <summary>The municipalities of one year with the catalog's names and provinces.</summary>
    public static IReadOnlyList<MunicipalityView> Municipalities(PopulationYearDto year, RegionCatalog catalog)
    {
        var byCode = catalog.Municipalities.ToDictionary(m => m.Code, StringComparer.Ordinal);
        return [.. year.Municipalities.Select(m => new MunicipalityView(m.Code, byCode[m.Code].Name, byCode[m.Code].Province, m.Inhabitants, year.Year))];
    }
}
