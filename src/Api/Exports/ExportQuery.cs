using Microsoft.AspNetCore.Http;
using NodaTime;
using NodaTime.Text;
using PvoFinance.Access;
using PvoFinance.Api.Auth;
using PvoFinance.Api.Problems;
using PvoFinance.Exports;

namespace PvoFinance.Api.Exports;

/// <summary>
/// What an export covers: a scope (default the caller's reach), a period of value dates (default everything), the
/// date the ledger is read as of (default today, Amsterdam) and the dialect.
/// </summary>
/// <param name="Scope">National, a province or a region; never beyond the caller's reach.</param>
/// <param name="From">First value date, inclusive; null for no start.</param>
/// <param name="To">Last value date, inclusive; null for no end.</param>
/// <param name="AsOf">The ledger as it stood at the end of this day (Amsterdam).</param>
/// <param name="Dialect">How the file is written.</param>
public sealed record ExportQuery(Scope Scope, LocalDate? From, LocalDate? To, LocalDate AsOf, CsvDialect Dialect)
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    /// <summary>The first instant after <see cref="AsOf"/>: entries recorded before it are in the export.</summary>
    public Instant Cutoff => AsOf.PlusDays(1).AtStartOfDayInZone(Amsterdam).ToInstant();

    /// <summary>Whether a value date lies in the period.</summary>
    public bool InPeriod(LocalDate valueDate) => (From is not { } f || valueDate >= f) && (To is not { } t || valueDate <= t);

    /// <summary>The query string that names this export (for manifests and links).</summary>
    public string QueryString() =>
        $"scope={Uri.EscapeDataString(Scope.ToString())}&asOf={Iso(AsOf)}&dialect={Dialect.Name}" + (From is { } f ? $"&from={Iso(f)}" : "") + (To is { } t ? $"&to={Iso(t)}" : "");

    /// <summary>Reads and checks the query; a problem (400 naming the field, or 403 beyond the caller's reach) when it cannot be used.</summary>
    public static (ExportQuery? Query, IResult? Problem) Read(HttpRequest request, CurrentCaller caller, AccessRules rules, IClock clock)
    {
        var q = request.Query;
        var scope = caller.Reach;
        if (q["scope"].ToString() is { Length: > 0 } s && !Scope.TryParse(s, out scope))
        {
            return (null, ApiProblems.Invalid("scope", "scope is national, province:<name> or region:<id>."));
        }
        var catalog = PvoFinance.Regions.RegionCatalog.Shipped;
        if (scope.Level == ScopeLevel.Province && !catalog.IsProvince(scope.Name!) || scope.Level == ScopeLevel.Region && !catalog.IsRegion(scope.Name!))
        {
            return (null, ApiProblems.Invalid("scope", $"'{scope}' is not a province or one of the ten regions."));
        }
        if (!rules.Covers(caller.Reach, scope))
        {
            return (null, ApiProblems.Forbidden("scope", $"A caller with reach '{caller.Reach}' may not export '{scope}'."));
        }
        var today = clock.GetCurrentInstant().InZone(Amsterdam).Date;
        if (Date(q["from"], "from") is { Problem: { } pf })
        {
            return (null, pf);
        }
        if (Date(q["to"], "to") is { Problem: { } pt })
        {
            return (null, pt);
        }
        if (Date(q["asOf"], "asOf") is { Problem: { } pa })
        {
            return (null, pa);
        }
        var from = Date(q["from"], "from").Value;
        var to = Date(q["to"], "to").Value;
        var asOf = Date(q["asOf"], "asOf").Value ?? today;
        if (from is { } a && to is { } b && b < a)
        {
            return (null, ApiProblems.Invalid("to", "The period ends before it starts."));
        }
        if (asOf > today)
        {
            return (null, ApiProblems.Invalid("asOf", "asOf cannot lie in the future: the ledger of tomorrow is not known yet."));
        }
        if (CsvDialect.Named(q["dialect"].Count == 0 ? null : q["dialect"].ToString()) is not { } dialect)
        {
            return (null, ApiProblems.Invalid("dialect", $"dialect is one of {string.Join(", ", CsvDialect.All.Select(d => d.Name))}."));
        }
        return (new ExportQuery(scope, from, to, asOf, dialect), null);
    }

    private static (LocalDate? Value, IResult? Problem) Date(Microsoft.Extensions.Primitives.StringValues text, string field)
    {
        if (text.Count == 0 || text.ToString().Length == 0)
        {
            return (null, null);
        }
        var parsed = LocalDatePattern.Iso.Parse(text.ToString());
        return parsed.Success && parsed.Value.Year is >= 2000 and <= 2100
            ? (parsed.Value, null)
            : (null, ApiProblems.Invalid(field, $"{field} is a date like 2026-12-31."));
    }

    private static string Iso(LocalDate d) => LocalDatePattern.Iso.Format(d);
}
