using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using PvoFinance.Access;
using PvoFinance.Api.Auth;
using PvoFinance.Api.Problems;
using PvoFinance.Applications;
using PvoFinance.Grains.Notices;
using PvoFinance.Notices;
using PvoFinance.Regions;

namespace PvoFinance.Api.Notices;

/// <summary>
/// The caller's inbox of deadline notices (<c>GET /api/notices</c>), marking one read (<c>POST /api/notices/{id}/read</c>,
/// per user) and, for the ministry, a sweep of every region now (<c>POST /api/notices/sweep</c>; the reminders sweep
/// every hour by themselves). Which notices a caller sees is <see cref="NoticeRecipients"/>: its role in its scope.
/// </summary>
public static class NoticeEndpoints
{
    /// <summary>Maps the notice endpoints under <c>/notices</c> of <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapNoticesApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/notices").WithTags("Notices");
        group.MapGet("/", Inbox)
            .WithSummary($"The caller's deadline notices: unread first, then the most urgent (pageSize, default {NoticeLimits.DefaultPageSize}, at most {NoticeLimits.MaxPageSize}; follow next as continuation; unread=true for only the unread), with the unread count.")
            .Produces<NoticeInboxView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/{id}/read", MarkRead)
            .WithSummary("Marks a notice of the caller's inbox read, for this user only; again is harmless.")
            .Produces<NoticeItem>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/sweep", Sweep)
            .WithSummary("The ministry: sweeps every region now, as the hourly reminders do (notices are made once per application, deadline and due day).")
            .Produces<NoticeSweepsView>().ProducesProblem(StatusCodes.Status403Forbidden);
        return group;
    }

    private static async Task<IResult> Inbox([FromQuery] string? pageSize, [FromQuery] string? continuation, [FromQuery] string? unread,
        HttpContext http, CurrentCaller caller, AccessRules rules, INoticeStore store, IClock clock)
    {
        var size = NoticeLimits.DefaultPageSize;
        if (pageSize is not null && (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > NoticeLimits.MaxPageSize))
        {
            return ApiProblems.Invalid("pageSize", $"pageSize is a whole number of notices, 1..{NoticeLimits.MaxPageSize}.");
        }
        var skip = 0;
        if (continuation is not null && (!int.TryParse(continuation, NumberStyles.None, CultureInfo.InvariantCulture, out skip) || skip is < 1 or > NoticeLimits.MaxPerRegion * 10))
        {
            return ApiProblems.Invalid("continuation", "continuation is the 'next' of an earlier page of this same list.");
        }
        var onlyUnread = false;
        if (unread is not null && !bool.TryParse(unread, out onlyUnread))
        {
            return ApiProblems.Invalid("unread", "unread is true or false.");
        }
        if (User(http) is not { } user)
        {
            return ApiProblems.Forbidden("sub", "The token has no subject.");
        }
        var now = clock.GetCurrentInstant();
        var today = LegalClocks.Today(now);
        var read = await store.ReadByAsync(user, NoticePlanner.KeepFrom(now), http.RequestAborted);
        var mine = new List<Notice>();
        var truncated = false;
        foreach (var region in Reachable(caller.Caller, rules))
        {
            var rows = await store.ListAsync(region, NoticeLimits.MaxPerRegion + 1, http.RequestAborted);
            truncated |= rows.Count > NoticeLimits.MaxPerRegion;
            mine.AddRange(rows.Take(NoticeLimits.MaxPerRegion).Where(n => NoticeRecipients.IsFor(n, caller.Caller, rules)));
        }
        var items = mine.Select(n => Item(n, today, read.Contains(n.Id)))
            .OrderBy(i => i.Read).ThenBy(i => i.Due).ThenBy(i => i.Kind).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
        var unreadCount = items.Count(i => !i.Read);
        var listed = onlyUnread ? items.Where(i => !i.Read).ToList() : items;
        var page = listed.Skip(skip).Take(size).ToList();
        var next = skip + page.Count < listed.Count ? (skip + page.Count).ToString(CultureInfo.InvariantCulture) : null;
        return Json(new NoticeInboxView(today, unreadCount, items.Count, page.Count, page, next, truncated));
    }

    private static async Task<IResult> MarkRead(string id, HttpContext http, CurrentCaller caller, AccessRules rules, INoticeStore store, IClock clock)
    {
        // A notice outside the caller's inbox answers as if it did not exist, so ids of others do not leak.
        var notFound = ApiProblems.NotFound("id", $"No notice '{id}' in your inbox.");
        if (!NoticeIds.TryParse(id, out var region, out _, out _, out _) || !RegionDefinition.All.Any(r => r.Id == region))
        {
            return notFound;
        }
        if (User(http) is not { } user)
        {
            return ApiProblems.Forbidden("sub", "The token has no subject.");
        }
        if (await store.GetAsync(region, id, http.RequestAborted) is not { } notice || !NoticeRecipients.IsFor(notice, caller.Caller, rules))
        {
            return notFound;
        }
        var now = clock.GetCurrentInstant();
        await store.MarkReadAsync(user, notice, now, http.RequestAborted);
        return Json(Item(notice, LegalClocks.Today(now), read: true));
    }

    private static async Task<IResult> Sweep(CurrentCaller caller, IGrainFactory grains, IClock clock)
    {
        if (caller.Role != Role.Ministry)
        {
            return ApiProblems.Forbidden("caller", "Only the ministry asks for a sweep of every region; the reminders sweep every hour by themselves.");
        }
        var results = await Task.WhenAll(RegionDefinition.All.Select(r => grains.GetGrain<INoticeSweeperGrain>(r.Id).Sweep()));
        return Json(new NoticeSweepsView(LegalClocks.Today(clock.GetCurrentInstant()),
            [.. results.OrderBy(r => r.Region, StringComparer.Ordinal).Select(r => new NoticeSweepView(r.Region, r.Applications, r.Planned, r.Made, r.Pruned))]));
    }

    private static NoticeItem Item(Notice n, LocalDate today, bool read)
    {
        var left = Period.Between(today, n.Due, PeriodUnits.Days).Days;
        return new NoticeItem(n.Id, n.ApplicationId, n.Title, n.Region, n.FundOwner, n.Kind, n.Due, left, left < 0, n.Action, n.Made, read);
    }

    // The regions whose notices could be in the caller's inbox: those it may read (at most the ten), in a fixed order.
    private static List<string> Reachable(Caller caller, AccessRules rules) =>
        [.. RegionDefinition.All.Select(r => r.Id).Where(id => rules.CanRead(caller, Scope.Region(id))).Order(StringComparer.Ordinal)];

    private static string? User(HttpContext http) =>
        http.User.FindFirst("sub")?.Value is { Length: > 0 and <= Actor.MaxUserIdLength } sub ? NoticeStoreRules.UserKey(sub) : null;

    private static IResult Json<T>(T value) =>
        Results.Text(JsonSerializer.Serialize(value, ApplicationJson.Options), "application/json", Encoding.UTF8, StatusCodes.Status200OK);
}
