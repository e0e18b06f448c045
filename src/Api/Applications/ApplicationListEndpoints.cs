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

/// <summary>The answer of <c>GET /api/applications</c>.</summary>
/// <param name="Today">The Amsterdam date the deadlines were judged on.</param>
/// <param name="Count">How many applications.</param>
/// <param name="Applications">The applications, by id.</param>
public sealed record ApplicationListView(LocalDate Today, int Count, IReadOnlyList<ApplicationListItem> Applications);

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
public sealed record DueListView(LocalDate Today, int WithinDays, IReadOnlyList<DueListItem> Items);

/// <summary>
/// Lists of applications for the caller's reach: the regions it may read (<see cref="AccessRules.CanRead"/> on the
/// region), read from one index grain per region, filtered, with deadlines judged by the injected clock.
/// </summary>
public static partial class ApplicationListEndpoints
{
    /// <summary>The look-ahead of <c>/due</c> when none is given, in days.</summary>
    public const int DefaultWithinDays = 14;

    [GeneratedRegex("^[a-z0-9-]{1,60}$")]
    private static partial Regex SourceIdPattern();

    /// <summary>Maps <c>GET /</c> and <c>GET /due</c> on the applications group.</summary>
    public static RouteGroupBuilder MapApplicationLists(this RouteGroupBuilder group)
    {
        group.MapGet("/", List)
            .WithSummary("The applications the caller may read, filtered by region, state, funding source, overdue and due within so many days.")
            .Produces<ApplicationListView>().ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/due", Due)
            .WithSummary("What is overdue or due within so many days (default 14) in the caller's reach, earliest first.")
            .Produces<DueListView>().ProducesProblem(StatusCodes.Status400BadRequest);
        return group;
    }

    private static async Task<IResult> List([FromQuery] string? region, [FromQuery] string? state, [FromQuery] string? source,
        [FromQuery] string? overdue, [FromQuery] string? dueWithinDays, CurrentCaller caller, AccessRules rules, IRegionGeography geography,
        IGrainFactory grains, IClock clock)
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
        var now = clock.GetCurrentInstant();
        var items = new List<ApplicationListItem>();
        foreach (var s in await Summaries(caller.Caller, rules, grains, region, stateName, source))
        {
            var deadlines = JsonSerializer.Deserialize<Deadlines>(s.DeadlinesJson, ApplicationJson.Options) ?? Deadlines.None;
            var listing = deadlines.Listing(now, Deadlines.MaxWithinDays);
            var isOverdue = listing.Any(i => i.IsOverdue);
            if ((onlyOverdue is { } want && want != isOverdue) || (within is { } w && !listing.Any(i => i.DaysLeft <= w)))
            {
                continue;
            }
            items.Add(new ApplicationListItem(s.Id, s.Region, s.SourceId, s.FundOwner, s.State, s.Tier, s.Title, s.Requested, s.Granted,
                deadlines, listing.Count == 0 ? null : listing[0], isOverdue));
        }
        items.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return Json(new ApplicationListView(LegalClocks.Today(now), items.Count, items));
    }

    private static async Task<IResult> Due([FromQuery] string? withinDays, CurrentCaller caller, AccessRules rules, IGrainFactory grains, IClock clock)
    {
        var within = DefaultWithinDays;
        if (withinDays is not null && !TryDays(withinDays, out within))
        {
            return ApiProblems.Invalid("withinDays", $"withinDays is a whole number of days, 0..{Deadlines.MaxWithinDays}.");
        }
        var now = clock.GetCurrentInstant();
        var items = new List<DueListItem>();
        foreach (var s in await Summaries(caller.Caller, rules, grains, null, null, null))
        {
            var deadlines = JsonSerializer.Deserialize<Deadlines>(s.DeadlinesJson, ApplicationJson.Options) ?? Deadlines.None;
            items.AddRange(deadlines.Listing(now, within).Select(i => new DueListItem(s.Id, s.Region, s.SourceId, s.State, i.Kind, i.Due, i.DaysLeft, i.IsOverdue)));
        }
        return Json(new DueListView(LegalClocks.Today(now), within,
            [.. items.OrderBy(i => i.Due).ThenBy(i => i.Kind).ThenBy(i => i.Id, StringComparer.Ordinal)]));
    }

    // Fans out over the regions the caller may read (at most the ten), one index grain each.
    private static async Task<IEnumerable<ApplicationSummary>> Summaries(Caller caller, AccessRules rules, IGrainFactory grains,
        string? region, string? state, string? source)
    {
        var regions = RegionDefinition.All.Select(r => r.Id)
            .Where(id => (region is null || id == region) && rules.CanRead(caller, Scope.Region(id)));
        var lists = await Task.WhenAll(regions.Select(id => grains.GetGrain<IApplicationIndexGrain>(id).List(state, source)));
        return lists.SelectMany(l => l);
    }

    private static bool TryDays(string text, out int days) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out days) && days <= Deadlines.MaxWithinDays;

    private static IResult Json<T>(T value) =>
        Results.Text(JsonSerializer.Serialize(value, ApplicationJson.Options), "application/json", Encoding.UTF8, StatusCodes.Status200OK);
}
