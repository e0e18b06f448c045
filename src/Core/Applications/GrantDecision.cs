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
/// <param name="Split">The amount over the plan's sources; null takes the plan, scaled to the amount (<see cref="CoFinancing.GrantSplit"/>).</param>
public sealed record GrantDecision(Money Amount, LocalDate EndDate, LocalDate? AccountabilityDue, IReadOnlyList<ScheduledAdvance> Advances, string? Reason = null,
    IReadOnlyList<FundingPart>? Split = null)
{
    /// <summary>
    /// A canonical text of everything decided, so a second approver can be checked to approve exactly what the
    /// first approved (records compare lists by reference, which is not what four-eyes means).
    /// </summary>
    /// <param name="split">The split as resolved for the application, so "the plan" and the same split named explicitly are the same terms.</param>
    public string Terms(IReadOnlyList<FundingPart> split) =>
        string.Create(CultureInfo.InvariantCulture, $"grant {Amount} end {Iso(EndDate)} acc {(AccountabilityDue is { } a ? Iso(a) : "-")} adv ")
        + string.Join(",", Advances.Select(x => Iso(x.Due) + "=" + x.Amount))
        + " split " + string.Join(",", split);

    internal static string Iso(LocalDate d) => LocalDatePattern.Iso.Format(d);
}
