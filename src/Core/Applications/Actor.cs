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

    /// <summary>The longest display name kept; a longer one (or one with control characters) is not recorded.</summary>
    public const int MaxNameLength = 120;

    /// <summary>
    /// Creates an actor; refuses an empty or over-long user id. <paramref name="name"/> is the person's display name
    /// from the sign-in (the token's <c>name</c> claim), kept with what they do so people read names, not ids; a
    /// missing, blank, over-long or unprintable one is simply not kept.
    /// </summary>
    public Actor(string userId, Caller caller, string? name = null)
    {
        if (string.IsNullOrWhiteSpace(userId) || userId.Length > MaxUserIdLength)
        {
            throw new ArgumentException($"A user id of 1..{MaxUserIdLength} characters is required.", nameof(userId));
        }
        UserId = userId;
        Caller = caller ?? throw new ArgumentNullException(nameof(caller));
        Name = Clean(name);
    }

    /// <summary>The person's display name, when the sign-in gave a usable one.</summary>
    public string? Name { get; }

    /// <summary>A display name as kept: trimmed, 1..<see cref="MaxNameLength"/> characters, no control characters; else null.</summary>
    public static string? Clean(string? name)
    {
        var trimmed = name?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxNameLength || trimmed.Any(char.IsControl) ? null : trimmed;
    }

    /// <summary>The user's stable id (the token's subject).</summary>
    public string UserId { get; }

    /// <summary>The user's role and reach.</summary>
    public Caller Caller { get; }

    /// <summary>Text form for logs: <c>user (Role @ scope)</c>.</summary>
    public override string ToString() => $"{UserId} ({Caller.Role} @ {Caller.Reach})";
}
