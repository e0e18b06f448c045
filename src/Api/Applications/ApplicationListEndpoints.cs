using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using PvoFinance.Access;
using PvoFinance.Api.Auth;
using PvoFinance.Api.Problems;
using PvoFinance.Applications;
using PvoFinance.Grains.Applications;
using PvoFinance.Grains.Funding;
using PvoFinance.Regions;
using PvoFinance.Storage;

namespace PvoFinance.Api.Applications;

/// <summary>One application in a list.</summary>
/// <param name="Id">The application id.</param>
/// <param name="Region">The applying region.</param>
/// <param name="FundingSource">The funding source applied to.</param>
/// <param name="FundOwner">Who decides.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Tier">The tier fixed by the grant, null before.</param>
/// <param name="Title">What the activities are.</param>
/// <param name="Requested">The amount requested.</param>
/// <param name="Granted">The granted amount.</param>
/// <param name="Deadlines">The dates that run.</param>
/// <param name="Next">The earliest date in the listing (overdue ones first), null when none runs.</param>
/// <param name="Overdue">True when a date has passed.</param>
public sealed record ApplicationListItem(string Id, string Region, string FundingSource, string FundOwner, string State, string? Tier,
    string Title, string Requested, string Granted, Deadlines Deadlines, DueItem? Next, bool Overdue);

/// <summary>One page of the answer of <c>GET /api/applications</c>.</summary>
/// <param name="Today">The Amsterdam date the deadlines were judged on.</param>
/// <param name="Count">How many applications on this page.</param>
/// <param name="Applications">The applications of this page, by region and then id.</param>
/// <param name="Next">The <c>continuation</c> value that reads the next page; null on the last page.</param>
public sealed record ApplicationListView(LocalDate Today, int Count, IReadOnlyList<ApplicationListItem> Applications, string? Next = null);

/// <summary>One date that is overdue or due soon.</summary>
/// <param name="Id">The application id.</param>
/// <param name="Region">The applying region.</param>
/// <param name="FundingSource">The funding source applied to.</param>
/// <param name="State">Where the application stands.</param>
/// <param name="Kind">Which deadline.</param>
/// <param name="Due">The last day of the term.</param>
/// <param name="DaysLeft">Days from today; negative when overdue.</param>
/// <param name="Overdue">True when the due day has passed.</param>
public sealed record DueListItem(string Id, string Region, string FundingSource, string State, DeadlineKind Kind, LocalDate Due, int DaysLeft, bool Overdue);

/// <summary>The answer of <c>GET /api/applications/due</c>.</summary>
/// <param name="Today">The Amsterdam date the deadlines were judged on.</param>
/// <param name="WithinDays">The look-ahead.</param>
/// <param name="Items">What is overdue or due within the look-ahead, earliest first.</param>
/// <param name="Truncated">True when more than <see cref="ApplicationListEndpoints.MaxDueApplications"/> applications had something due, so only the first of them (by region and id) are listed.</param>
public sealed record DueListView(LocalDate Today, int WithinDays, IReadOnlyList<DueListItem> Items, bool Truncated = false);

/// <summary>
/// Lists of applications for the caller's reach: the regions it may read (<see cref="AccessRules.CanRead"/> on the
/// region), read page by page from the regions' list rows (<see cref="IApplicationListReaderGrain"/>), filtered, with
/// deadlines judged by the injected clock.
/// </summary>
public static partial class ApplicationListEndpoints
{
    /// <summary>The look-ahead of <c>/due</c> when none is given, in days.</summary>
    public const int DefaultWithinDays = 14;

    /// <summary>Applications with something due that one <c>/due</c> answer lists at most; beyond it the answer says it is truncated.</summary>
    public const int MaxDueApplications = 10_000;

    /// <summary>Store reads one list page makes at most (they matter only when the exact deadline test drops rows the store kept).</summary>
    public const int MaxStoreReadsPerPage = 20;

    [GeneratedRegex("^[a-z0-9-]{1,60}$")]
    private static partial Regex SourceIdPattern();

