using PvoFinance.Access;

namespace PvoFinance.Notices;

/// <summary>Whose inbox a notice is in: the roles of its <see cref="Notice.Audience"/>, each in its own scope.</summary>
public static class NoticeRecipients
{
    /// <summary>
    /// True when <paramref name="notice"/> is in <paramref name="caller"/>'s inbox: the region's own manager for
    /// <see cref="NoticeAudience.RegionManager"/>; whoever manages the fund owner's scope for
    /// <see cref="NoticeAudience.FundOwner"/> (the ministry for national funds, the province's officer, the region's
    /// manager for its own funds); a treasurer whose books cover the region for <see cref="NoticeAudience.Treasurer"/>.
    /// </summary>
    public static bool IsFor(Notice notice, Caller caller, AccessRules rules)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(rules);
        var region = Scope.Region(notice.Region);
        if (notice.Audience.HasFlag(NoticeAudience.RegionManager) && caller.Role == Role.PvoManager && caller.Reach == region)
        {
            return true;
        }
        if (notice.Audience.HasFlag(NoticeAudience.FundOwner) && Scope.TryParse(notice.FundOwner, out var owner) && rules.CanManage(caller, owner))
        {
            return true;
        }
        return notice.Audience.HasFlag(NoticeAudience.Treasurer) && caller.Role == Role.Treasurer && rules.Covers(caller.Reach, region);
    }
}
