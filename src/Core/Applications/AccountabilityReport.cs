namespace PvoFinance.Applications;

/// <summary>The recipient's accountability (verantwoording). What is required depends on the tier (<see cref="TierRequirements"/>).</summary>
/// <param name="Results">The realised results (activiteitenverslag): required in tier B and C.</param>
/// <param name="RealisedCosts">The realised costs (financieel verslag): required in tier C.</param>
/// <param name="AuditorStatement">A reference to the auditor's statement (controleverklaring): required in tier C.</param>
/// <param name="Documents">
/// The ids of the uploaded documents it consists of (each a document's SHA-256, so the history records exactly which
/// bytes were accounted with); the tier's kinds must be among them (<see cref="TierRequirements.Documents"/>). The
/// application grain checks them against the stored documents before the workflow sees the report.
/// </param>
public sealed record AccountabilityReport(string? Results, Money? RealisedCosts = null, string? AuditorStatement = null, IReadOnlyList<string>? Documents = null);
