using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using NodaTime;
using PvoFinance.Access;
using PvoFinance.Api.Auth;
using PvoFinance.Api.Problems;
using PvoFinance.Grains.Planning;
using PvoFinance.Planning;

namespace PvoFinance.Api.Exports;

/// <summary>
/// What <c>budgets.csv</c> covers: the export query (scope, as-of date, dialect), the scenario version whose plan is
/// shown and the fiscal years. <c>from</c> and <c>to</c> are fiscal years here (<c>2026</c>, or a date whose year
/// counts); the default horizon is the projection's (five years) starting in the as-of date's year.
/// </summary>
/// <param name="Export">Scope, as-of date and dialect; its period is 1 January of <paramref name="From"/> to 31 December of the last year.</param>
/// <param name="ScenarioId">The scenario id (default <c>status-quo</c>).</param>
/// <param name="Version">The scenario version used (default the latest).</param>
/// <param name="Scenario">The scenario itself.</param>
/// <param name="From">The first fiscal year.</param>
/// <param name="Years">How many fiscal years.</param>
public sealed record BudgetQuery(ExportQuery Export, string ScenarioId, int Version, Scenario Scenario, int From, int Years)
{
    /// <summary>The query string that names this export (for links).</summary>
    public string QueryString() =>
        $"scope={Uri.EscapeDataString(Export.Scope.ToString())}&asOf={NodaTime.Text.LocalDatePattern.Iso.Format(Export.AsOf)}&dialect={Export.Dialect.Name}"
        + $"&from={From.ToString(CultureInfo.InvariantCulture)}&to={(From + Years - 1).ToString(CultureInfo.InvariantCulture)}&scenario={Uri.EscapeDataString(ScenarioId)}&version={Version.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Reads and checks the query: first what <see cref="ExportQuery.Read"/> checks (403 beyond the caller's reach, 400
    /// naming <c>scope</c>, <c>asOf</c> or <c>dialect</c>), then <c>from</c>/<c>to</c> as fiscal years and <c>scenario</c>/<c>version</c>
    /// (400 naming the field when unknown).
    /// </summary>
    public static async Task<(BudgetQuery? Query, IResult? Problem)> ReadAsync(HttpRequest request, CurrentCaller caller, AccessRules rules, IClock clock, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(grains);
        // The export query reads from/to as value dates; here they are fiscal years, so it is given the rest.
        var rest = new DefaultHttpContext();
        rest.Request.Query = new QueryCollection(request.Query.Where(kv => kv.Key is not ("from" or "to")).ToDictionary(kv => kv.Key, kv => kv.Value));
        var (export, problem) = ExportQuery.Read(rest.Request, caller, rules, clock);
        if (problem is not null)
        {
            return (null, problem);
        }
        var (from, fromProblem) = Year(request.Query["from"], "from");
        if (fromProblem is not null)
        {
            return (null, fromProblem);
        }
        var (to, toProblem) = Year(request.Query["to"], "to");
        if (toProblem is not null)
        {
            return (null, toProblem);
        }
        var first = from ?? export!.AsOf.Year;
        var years = to is { } last ? last - first + 1 : PlanningLimits.DefaultHorizonYears;
        if (to is { } l && l < first)
        {
            return (null, ApiProblems.Invalid("to", "The fiscal years end before they start."));
        }
        if (PlanningBase.CheckHorizon(first, years) is { } horizon)
        {
            return (null, ApiProblems.Invalid(horizon.Field == "years" ? "to" : "from",
                $"from and to are fiscal years between {PlanningLimits.FirstYear} and {PlanningLimits.LastYear}, at most {PlanningLimits.MaxHorizonYears} of them."));
        }
        int? version = null;
        if (request.Query["version"] is { Count: > 0 } vText && vText.ToString().Length > 0)
        {
            if (!int.TryParse(vText.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < 1)
            {
                return (null, ApiProblems.Invalid("version", "version is a whole number from 1."));
            }
            version = v;
        }
        var id = request.Query["scenario"] is { Count: > 0 } sText && sText.ToString().Length > 0 ? sText.ToString() : Scenario.StatusQuoId;
        if (id == Scenario.StatusQuoId)
        {
            return version is null or 1
                ? (new BudgetQuery(Period(export!, first, years), id, 1, Scenario.StatusQuo, first, years), null)
                : (null, ApiProblems.Invalid("version", "The status quo has only version 1."));
        }
        if (!ScenarioGrain.IsValidId(id))
        {
            return (null, ApiProblems.Invalid("scenario", "A scenario id is 1..60 of a-z, 0-9 and '-'."));
        }
        var saved = await grains.GetGrain<IScenarioGrain>(id).Get(version);
        if (saved is null)
        {
            return (null, version is null
                ? ApiProblems.Invalid("scenario", $"No scenario '{id}'.")
                : ApiProblems.Invalid("version", $"Scenario '{id}' has no version {version}."));
        }
        return (new BudgetQuery(Period(export!, first, years), id, saved.Version, ScenarioDocument.Deserialize(saved.Json), first, years), null);
    }

    private static ExportQuery Period(ExportQuery export, int from, int years) =>
        export with { From = new LocalDate(from, 1, 1), To = new LocalDate(from + years - 1, 12, 31) };

    private static (int? Year, IResult? Problem) Year(StringValues text, string field)
    {
        var s = text.ToString();
        if (text.Count == 0 || s.Length == 0)
        {
            return (null, null);
        }
        if (s.Length == 4 && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
        {
            return (y, null);
        }
        var parsed = NodaTime.Text.LocalDatePattern.Iso.Parse(s);
        return parsed.Success ? (parsed.Value.Year, null) : (null, ApiProblems.Invalid(field, $"{field} is a fiscal year like 2026."));
    }
}
