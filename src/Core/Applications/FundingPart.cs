namespace PvoFinance.Applications;

/// <summary>One source's part of a funding plan or of a granted split.</summary>
/// <param name="Source">The funding source's id.</param>
/// <param name="Amount">Its part; positive.</param>
public sealed record FundingPart(string Source, Money Amount)
{
    /// <summary>Text such as <c>prov-limburg=20000.00</c>, used in the canonical terms of a decision.</summary>
    public override string ToString() => $"{Source}={Amount}";
}
