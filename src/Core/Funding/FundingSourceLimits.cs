namespace PvoFinance.Funding;

/// <summary>
/// Explicit bounds on what one funding source keeps in its state. Today every commitment and direct payment lives in
/// the source's one stored record (one table entity, <see cref="PvoFinance.Storage.GrainStateLimits.MaxFundingSourceBytes"/>);
/// without a count it reached the entity cap after about 2,100 commitments and failed every write from then on.
/// With these counts an ordinary source (commitment ids of ~40 characters, two years, a short purpose: ~250 bytes each)
/// stays near half its bound; an unusual mix of long ids and purposes is still caught by the size check before the write.
/// Moving commitments and payments to rows, paged on read, is left for later (issue 14).
/// </summary>
public static class FundingSourceLimits
{
    /// <summary>Commitments per source, those being made included.</summary>
    public const int MaxCommitments = 1_000;

    /// <summary>Direct payments per source.</summary>
    public const int MaxDirectPayments = 1_000;

    /// <summary>Characters in a commitment's purpose.</summary>
    public const int MaxPurposeChars = 500;
}
