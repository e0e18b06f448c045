using NodaTime;
using PvoFinance.Applications;

namespace PvoFinance.Notices;

/// <summary>
/// Which notices an application's running dates call for at a given moment: a pure function of the deadlines, the
/// rules and the clock, so a sweep that runs twice (or on two silos) plans the same notices with the same ids.
/// </summary>
public static class NoticePlanner
{
    /// <summary>
    /// The notices <paramref name="deadlines"/> call for at <paramref name="now"/>: each date of
    /// <see cref="Deadlines.Listing"/> whose rule's lead time has begun (<c>daysLeft ≤ LeadDays</c>) and that is not more
    /// than <see cref="NoticeLimits.MaxLateDays"/> overdue. A suspended decision term, a passed objection term and a
    /// passed limitation day are not listed, so they make no notice.
    /// </summary>
    public static IReadOnlyList<Notice> Plan(NoticeSubject subject, Deadlines deadlines, Instant now)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(deadlines);
        var today = LegalClocks.Today(now);
        var notices = new List<Notice>();
        foreach (var item in deadlines.Listing(now, NoticeRules.MaxLeadDays))
        {
            if (NoticeRules.For(item.Kind, today) is not { } rule || item.DaysLeft > rule.LeadDays || item.DaysLeft < -NoticeLimits.MaxLateDays)
            {
                continue;
            }
            notices.Add(new Notice(NoticeIds.Of(subject.Region, subject.ApplicationId, item.Kind, item.Due), subject.Region, subject.ApplicationId,
                subject.Title, subject.FundOwner, item.Kind, item.Due, rule.Audience, rule.Action, now));
        }
        return notices;
    }

    /// <summary>The first due day a sweep at <paramref name="now"/> still keeps; notices due before it are pruned.</summary>
    public static LocalDate KeepFrom(Instant now) => LegalClocks.Today(now).PlusDays(-NoticeLimits.RetainDays);
}
