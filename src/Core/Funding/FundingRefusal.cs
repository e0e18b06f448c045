namespace PvoFinance.Funding;

/// <summary>Why a funding command was refused, coarsely, so the API can pick a status without parsing text.</summary>
public enum FundingRefusalCode
{
    /// <summary>The command's content is wrong (a year, an amount, a region, a kind that cannot do this).</summary>
    Invalid,
    /// <summary>The source does not exist.</summary>
    NotFound,
    /// <summary>The command clashes with what exists (a taken id or name, a levy invoiced at other amounts).</summary>
    Conflict,
    /// <summary>The command's id was used before with other content.</summary>
    IdempotencyConflict,
    /// <summary>A ceiling, what is committed and unpaid, or a count limit would be crossed.</summary>
    LimitExceeded,
}

/// <summary>A refused funding command: the field at fault and why, in one sentence.</summary>
/// <param name="Code">The coarse kind.</param>
/// <param name="Field">The field at fault, as the request names it (<c>amounts.2026</c>, <c>region</c>, …).</param>
/// <param name="Message">A sentence for a person.</param>
public sealed record FundingRefusal(FundingRefusalCode Code, string Field, string Message)
{
    internal static FundingRefusal Invalid(string field, string message) => new(FundingRefusalCode.Invalid, field, message);
}
