namespace PvoFinance.Applications;

/// <summary>What a draft application asks for.</summary>
/// <param name="Title">What the activities are; 1..<see cref="ApplicationLimits.MaxTextLength"/> characters.</param>
/// <param name="Requested">The amount requested; positive.</param>
public sealed record DraftContent(string Title, Money Requested);
