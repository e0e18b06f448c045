using System.Globalization;
using NodaTime;

namespace PvoFinance.Applications;

/// <summary>An approved amendment (wijziging of the verlening), decided like a grant.</summary>
/// <param name="Budget">The new granted amount; at most the budget asked for (or the current one if none was asked), at least what was already advanced.</param>
/// <param name="EndDate">The new end date.</param>
/// <param name="AccountabilityDue">The new accountability due date; null keeps the current one.</param>
/// <param name="RemainingAdvances">Replaces the advances not yet paid; null keeps them. Paid plus remaining may not exceed the budget.</param>
/// <param name="Reason">The motivation, kept in the history.</param>
public sealed record AmendmentDecision(Money Budget, LocalDate EndDate, LocalDate? AccountabilityDue = null, IReadOnlyList<ScheduledAdvance>? RemainingAdvances = null, string? Reason = null)
{
    /// <summary>A canonical text of everything decided (see <see cref="GrantDecision.Terms"/>).</summary>
    public string Terms() =>
        string.Create(CultureInfo.InvariantCulture, $"amend {Budget} end {GrantDecision.Iso(EndDate)} acc {(AccountabilityDue is { } a ? GrantDecision.Iso(a) : "-")} adv ")
        + (RemainingAdvances is null ? "keep" : string.Join(",", RemainingAdvances.Select(x => GrantDecision.Iso(x.Due) + "=" + x.Amount)));
}
