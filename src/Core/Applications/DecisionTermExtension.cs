namespace PvoFinance.Applications;

/// <summary>Extends the decision term once (Awb 4:14 lid 3: the applicant is told why and for how long).</summary>
/// <param name="Weeks">1..<see cref="LegalClocks.MaxDecisionExtensionWeeks"/> weeks.</param>
/// <param name="Reason">Why; required and recorded.</param>
public sealed record DecisionTermExtension(int Weeks, string Reason);
