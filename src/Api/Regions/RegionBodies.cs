using PvoFinance.Grains.Contracts;
using PvoFinance.Regions;

namespace PvoFinance.Api.Regions;

/// <summary>
/// The body of <c>PUT /api/regions/{id}/profile</c>: the whole profile (a replacement). <c>form</c> is required; missing
/// text means none (empty), a missing <c>atTheTable</c> means nobody, a missing or null <c>managerFte</c> or
/// <c>ccvAdviserDaysPerWeek</c> means unknown. Quantities are exact decimal text: <c>"0.50"</c> FTE, <c>"2.0"</c> days.
/// </summary>
public sealed record ProfileBody(
    string Form, string? Chair = null, IReadOnlyList<string>? AtTheTable = null, string? ManagerFte = null, string? ManagerProvidedBy = null,
    string? CcvAdviserDaysPerWeek = null, string? Notes = null)
{
    /// <summary>The profile to store, or the field at fault. Value rules (ranges, lengths) are the grain's; this only parses.</summary>
    public (RegionProfileDto? Profile, RegionProblem? Problem) ToDto()
    {
        // Exact names only: Enum.TryParse would also take numbers and comma lists.
        if (Form is null || !Enum.GetNames<OrganisationForm>().Contains(Form, StringComparer.Ordinal))
        {
            return (null, new("form", $"form must be one of {string.Join(", ", Enum.GetNames<OrganisationForm>())}."));
        }
        int? fte = null;
        if (ManagerFte is not null)
        {
            if (!FixedPoint.TryParse(ManagerFte, 2, out var value))
            {
                return (null, new("managerFte", "managerFte is exact decimal text with at most two decimals, e.g. \"0.50\" (or null when unknown)."));
            }
            fte = value;
        }
        int? days = null;
        if (CcvAdviserDaysPerWeek is not null)
        {
            if (!FixedPoint.TryParse(CcvAdviserDaysPerWeek, 1, out var value))
            {
                return (null, new("ccvAdviserDaysPerWeek", "ccvAdviserDaysPerWeek is exact decimal text with at most one decimal, e.g. \"2.0\" (or null when unknown)."));
            }
            days = value;
        }
        return (new RegionProfileDto(Enum.Parse<OrganisationForm>(Form), Chair ?? "", AtTheTable ?? [], fte, ManagerProvidedBy ?? "", days, Notes ?? ""), null);
    }
}

/// <summary>One municipality in a population update.</summary>
public sealed record MunicipalityCountBody(string Code, int Inhabitants);

/// <summary>The body of <c>PUT /api/regions/{id}/population</c>: a reference year and the inhabitants of every municipality of the region.</summary>
public sealed record PopulationBody(int Year, IReadOnlyList<MunicipalityCountBody> Municipalities)
{
    /// <summary>Most entries read from a body; a region has at most 76 municipalities.</summary>
    public const int MaxEntries = 1_000;

    /// <summary>The year and counts to record, or the field at fault. Membership and ranges are the grain's rules.</summary>
    public (int Year, IReadOnlyList<MunicipalityCountDto>? Counts, RegionProblem? Problem) ToDto()
    {
        // Presence and nulls are refused when the body is read (StrictJson); what is left is the count limit.
        if (Municipalities.Count > MaxEntries)
        {
            return (0, null, new("municipalities", $"At most {MaxEntries} entries."));
        }
        return (Year, [.. Municipalities.Select(m => new MunicipalityCountDto(m.Code, m.Inhabitants))], null);
    }
}
