using PvoFinance.Access;

namespace PvoFinance.Applications;

/// <summary>
/// A person acting on an application: who they are (a stable user id, for four-eyes and the history) and
/// what their token lets them do (<see cref="Caller"/>). Four-eyes compares user ids, not roles, because one
/// person may hold tokens for two roles.
/// </summary>
public sealed record Actor
{
    /// <summary>The longest user id accepted; ids are subject claims, never free text.</summary>
    public const int MaxUserIdLength = 200;

    /// <summary>Creates an actor; refuses an empty or over-long user id.</summary>
    public Actor(string userId, Caller caller)
    {
        if (string.IsNullOrWhiteSpace(userId) || userId.Length > MaxUserIdLength)
        {
            throw new ArgumentException($"A user id of 1..{MaxUserIdLength} characters is required.", nameof(userId));
        }
        UserId = userId;
        Caller = caller ?? throw new ArgumentNullException(nameof(caller));
    }

    /// <summary>The user's stable id (the token's subject).</summary>
    public string UserId { get; }

    /// <summary>The user's role and reach.</summary>
    public Caller Caller { get; }

    /// <summary>Text form for logs: <c>user (Role @ scope)</c>.</summary>
    public override string ToString() => $"{UserId} ({Caller.Role} @ {Caller.Reach})";
}
