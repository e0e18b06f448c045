namespace PvoFinance.Applications;

/// <summary>
/// The accountability arrangement of a grant, after the rijksbrede Uniform subsidiekader: the larger the
/// grant, the more evidence before the final determination. Thresholds per scheme live in <see cref="TierRules"/>.
/// </summary>
public enum AccountabilityTier
{
    /// <summary>Small (default ≤ €25,000): granted and determined at once; no accountability afterwards (random checks only).</summary>
    A,
    /// <summary>Middle: accountability on results (prestaties) only; determined at the grant if the results were delivered.</summary>
    B,
    /// <summary>Large (default from €125,000): results and costs, with an auditor's statement, and two different approvers.</summary>
    C,
}
