using PvoFinance.Access;
using PvoFinance.Funding;

namespace PvoFinance.Grains.Funding;

/// <summary>Between the wire form and the core definition.</summary>
public static class FundingSourceMapper
{
    /// <summary>The core definition, or the field that cannot be read.</summary>
    public static (FundingSourceDefinition? Definition, FieldError? Error) ToDefinition(FundingSourceDto dto)
    {
        if (!Enum.TryParse<FundingSourceKind>(dto.Kind, ignoreCase: false, out var kind) || !Enum.IsDefined(kind))
        {
            return (null, new("kind", $"kind must be one of {string.Join(", ", Enum.GetNames<FundingSourceKind>())}."));
        }
        if (!Scope.TryParse(dto.Owner, out var owner))
        {
            return (null, new("owner", "owner must be national, province:<name> or region:<id>."));
        }
        return (new FundingSourceDefinition(
            dto.Id, dto.Name, kind, owner, dto.Funder, dto.Themes ?? [],
            dto.MaxCofinancingBasisPoints is { } bp ? new Percentage(bp) : null,
            dto.Intermediary,
            dto.LevyRateTenThousandths is { } r ? new Rate(r) : null,
            dto.Participants ?? [],
            dto.OverheadBasisPoints is { } o ? new Percentage(o) : null,
            dto.HourlyRateCents is { } h ? new Money(h) : null), null);
    }

    /// <summary>The wire form.</summary>
    public static FundingSourceDto ToDto(FundingSourceDefinition d) => new()
    {
        Id = d.Id,
        Name = d.Name,
        Kind = d.Kind.ToString(),
        Owner = d.Owner.ToString(),
        Funder = d.Funder,
        Themes = d.Themes,
        MaxCofinancingBasisPoints = d.MaxCofinancing?.BasisPoints,
        Intermediary = d.Intermediary,
        LevyRateTenThousandths = d.LevyRate?.TenThousandths,
        Participants = d.Participants,
        OverheadBasisPoints = d.Overhead?.BasisPoints,
        HourlyRateCents = d.HourlyRate?.Cents,
    };
}
