using PvoFinance.Applications;

namespace PvoFinance.Grains.Applications;

/// <summary>
/// An answer of the application grain: the application as the caller sees it, or a refusal. Typed: the API turns it
/// into a status and JSON (<c>src/Api/Applications/ApplicationAnswers.cs</c>).
/// </summary>
/// <param name="View">The application; null when refused.</param>
/// <param name="Refusal">Why not; null on success.</param>
/// <param name="Created">True when this request created the application (a repeated create answers false).</param>
[GenerateSerializer, Immutable]
public sealed record ApplicationReply(
    [property: Id(0)] ApplicationView? View,
    [property: Id(1)] ApplicationRefusal? Refusal,
    [property: Id(2)] bool Created = false)
{
    /// <summary>True when the request succeeded.</summary>
    public bool Ok => Refusal is null;

    /// <summary>The refusal's kind, null on success.</summary>
    public ApplicationRefusalCode? Code => Refusal?.Code;

    /// <summary>The refusal's field, null on success.</summary>
    public string? Field => Refusal?.Field;

    /// <summary>The refusal's reason, null on success.</summary>
    public string? Reason => Refusal?.Reason;

    internal static ApplicationReply Success(ApplicationView view, bool created = false) => new(view, null, created);

    internal static ApplicationReply Refused(ApplicationRefusalCode code, string field, string reason) => new(null, new ApplicationRefusal(code, field, reason));

    internal static ApplicationReply From(Refusal refusal) => new(null, ApplicationRefusal.From(refusal));
}
