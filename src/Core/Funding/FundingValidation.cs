using PvoFinance.Access;
using PvoFinance.Regions;

namespace PvoFinance.Funding;

/// <summary>A refusal naming the field at fault.</summary>
public sealed record FieldError(string Field, string Reason);

/// <summary>The rules a funding source definition must meet; each failure names the field.</summary>
public static class FundingValidation
{
    /// <summary>Longest id.</summary>
    public const int MaxIdLength = 40;

    /// <summary>Most earmarked themes.</summary>
    public const int MaxThemes = 20;

    /// <summary>The first problem with <paramref name="d"/>, or null.</summary>
    public static FieldError? Check(FundingSourceDefinition d, RegionCatalog catalog)
    {
        if (string.IsNullOrEmpty(d.Id) || d.Id.Length > MaxIdLength || !d.Id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') || d.Id[0] == '-')
        {
            return new("id", $"An id has 1..{MaxIdLength} characters a-z, 0-9 and '-', e.g. 'jenv-pvo'.");
        }
        if (string.IsNullOrWhiteSpace(d.Name) || d.Name.Length > 120 || d.Name.Any(char.IsControl))
        {
            return new("name", "A name of 1..120 printable characters is required.");
        }
        if (string.IsNullOrWhiteSpace(d.Funder) || d.Funder.Length > 120 || d.Funder.Any(char.IsControl))
        {
            return new("funder", "The funder's name (1..120 printable characters) is required.");
        }
        var ownerError = (d.Kind, d.Owner.Level) switch
        {
            (FundingSourceKind.NationalScheme, not ScopeLevel.National) => "A national scheme is owned nationally.",
            (FundingSourceKind.ProvincialFund, not ScopeLevel.Province) => "A provincial fund names its province.",
            (FundingSourceKind.MunicipalLevy or FundingSourceKind.ProjectOverhead or FundingSourceKind.InKind or FundingSourceKind.Private, not ScopeLevel.Region)
                => "This kind of source belongs to one region.",
            _ => null,
        };
        if (ownerError is not null)
        {
            return new(d.Owner.Level == ScopeLevel.National ? "region" : d.Owner.Level == ScopeLevel.Province ? "province" : "region", ownerError);
        }
        if (d.Owner.Level == ScopeLevel.Province && !catalog.IsProvince(d.Owner.Name!))
        {
            return new("province", $"'{d.Owner.Name}' is not one of the twelve provinces.");
        }
        if (d.Owner.Level == ScopeLevel.Region && !catalog.IsRegion(d.Owner.Name!))
        {
            return new("region", $"'{d.Owner.Name}' is not one of the ten regions.");
        }
        if (d.Themes.Count > MaxThemes || d.Themes.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > 60) || d.Themes.Distinct(StringComparer.OrdinalIgnoreCase).Count() != d.Themes.Count)
        {
            return new("themes", $"At most {MaxThemes} distinct themes of 1..60 characters.");
        }
        if (d.Themes.Count > 0 && d.Kind != FundingSourceKind.NationalScheme && d.Kind != FundingSourceKind.ProvincialFund)
        {
            return new("themes", "Only national schemes and provincial funds are earmarked.");
        }
        if (d.MaxCofinancing is not null && d.Kind is not (FundingSourceKind.NationalScheme or FundingSourceKind.ProvincialFund))
        {
            return new("maxCofinancing", "A co-financing maximum belongs to national schemes and provincial funds.");
        }
        if (d.Intermediary is not null && (d.Kind != FundingSourceKind.NationalScheme || !JournalSegment(d.Intermediary)))
        {
            return new("intermediary", "An intermediary (id of a-z, 0-9, '-', e.g. 'ccv') passes on a national scheme only.");
        }
        if (d.Kind == FundingSourceKind.MunicipalLevy)
        {
            if (d.LevyRate is null)
            {
                return new("levyRate", "A municipal levy needs a rate per inhabitant, e.g. 0.25.");
            }
            var own = catalog.MunicipalitiesOf(d.Owner.Name!).Select(m => m.Code).ToHashSet(StringComparer.Ordinal);
            var unknown = d.Participants.FirstOrDefault(code => !own.Contains(code));
            if (unknown is not null)
            {
                return new("participants", $"Municipality '{unknown}' is not in region '{d.Owner.Name}'.");
            }
            if (d.Participants.Distinct(StringComparer.Ordinal).Count() != d.Participants.Count)
            {
                return new("participants", "A municipality is listed twice.");
            }
        }
        else if (d.LevyRate is not null || d.Participants.Count > 0)
        {
            return new("levyRate", "A rate per inhabitant and participants belong to a municipal levy only.");
        }
        if ((d.Kind == FundingSourceKind.ProjectOverhead) != (d.Overhead is not null))
        {
            return new("overhead", "A project overhead source, and only that kind, has an overhead percentage.");
        }
        if ((d.Kind == FundingSourceKind.InKind) != (d.HourlyRate is not null))
        {
            return new("hourlyRate", "An in-kind source, and only that kind, has an hourly rate.");
        }
        if (d.HourlyRate is { } rate && (rate.Cents <= 0 || rate.Cents > 1_000_00))
        {
            return new("hourlyRate", "An hourly rate is between 0.01 and 1000.00.");
        }
        return null;
    }

    private static bool JournalSegment(string text) =>
        text.Length is > 0 and <= MaxIdLength && text.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
