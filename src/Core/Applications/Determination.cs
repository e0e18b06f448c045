namespace PvoFinance.Applications;

/// <summary>The final determination of the subsidy (vaststelling, Awb 4:42).</summary>
/// <param name="Amount">The final amount; at most the granted amount (Awb 4:46 lid 1), zero or more.</param>
/// <param name="Reason">Required when lower than granted: the ground of Awb 4:46 lid 2 that applies.</param>
public sealed record Determination(Money Amount, string? Reason = null)
{
    /// <summary>A canonical text of what is decided, for the second approver's check.</summary>
    public string Terms() => "determine " + Amount;
}
