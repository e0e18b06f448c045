namespace PvoFinance.Applications;

/// <summary>The payload of triggers that carry only a motivation (submit, reject, revoke, …).</summary>
/// <param name="Reason">Why; required where the law asks for a motivated decision (reject, revoke, information request, refused amendment).</param>
public sealed record Note(string? Reason = null)
{
    /// <summary>No reason given.</summary>
    public static Note None { get; } = new();
}
