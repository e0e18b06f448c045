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
