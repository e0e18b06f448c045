namespace PvoFinance.Funding;

/// <summary>
/// Explicit bounds on what one funding source holds. Commitments and direct payments are rows of their own
/// (<c>IFundingRowStore</c>), paged on read, so these counts bound rows, not the source's
/// state: the state keeps only counts, running totals and the newest few, whatever the counts reach. (When every
/// commitment lived in the state, a source reached the entity cap after about 2,100 of them.)
/// </summary>
public static class FundingSourceLimits
{
    /// <summary>Commitments per source, those being made included.</summary>
    public const int MaxCommitments = 100_000;

    /// <summary>Direct payments per source.</summary>
    public const int MaxDirectPayments = 100_000;

    /// <summary>Characters in a commitment's purpose.</summary>
    public const int MaxPurposeChars = 500;
}
