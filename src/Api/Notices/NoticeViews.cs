using NodaTime;
using PvoFinance.Applications;

namespace PvoFinance.Api.Notices;

/// <summary>One notice in a caller's inbox.</summary>
/// <param name="Id">The notice id (use it to mark the notice read).</param>
/// <param name="ApplicationId">The application it is about.</param>
/// <param name="Title">The application's title.</param>
/// <param name="Region">The applying region.</param>
/// <param name="FundOwner">Who decides, as a scope text.</param>
/// <param name="Kind">Which deadline.</param>
/// <param name="Due">The last day of the term.</param>
/// <param name="DaysLeft">Days from today to the due day; negative when overdue.</param>
/// <param name="Overdue">True when the due day has passed.</param>
/// <param name="Action">What to do, in Dutch.</param>
/// <param name="Made">When the notice was made.</param>
/// <param name="Read">True once this user marked it read.</param>
public sealed record NoticeItem(string Id, string ApplicationId, string Title, string Region, string FundOwner, DeadlineKind Kind, LocalDate Due,
    int DaysLeft, bool Overdue, string Action, Instant Made, bool Read);

/// <summary>The answer of <c>GET /api/notices</c>: one page of the caller's inbox.</summary>
/// <param name="Today">The Amsterdam date the deadlines were judged on.</param>
/// <param name="Unread">How many notices in the whole inbox this user has not read.</param>
/// <param name="Total">How many notices the whole inbox holds.</param>
/// <param name="Count">How many notices on this page.</param>
/// <param name="Notices">Unread first, then by due day (overdue and most urgent first), then by id.</param>
/// <param name="Next">The <c>continuation</c> value that reads the next page; null on the last page.</param>
/// <param name="Truncated">True when a region held more notices than one read takes (<see cref="PvoFinance.Notices.NoticeLimits.MaxPerRegion"/>).</param>
public sealed record NoticeInboxView(LocalDate Today, int Unread, int Total, int Count, IReadOnlyList<NoticeItem> Notices, string? Next = null, bool Truncated = false);

/// <summary>What one region's sweep did, as <c>POST /api/notices/sweep</c> answers it.</summary>
/// <param name="Region">The region.</param>
/// <param name="Applications">Application rows read.</param>
/// <param name="Planned">Notices the rules call for now.</param>
/// <param name="Made">Notices new in this sweep.</param>
/// <param name="Pruned">Old notices deleted.</param>
public sealed record NoticeSweepView(string Region, int Applications, int Planned, int Made, int Pruned);

/// <summary>The answer of <c>POST /api/notices/sweep</c>.</summary>
/// <param name="Today">The Amsterdam date the deadlines were judged on.</param>
/// <param name="Regions">Per region, what the sweep did.</param>
public sealed record NoticeSweepsView(LocalDate Today, IReadOnlyList<NoticeSweepView> Regions);
