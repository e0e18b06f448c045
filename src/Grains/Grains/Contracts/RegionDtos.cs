using PvoFinance.Regions;

namespace PvoFinance.Grains.Contracts;

/// <summary>A region's profile on the wire; see <see cref="RegionProfile"/> for the meaning and units of each field.</summary>
[GenerateSerializer, Immutable]
public sealed record RegionProfileDto(
    [property: Id(0)] OrganisationForm Form,
    [property: Id(1)] string Chair,
    [property: Id(2)] IReadOnlyList<string> AtTheTable,
    [property: Id(3)] int? ManagerFte,
    [property: Id(4)] string ManagerProvidedBy,
    [property: Id(5)] int? CcvAdviserDaysPerWeek,
    [property: Id(6)] string Notes)
{
    /// <summary>From the core record.</summary>
    public static RegionProfileDto From(RegionProfile p) =>
        new(p.Form, p.Chair, p.AtTheTable.ToArray(), p.ManagerFte, p.ManagerProvidedBy, p.CcvAdviserDaysPerWeek, p.Notes);

    /// <summary>To the core record.</summary>
    public RegionProfile ToProfile() =>
        new(Form, Chair, AtTheTable is null ? null! : [.. AtTheTable], ManagerFte, ManagerProvidedBy, CcvAdviserDaysPerWeek, Notes);
}

/// <summary>One municipality's inhabitants in a reference year.</summary>
[GenerateSerializer, Immutable]
public sealed record MunicipalityCountDto([property: Id(0)] string Code, [property: Id(1)] int Inhabitants);

/// <summary>A region's inhabitants in one reference year, by municipality code (ordered by code), and their total.</summary>
[GenerateSerializer, Immutable]
public sealed record PopulationYearDto(
    [property: Id(0)] int Year,
    [property: Id(1)] long Total,
    [property: Id(2)] IReadOnlyList<MunicipalityCountDto> Municipalities);

/// <summary>What a region grain holds: profile, whether a user edited it, the years recorded and the latest year.</summary>
[GenerateSerializer, Immutable]
public sealed record RegionDetailsDto(
    [property: Id(0)] string RegionId,
    [property: Id(1)] RegionProfileDto Profile,
    [property: Id(2)] bool ProfileEdited,
    [property: Id(3)] IReadOnlyList<int> PopulationYears,
    [property: Id(4)] PopulationYearDto? Latest);

/// <summary>What <see cref="IRegionGrain.EnsureSeeded"/> did.</summary>
[GenerateSerializer, Immutable]
public sealed record SeedReportDto(
    [property: Id(0)] string RegionId,
    [property: Id(1)] bool ProfileSeeded,
    [property: Id(2)] int? PopulationYearSeeded);

/// <summary>How a change to a region ended.</summary>
public enum RegionReplyStatus
{
    /// <summary>Stored.</summary>
    Changed,
    /// <summary>Accepted, but it repeated what was already stored; nothing was written.</summary>
    Unchanged,
    /// <summary>Refused; nothing changed. <see cref="RegionReply.Field"/> and <see cref="RegionReply.Reason"/> say why.</summary>
    Refused,
}

/// <summary>The answer to a change: status and, on refusal, the field at fault and the reason.</summary>
[GenerateSerializer, Immutable]
public sealed record RegionReply(
    [property: Id(0)] RegionReplyStatus Status,
    [property: Id(1)] string? Field,
    [property: Id(2)] string? Reason)
{
    /// <summary>True unless refused.</summary>
    public bool Accepted => Status != RegionReplyStatus.Refused;
}
