namespace PvoFinance.Grains.Applications;

/// <summary>An answer of <see cref="IApplicationGrain.History"/>: a page of the history, or a refusal.</summary>
/// <param name="Page">The page; null when refused.</param>
/// <param name="Refusal">Why not; null on success.</param>
[GenerateSerializer, Immutable]
public sealed record ApplicationHistoryReply(
    [property: Id(0)] HistoryPageView? Page,
    [property: Id(1)] ApplicationRefusal? Refusal)
{
    /// <summary>True when the request succeeded.</summary>
    public bool Ok => Refusal is null;

    /// <summary>The refusal's kind, null on success.</summary>
    public ApplicationRefusalCode? Code => Refusal?.Code;

    /// <summary>The refusal's field, null on success.</summary>
    public string? Field => Refusal?.Field;

    /// <summary>The refusal's reason, null on success.</summary>
    public string? Reason => Refusal?.Reason;

    internal static ApplicationHistoryReply Refused(ApplicationReply refused) => new(null, refused.Refusal);
}
