namespace PvoFinance.Applications;

/// <summary>A refused request: which field (or <c>caller</c>, <c>state</c>) is at fault, and why, in one sentence.</summary>
/// <param name="Code">The coarse kind.</param>
/// <param name="Field">The field at fault: a payload member (<c>amount</c>, <c>results</c>, …), <c>caller</c> or <c>state</c>.</param>
/// <param name="Reason">A sentence for a person.</param>
public sealed record Refusal(RefusalCode Code, string Field, string Reason)
{
    internal static Refusal Forbidden(string reason) => new(RefusalCode.Forbidden, "caller", reason);

    internal static Refusal Conflict(string field, string reason) => new(RefusalCode.Conflict, field, reason);

    internal static Refusal Invalid(string field, string reason) => new(RefusalCode.Invalid, field, reason);
}
