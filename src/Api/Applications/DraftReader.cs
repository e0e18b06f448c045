using Microsoft.AspNetCore.Http;
using PvoFinance.Api.Problems;
using PvoFinance.Applications;
using PvoFinance.Funding;

namespace PvoFinance.Api.Applications;

/// <summary>
/// Reads the body of a new application as the core's <see cref="DraftContent"/>: the amounts as exact money, the plan's
/// parts named. The grain receives the content typed, so only the API reads text; a refusal names the field.
/// </summary>
internal static class DraftReader
{
    /// <summary>The content of <paramref name="body"/>, or the problem naming the first field that cannot be read.</summary>
    public static (DraftContent? Content, IResult? Problem) Read(ApplicationBody body)
    {
        if (!Money.TryParse(body.Requested, out var requested, out var error))
        {
            return (null, ApiProblems.Invalid("requested", error!));
        }
        Money? costs = null;
        if (body.ProjectCosts is not null)
        {
            if (!Money.TryParse(body.ProjectCosts, out var c, out error))
            {
                return (null, ApiProblems.Invalid("projectCosts", error!));
            }
            costs = c;
        }
        List<FundingPart>? parts = null;
        if (body.Funding is { } funding)
        {
            if (funding.Count > CoFinancing.MaxParts)
            {
                return (null, ApiProblems.Invalid("funding", $"A plan names at most {CoFinancing.MaxParts} sources."));
            }
            parts = [];
            for (var i = 0; i < funding.Count; i++)
            {
                if (string.IsNullOrEmpty(funding[i]?.Source))
                {
                    return (null, ApiProblems.Invalid($"funding[{i}].source", "Every part names a funding source."));
                }
                if (!Money.TryParse(funding[i].Amount, out var amount, out error))
                {
                    return (null, ApiProblems.Invalid($"funding[{i}].amount", error!));
                }
                parts.Add(new FundingPart(funding[i].Source, amount));
            }
        }
        return (new DraftContent(body.Title ?? "", requested, costs, body.Theme, parts), null);
    }
}
