using NodaTime;
using PvoFinance.Applications;

namespace PvoFinance.Notices;

/// <summary>
/// One deadline that has come near, in the inboxes of its <see cref="Audience"/>. Made once per (application, kind,
/// due day): <see cref="Id"/> is built from exactly those, so a sweep that runs again makes the same id and the store
/// keeps the first.
/// </summary>
/// <param name="Id">The notice id: <c>region.yyyyMMdd.kind.application</c> (see <see cref="NoticeIds"/>).</param>
/// <param name="Region">The applying region.</param>
/// <param name="ApplicationId">The application.</param>
/// <param name="Title">The application's title when the notice was made.</param>
/// <param name="FundOwner">Who decides, as a scope text.</param>
/// <param name="Kind">Which deadline.</param>
/// <param name="Due">The last day of the term (Amsterdam).</param>
/// <param name="Audience">Whose inboxes it is in.</param>
/// <param name="Action">What to do, in Dutch.</param>
/// <param name="Made">When the sweep made it.</param>
public sealed record Notice(string Id, string Region, string ApplicationId, string Title, string FundOwner, DeadlineKind Kind, LocalDate Due,
    NoticeAudience Audience, string Action, Instant Made);
