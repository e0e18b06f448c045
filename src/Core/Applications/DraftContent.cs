namespace PvoFinance.Applications;

/// <summary>What a draft application asks for.</summary>
/// <param name="Title">What the activities are; 1..<see cref="ApplicationLimits.MaxTextLength"/> characters.</param>
/// <param name="Requested">The amount requested; positive.</param>
/// <param name="ProjectCosts">The project's total costs (begroting), at least <paramref name="Requested"/>; null means equal to it. Co-financing shares are shares of these.</param>
/// <param name="Theme">The theme of the project (e.g. <c>ondermijning</c>); required when a source in the plan is earmarked.</param>
/// <param name="Funding">
/// The funding plan: the requested amount split over the fund applied to and, optionally, the region's own
/// sources or other funds of the same owner. Null means the whole amount from the fund applied to.
/// </param>
public sealed record DraftContent(string Title, Money Requested, Money? ProjectCosts = null, string? Theme = null, IReadOnlyList<FundingPart>? Funding = null);