    /// <summary>Maps <c>GET /</c> and <c>GET /due</c> on the applications group.</summary>
    public static RouteGroupBuilder MapApplicationLists(this RouteGroupBuilder group)
    {
        group.MapGet("/", List)
            .WithSummary("The applications the caller may read, a page at a time (pageSize, default 50, at most 200; follow next as continuation), filtered by region, state, funding source, overdue, due within so many days and due before a date.")
            .Produces<ApplicationListView>().ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/due", Due)
            .WithSummary("What is overdue or due within so many days (default 14) in the caller's reach, earliest first.")
            .Produces<DueListView>().ProducesProblem(StatusCodes.Status400BadRequest);
        return group;
    }

    private static async Task<IResult> List([FromQuery] string? region, [FromQuery] string? state, [FromQuery] string? source,
        [FromQuery] string? overdue, [FromQuery] string? dueWithinDays, [FromQuery] string? dueBefore, [FromQuery] string? pageSize,
        [FromQuery] string? continuation, CurrentCaller caller, AccessRules rules, IRegionGeography geography, IGrainFactory grains, IClock clock)
    {
        if (region is not null && !geography.IsRegion(region))
        {
            return ApiProblems.Invalid("region", $"'{region}' is not one of the ten regions.");
        }
        var stateName = state is null ? null : Enum.GetNames<ApplicationState>().FirstOrDefault(n => string.Equals(n, state, StringComparison.OrdinalIgnoreCase));
        if (state is not null && stateName is null)
        {
            return ApiProblems.Invalid("state", $"'{state}' is not a state; known: {string.Join(", ", Enum.GetNames<ApplicationState>())}.");
        }
        if (source is not null && (!SourceIdPattern().IsMatch(source) || await grains.GetGrain<IFundingSourceGrain>(source).GetDefinition() is null))
        {
            return ApiProblems.Invalid("source", $"No funding source '{source}'.");
        }
        bool? onlyOverdue = null;
        if (overdue is not null)
        {
            if (!bool.TryParse(overdue, out var o))
            {
                return ApiProblems.Invalid("overdue", "overdue is true or false.");
            }
            onlyOverdue = o;
        }
        int? within = null;
        if (dueWithinDays is not null)
        {
            if (!TryDays(dueWithinDays, out var d))
            {
                return ApiProblems.Invalid("dueWithinDays", $"dueWithinDays is a whole number of days, 0..{Deadlines.MaxWithinDays}.");
            }
            within = d;
        }
        LocalDate? before = null;
        if (dueBefore is not null)
        {
            if (!NodaTime.Text.LocalDatePattern.Iso.Parse(dueBefore).TryGetValue(default, out var b))
            {
                return ApiProblems.Invalid("dueBefore", "dueBefore is a date, yyyy-MM-dd.");
            }
            before = b;
        }
        var size = ApplicationListLimits.DefaultPageSize;
        if (pageSize is not null && (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > ApplicationListLimits.MaxPageSize))
        {
            return ApiProblems.Invalid("pageSize", $"pageSize is a whole number of applications, 1..{ApplicationListLimits.MaxPageSize}.");
        }
        var regions = Reachable(caller.Caller, rules, region);
        var (startRegion, after) = (0, (string?)null);
        if (continuation is not null)
        {
            if (ReadCursor(continuation) is not { } cursor || regions.IndexOf(cursor.Region) is var at && at < 0)
            {
                return ApiProblems.Invalid("continuation", "continuation is the 'next' of an earlier page of this same list.");
            }
            (startRegion, after) = (at, cursor.After);
        }
        var now = clock.GetCurrentInstant();
        var today = LegalClocks.Today(now);
        // The store narrows by the earliest running date of each application; the exact test is made below.
        LocalDate? dueBy = null;
        void Narrow(LocalDate d) => dueBy = dueBy is { } k && k < d ? k : d;
        if (within is { } w)
        {
            Narrow(today.PlusDays(w));
        }
        if (onlyOverdue == true)
        {
            Narrow(today.PlusDays(-1));
        }
        if (before is { } bd)
        {
            Narrow(bd.PlusDays(-1));
        }
        var reader = grains.GetGrain<IApplicationListReaderGrain>(0);
        var items = new List<ApplicationListItem>(size);
        string? next = null;
        var reads = 0;
        for (var r = startRegion; r < regions.Count && next is null; r++)
        {
            var afterId = r == startRegion ? after : null;
            while (true)
            {
                if (items.Count == size || ++reads > MaxStoreReadsPerPage)
                {
                    next = WriteCursor(regions[r], afterId);
                    break;
                }
                var page = await reader.Page(new ApplicationListQuery(regions[r], stateName, source, dueBy?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), afterId, size - items.Count));
                foreach (var s in page.Rows)
                {
                    afterId = s.Id;
                    var deadlines = JsonSerializer.Deserialize<Deadlines>(s.DeadlinesJson, ApplicationJson.Options) ?? Deadlines.None;
                    var listing = deadlines.Listing(now, Deadlines.MaxWithinDays);
                    var isOverdue = listing.Any(i => i.IsOverdue);
                    if ((onlyOverdue is { } want && want != isOverdue) || (within is { } wd && !listing.Any(i => i.DaysLeft <= wd))
                        || (before is { } b && !listing.Any(i => i.Due < b)))
                    {
                        continue;
                    }
                    items.Add(new ApplicationListItem(s.Id, s.Region, s.SourceId, s.FundOwner, s.State, s.Tier, s.Title, s.Requested, s.Granted,
                        deadlines, listing.Count == 0 ? null : listing[0], isOverdue));
                }
                if (!page.More)
                {
                    if (items.Count == size && r + 1 < regions.Count)
                    {
                        next = WriteCursor(regions[r + 1], null);
                    }
                    break;
                }
            }
        }
        return Json(new ApplicationListView(today, items.Count, items, next));
    }

    private static async Task<IResult> Due([FromQuery] string? withinDays, CurrentCaller caller, AccessRules rules, IGrainFactory grains, IClock clock)
    {
        var within = DefaultWithinDays;
        if (withinDays is not null && !TryDays(withinDays, out within))
        {
            return ApiProblems.Invalid("withinDays", $"withinDays is a whole number of days, 0..{Deadlines.MaxWithinDays}.");
        }
        var now = clock.GetCurrentInstant();
        var dueBy = LegalClocks.Today(now).PlusDays(within).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var reader = grains.GetGrain<IApplicationListReaderGrain>(0);
        var items = new List<DueListItem>();
        var applications = 0;
        var truncated = false;
        foreach (var region in Reachable(caller.Caller, rules, null))
        {
            string? after = null;
            do
            {
                var page = await reader.Page(new ApplicationListQuery(region, null, null, dueBy, after, ApplicationListLimits.MaxPageSize));
                foreach (var s in page.Rows)
                {
                    if (++applications > MaxDueApplications)
                    {
                        truncated = true;
                        break;
                    }
                    var deadlines = JsonSerializer.Deserialize<Deadlines>(s.DeadlinesJson, ApplicationJson.Options) ?? Deadlines.None;
                    items.AddRange(deadlines.Listing(now, within).Select(i => new DueListItem(s.Id, s.Region, s.SourceId, s.State, i.Kind, i.Due, i.DaysLeft, i.IsOverdue)));
                }
                after = page.More && !truncated ? page.Rows[^1].Id : null;
            }
            while (after is not null);
        }
        return Json(new DueListView(LegalClocks.Today(now), within,
            [.. items.OrderBy(i => i.Due).ThenBy(i => i.Kind).ThenBy(i => i.Id, StringComparer.Ordinal)], truncated));
    }

    // The regions the caller may read (at most the ten), in a fixed order so that a cursor stays meaningful.
    private static List<string> Reachable(Caller caller, AccessRules rules, string? region) =>
        [.. RegionDefinition.All.Select(r => r.Id)
            .Where(id => (region is null || id == region) && rules.CanRead(caller, Scope.Region(id)))
            .Order(StringComparer.Ordinal)];

    // A cursor names the region being read and the last id returned there; opaque to callers.
    private static string WriteCursor(string region, string? after) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(region + "\n" + after)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (string Region, string? After)? ReadCursor(string text)
    {
        if (text.Length is 0 or > 600)
        {
            return null;
        }
        try
        {
            var padded = text.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('\n');
            if (parts.Length != 2)
            {
                return null;
            }
            if (parts[1].Length > 0)
            {
                ApplicationListLimits.CheckKey(parts[1], "id");
            }
            return (parts[0], parts[1].Length == 0 ? null : parts[1]);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return null;
        }
    }

    private static bool TryDays(string text, out int days) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out days) && days <= Deadlines.MaxWithinDays;

    private static IResult Json<T>(T value) =>
        Results.Text(JsonSerializer.Serialize(value, ApplicationJson.Options), "application/json", Encoding.UTF8, StatusCodes.Status200OK);
}
