namespace PvoFinance.Applications;

/// <summary>Why a request was refused, coarsely, so an HTTP layer can pick a status without parsing text.</summary>
public enum RefusalCode
{
    /// <summary>This caller may not do this (role, scope, four-eyes): 403.</summary>
    Forbidden,
    /// <summary>Not possible in the application's current state or position: 409.</summary>
    Conflict,
    /// <summary>The request's content is wrong (amount, dates, missing evidence): 400/422.</summary>
    Invalid,
    /// <summary>The workflow itself failed; nothing was changed: 500.</summary>
    Internal,
    /// <summary>A bound of the application would be crossed (the most documents it holds): 422.</summary>
    LimitExceeded,
}
