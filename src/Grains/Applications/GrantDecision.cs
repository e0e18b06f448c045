using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace PvoFinance.Applications;

/// <summary>A decision to grant (verlening, Awb 4:29).</summary>
/// <param name="Amount">The granted amount; positive and at most what was requested (also fixes the tier).</param>
/// <param name="EndDate">When the subsidised activities end.</param>
/// <param name="AccountabilityDue">When the accountability is due (tier B and C; must be null for tier A, which is determined at once).</param>
/// <param name="Advances">The advance schedule, in date order, summing to at most the amount; empty for tier A.</param>
/// <param name="Reason">The motivation, kept in the history.</param>
public sealed record GrantDecision(Money Amount, LocalDate EndDate, LocalDate? AccountabilityDue, IReadOnlyList<ScheduledAdvance> Advances, string? Reason = null)
{
    /// <summary>
    /// A canonical text of everything decided, so a second approver can be checked to approve exactly what the
    /// first approved (records compare lists by reference, which is not what four-eyes means).
    /// </summary>
    public string Terms() =>
        string.Create(CultureInfo.InvariantCulture, $"grant {Amount} end {Iso(EndDate)} acc {(AccountabilityDue is { } a ? Iso(a) : "-")} adv ")
        + string.Join(",", Advances.Select(x => Iso(x.Due) + "=" + x.Amount));

    internal static string Iso(LocalDate d) => LocalDatePattern.Iso.Format(d);
}
