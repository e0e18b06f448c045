using PvoFinance.Applications;

namespace PvoFinance.Grains.Applications;

/// <summary>
/// Why the application grain refused a request. The names of the workflow's own <see cref="RefusalCode"/> are kept (the
/// same word for the same refusal), with what only the grain can tell: that the application does not exist, that an
/// idempotency key was used for another request, that a limit (a budget, the application's size) would be crossed.
/// The API chooses the HTTP status of each.
/// </summary>
public enum ApplicationRefusalCode
{
    /// <summary>The request's content is wrong (<see cref="RefusalCode.Invalid"/>).</summary>
    Invalid,

    /// <summary>This caller may not do this (<see cref="RefusalCode.Forbidden"/>).</summary>
    Forbidden,

    /// <summary>There is no application with this id.</summary>
    NotFound,

    /// <summary>Not possible in the application's current state, or the id is taken (<see cref="RefusalCode.Conflict"/>).</summary>
    Conflict,

    /// <summary>The idempotency key was used for another request.</summary>
    IdempotencyConflict,

    /// <summary>A budget cannot carry the commitment, or the application has reached the size it may have.</summary>
    LimitExceeded,

    /// <summary>The workflow itself failed; nothing was changed (<see cref="RefusalCode.Internal"/>).</summary>
    Internal,
}

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
            _ => ApplicationRefusalCode.Internal,
        }, refusal.Field, refusal.Reason);
    }
}

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
