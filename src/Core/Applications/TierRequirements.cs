namespace PvoFinance.Applications;

/// <summary>What a tier asks before the determination, and how many different people approve its decisions.</summary>
/// <param name="Accountability">Whether the recipient accounts afterwards at all (tier A does not).</param>
/// <param name="Results">A report on realised results (activiteitenverslag).</param>
/// <param name="Costs">The realised costs (financieel verslag).</param>
/// <param name="AuditorStatement">An auditor's statement (controleverklaring) on the costs.</param>
/// <param name="Approvers">Distinct approvers of a grant, an amendment and a determination.</param>
public sealed record TierRequirements(bool Accountability, bool Results, bool Costs, bool AuditorStatement, int Approvers);
