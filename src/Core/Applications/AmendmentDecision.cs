using System.Globalization;
using NodaTime;

namespace PvoFinance.Applications;

/// <summary>An approved amendment (wijziging of the verlening), decided like a grant.</summary>
/// <param name="Budget">The new granted amount; at most the budget asked for (or the current one if none was asked), at least what was already advanced.</param>
/// <param name="EndDate">The new end date.</param>
/// <param name="AccountabilityDue">The new accountability due date; null keeps the current one.</param>
/// <param name="RemainingAdvances">Replaces the advances not yet paid; null keeps them. Paid plus remaining may not exceed the budget.</param>
/// <param name="Reason">The motivation, kept in the history.</param>
/// <param name="Split">The new budget over the plan's sources; null adjusts the current split (<see cref="CoFinancing.AmendSplit"/>).</param>
public sealed record AmendmentDecision(Money Budget, LocalDate EndDate, LocalDate? AccountabilityDue = null, IReadOnlyList<ScheduledAdvance>? RemainingAdvances = null, string? Reason = null,
    IReadOnlyList<FundingPart>? Split = null)
{
    /// <summary>A canonical text of everything decided (see <see cref="GrantDecision.Terms"/>).</summary>
    /// <param name="split">The split as resolved for the application.</param>
    public string Terms(IReadOnlyList<FundingPart> split) =>
        string.Create(CultureInfo.InvariantCulture, $"amend {Budget} end {GrantDecision.Iso(EndDate)} acc {(AccountabilityDue is { } a ? GrantDecision.Iso(a) : "-")} adv ")
        + (RemainingAdvances is null ? "keep" : string.Join(",", RemainingAdvances.Select(x => GrantDecision.Iso(x.Due) + "=" + x.Amount)))
        + " split " + string.Join(",", split);
}
