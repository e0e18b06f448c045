using PvoFinance.Applications;

namespace PvoFinance.Grains.Applications;

/// <summary>A refusal of the application grain: its kind, the field at fault and the reason in the domain's words.</summary>
/// <param name="Code">The kind of refusal.</param>
/// <param name="Field">The field (a JSON path without <c>$.</c>, or a header or part of the address) at fault.</param>
/// <param name="Reason">Why, in one sentence.</param>
[GenerateSerializer, Immutable]
public sealed record ApplicationRefusal(
    [property: Id(0)] ApplicationRefusalCode Code,
    [property: Id(1)] string Field,
    [property: Id(2)] string Reason)
{
    /// <summary>The workflow's refusal under the same name.</summary>
    public static ApplicationRefusal From(Refusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return new(refusal.Code switch
        {
            RefusalCode.Forbidden => ApplicationRefusalCode.Forbidden,
            RefusalCode.Conflict => ApplicationRefusalCode.Conflict,
            RefusalCode.Invalid => ApplicationRefusalCode.Invalid,
            RefusalCode.LimitExceeded => ApplicationRefusalCode.LimitExceeded,
            _ => ApplicationRefusalCode.Internal,
        }, refusal.Field, refusal.Reason);
    }
}
