using PvoFinance.Documents;

namespace PvoFinance.Applications;

/// <summary>What a tier asks before the determination, and how many different people approve its decisions.</summary>
/// <param name="Accountability">Whether the recipient accounts afterwards at all (tier A does not).</param>
/// <param name="Results">A report on realised results (activiteitenverslag).</param>
/// <param name="Costs">The realised costs (financieel verslag).</param>
/// <param name="AuditorStatement">An auditor's statement (controleverklaring) on the costs.</param>
/// <param name="Approvers">Distinct approvers of a grant, an amendment and a determination.</param>
public sealed record TierRequirements(bool Accountability, bool Results, bool Costs, bool AuditorStatement, int Approvers)
{
    /// <summary>
    /// The uploaded documents an accountability of this tier consists of (issue 18): a content report and a financial
    /// statement whenever the tier accounts at all, and in tier C also an auditor's statement.
    /// </summary>
    public IReadOnlyList<DocumentKind> Documents =>
        !Accountability ? []
        : AuditorStatement ? [DocumentKind.ContentReport, DocumentKind.FinancialStatement, DocumentKind.AuditorStatement]
        : [DocumentKind.ContentReport, DocumentKind.FinancialStatement];

    /// <summary>
    /// Why an accountability with documents of <paramref name="kinds"/> does not have what this tier needs, naming the
    /// first kind missing; null when it has everything.
    /// </summary>
    public string? MissingDocument(IEnumerable<DocumentKind> kinds)
    {
        var have = kinds.ToHashSet();
        foreach (var kind in Documents)
        {
            if (!have.Contains(kind))
            {
                return $"The accountability must refer to an uploaded document of kind '{DocumentKinds.Name(kind)}' (upload it with POST /api/applications/{{id}}/documents first).";
            }
        }
        return null;
    }
}
