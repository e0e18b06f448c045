namespace PvoFinance.Notices;

/// <summary>Whose inbox a notice goes to; a notice may go to more than one role.</summary>
[Flags]
public enum NoticeAudience
{
    /// <summary>Nobody (not used in a rule).</summary>
    None = 0,
    /// <summary>The PVO-manager of the applying region: the applicant.</summary>
    RegionManager = 1,
    /// <summary>Who decides for the fund owner: the ministry (national), the provincial officer (province) or the region's manager (its own funds).</summary>
    FundOwner = 2,
    /// <summary>Every treasurer whose books cover the applying region (national, its province, or the region).</summary>
    Treasurer = 4,
}
