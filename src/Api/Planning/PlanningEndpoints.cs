using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using NodaTime.Text;
using PvoFinance.Access;
using PvoFinance.Api.Auth;
using PvoFinance.Api.Ledger;
using PvoFinance.Api.Problems;
using PvoFinance.Grains.Planning;
using PvoFinance.Planning;
using PvoFinance.Regions;

namespace PvoFinance.Api.Planning;

/// <summary>
/// Multi-year planning over HTTP: a region's projection (JSON or CSV), versioned scenarios (the ministry's), scenarios
/// side by side with the ministry's view over the ten regions, and the solver. Nothing here changes the ledger; a
/// projection reads the ledger's commitments and actuals and names the scenario version it used.
/// </summary>
public static class PlanningEndpoints
{
    private const string Csv = "text/csv";

    /// <summary>Maps the endpoints on the authenticated <c>/api</c> group.</summary>
    public static RouteGroupBuilder MapPlanningApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/planning").WithTags("Planning");
        group.MapGet("/regions/{regionId}/projection", Projection)
            .WithSummary("A region's projection over a horizon: income by source, in-kind apart, costs, gap, maturity; the ledger's actuals beside past and current years. JSON, or CSV with Accept: text/csv.")
            .Produces<RegionProjection>().Produces<string>(StatusCodes.Status200OK, Csv)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/regions/{regionId}/projection.csv", ProjectionCsvEndpoint)
            .WithSummary("The same projection as CSV (RFC 4180, one row per figure).").Produces<string>(StatusCodes.Status200OK, Csv)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/scenarios", ListScenarios).WithSummary("The scenarios (the built-in status quo first); national reach.")
            .Produces<List<ScenarioListEntry>>().ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/scenarios", CreateScenario).WithSummary("Create a scenario (ministry); version 1.")
            .Produces<ScenarioView>(StatusCodes.Status201Created).Produces<ScenarioView>().ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/scenarios/{id}", GetScenario).WithSummary("A scenario version (latest unless ?version=n); national reach.")
            .Produces<ScenarioView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/scenarios/{id}", UpdateScenario).WithSummary("Save a new version of a scenario (ministry); identical content adds none.")
            .Produces<ScenarioView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/scenarios/{id}/versions", Versions).WithSummary("Every version of a scenario, oldest first.")
            .Produces<List<ScenarioVersionView>>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/comparison", Compare).WithSummary("Scenarios side by side per region and year, and the ministry's view across the ten regions; national reach.")
            .Produces<ComparisonReport>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/solve", Solve).WithSummary("The smallest per-inhabitant amount or co-financing rate closing every region's gap, with a sensitivity sweep; national reach.")
            .Produces<SolveView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<IResult> Projection(HttpContext http, string regionId, int? from, int? years, string? scenario, int? version,
        CurrentCaller caller, AccessRules rules, IGrainFactory grains, IClock clock)
    {
        var wantsCsv = http.Request.Headers.Accept.Any(a => a?.Contains(Csv, StringComparison.OrdinalIgnoreCase) == true);
        return await ProjectionCore(regionId, from, years, scenario, version, wantsCsv, caller, rules, grains, clock);
    }

    private static Task<IResult> ProjectionCsvEndpoint(string regionId, int? from, int? years, string? scenario, int? version,
        CurrentCaller caller, AccessRules rules, IGrainFactory grains, IClock clock) =>
        ProjectionCore(regionId, from, years, scenario, version, true, caller, rules, grains, clock);

    private static async Task<IResult> ProjectionCore(string regionId, int? from, int? years, string? scenarioId, int? version, bool csv,
        CurrentCaller caller, AccessRules rules, IGrainFactory grains, IClock clock)
    {
        if (!RegionCatalog.Shipped.IsRegion(regionId))
        {
            return ApiProblems.NotFound("regionId", $"No region '{regionId}'.");
        }
        if (rules.Read(caller, Scope.Region(regionId)) is { } refused)
        {
            return refused;
        }
        var horizon = Horizon(from, years, clock);
        if (horizon.Problem is { } hp)
        {
            return ApiProblems.Invalid(hp.Field, hp.Reason);
        }
        var (resolved, problem) = await Resolve(grains, scenarioId ?? Scenario.StatusQuoId, version, "scenario");
        if (problem is not null)
        {
            return problem;
        }
        var edges = PlanningInputs.EdgesAsync(grains, regionId, horizon.From, horizon.Years);
        var (planningBase, actuals) = await PlanningInputs.BaseAsync(grains, clock, horizon.From, horizon.Years, [regionId]);
        var run = ProjectionEngine.Run(planningBase, resolved!.Value.Scenario);
        var projection = RegionProjections.Build(run, regionId, resolved.Value.Id, resolved.Value.Version, actuals, await edges);
        return csv
            ? Results.Text(ProjectionCsv.Write(projection), "text/csv; charset=utf-8")
            : Results.Ok(projection);
    }

    private static async Task<IResult> ListScenarios(CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        if (National(caller, rules) is { } refused)
        {
            return refused;
        }
        var stored = await grains.GetGrain<IScenarioIndexGrain>(0).List();
        return Results.Ok(new[] { new ScenarioListEntry(Scenario.StatusQuoId, Scenario.StatusQuo.Name) }
            .Concat(stored.Select(e => new ScenarioListEntry(e.Id, e.Name))).ToList());
    }

    private static Task<IResult> CreateScenario(ScenarioBody? body, HttpContext http, CurrentCaller caller, AccessRules rules, IGrainFactory grains) =>
        Save(body?.Id, body, create: true, http, caller, rules, grains);

    private static Task<IResult> UpdateScenario(string id, ScenarioBody? body, HttpContext http, CurrentCaller caller, AccessRules rules, IGrainFactory grains) =>
        body?.Id is { } bodyId && bodyId != id
            ? Task.FromResult(ApiProblems.Invalid("id", "The id in the body differs from the id in the address."))
            : Save(id, body, create: false, http, caller, rules, grains);

    private static async Task<IResult> Save(string? id, ScenarioBody? body, bool create, HttpContext http, CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        if (rules.Manage(caller, Scope.National) is { } refused)
        {
            return refused;
        }
        if (id == Scenario.StatusQuoId)
        {
            return ApiProblems.Invalid("id", $"'{Scenario.StatusQuoId}' is built in and cannot be stored over.");
        }
        if (!ScenarioGrain.IsValidId(id))
        {
            return ApiProblems.Invalid("id", "A scenario id is 1..60 of a-z, 0-9 and '-'.");
        }
        if (body is null)
        {
            return ApiProblems.Invalid("body", "A scenario body is required.");
        }
        var (scenario, problem) = body.Document.TryParse();
        if (scenario is null)
        {
            return ApiProblems.Invalid(problem!.Field, problem.Reason);
        }
        var who = http.User.FindFirst("sub")?.Value ?? caller.Reach.ToString();
        var reply = await grains.GetGrain<IScenarioGrain>(id!).Save(ScenarioDocument.Serialize(scenario), who, create);
        if (reply.Saved is not { } saved)
        {
            var status = reply.Refusal switch
            {
                ScenarioRefusal.Conflict => StatusCodes.Status409Conflict,
                ScenarioRefusal.NotFound => StatusCodes.Status404NotFound,
                ScenarioRefusal.LimitExceeded => StatusCodes.Status422UnprocessableEntity,
                _ => StatusCodes.Status400BadRequest,
            };
            return ApiProblems.Refused(status, reply.Refusal.ToString()!, reply.Field, reply.Message!);
        }
        var view = View(id!, saved);
        return reply.Created ? Results.Created($"/api/planning/scenarios/{id}", view) : Results.Ok(view);
    }

    private static async Task<IResult> GetScenario(string id, int? version, CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        if (National(caller, rules) is { } refused)
        {
            return refused;
        }
        if (id == Scenario.StatusQuoId)
        {
            return version is null or 1
                ? Results.Ok(new ScenarioView(id, 1, Scenario.StatusQuo.Kind, "", "built-in", ScenarioDocument.From(Scenario.StatusQuo)))
                : ApiProblems.NotFound("version", "The status quo has only version 1.");
        }
        if (!ScenarioGrain.IsValidId(id))
        {
            return ApiProblems.Invalid("id", "A scenario id is 1..60 of a-z, 0-9 and '-'.");
        }
        if (version is < 1)
        {
            return ApiProblems.Invalid("version", "A version is 1 or more.");
        }
        var saved = await grains.GetGrain<IScenarioGrain>(id).Get(version);
        return saved is null
            ? ApiProblems.NotFound(version is null ? "id" : "version", version is null ? $"No scenario '{id}'." : $"Scenario '{id}' has no version {version}.")
            : Results.Ok(View(id, saved));
    }

    private static async Task<IResult> Versions(string id, CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        if (National(caller, rules) is { } refused)
        {
            return refused;
        }
        if (id == Scenario.StatusQuoId)
        {
            return Results.Ok(new[] { new ScenarioVersionView(1, Scenario.StatusQuo.Kind, Scenario.StatusQuo.Name, "", "built-in") });
        }
        if (!ScenarioGrain.IsValidId(id))
        {
            return ApiProblems.Invalid("id", "A scenario id is 1..60 of a-z, 0-9 and '-'.");
        }
        var versions = await grains.GetGrain<IScenarioGrain>(id).Versions();
        if (versions.Count == 0)
        {
            return ApiProblems.NotFound("id", $"No scenario '{id}'.");
        }
        return Results.Ok(versions.Select(v =>
        {
            var s = ScenarioDocument.Deserialize(v.Json);
            return new ScenarioVersionView(v.Version, s.Kind, s.Name, InstantPattern.ExtendedIso.Format(v.SavedAt), v.SavedBy);
        }).ToList());
    }

    private static async Task<IResult> Compare(string? scenarios, int? from, int? years, CurrentCaller caller, AccessRules rules, IGrainFactory grains, IClock clock)
    {
        if (National(caller, rules) is { } refused)
        {
            return refused;
        }
        var horizon = Horizon(from, years, clock);
        if (horizon.Problem is { } hp)
        {
            return ApiProblems.Invalid(hp.Field, hp.Reason);
        }
        var names = (scenarios ?? Scenario.StatusQuoId).Split(',');
        if (names.Length > PlanningLimits.MaxCompared || names.Any(string.IsNullOrEmpty))
        {
            return ApiProblems.Invalid("scenarios", $"1..{PlanningLimits.MaxCompared} scenario ids separated by commas, each optionally with @version.");
        }
        var resolved = new List<(string Id, int Version, Scenario Scenario)>();
        foreach (var name in names)
        {
            var at = name.IndexOf('@');
            int? v = null;
            if (at >= 0)
            {
                if (!int.TryParse(name.AsSpan(at + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
                {
                    return ApiProblems.Invalid("scenarios", $"'{name}': a version after '@' is a whole number from 1.");
                }
                v = parsed;
            }
            var (r, problem) = await Resolve(grains, at >= 0 ? name[..at] : name, v, "scenarios");
            if (problem is not null)
            {
                return problem;
            }
            if (resolved.Any(x => x.Id == r!.Value.Id && x.Version == r.Value.Version))
            {
                return ApiProblems.Invalid("scenarios", $"'{name}' is named twice.");
            }
            resolved.Add(r!.Value);
        }
        var (planningBase, _) = await PlanningInputs.BaseAsync(grains, clock, horizon.From, horizon.Years, []);
        var runs = resolved.Select(x => (new ScenarioRef(x.Id, x.Version, x.Scenario.Name, x.Scenario.Kind), ProjectionEngine.Run(planningBase, x.Scenario))).ToList();
        return Results.Ok(Comparisons.Build(runs));
    }

    private static async Task<IResult> Solve(SolveBody? body, CurrentCaller caller, AccessRules rules, IGrainFactory grains, IClock clock)
    {
        if (National(caller, rules) is { } refused)
        {
            return refused;
        }
        if (body is null)
        {
            return ApiProblems.Invalid("body", "A body with mode (per-inhabitant or co-financing-rate) is required.");
        }
        SolveMode mode;
        switch (body.Mode)
        {
            case "per-inhabitant":
                mode = SolveMode.PerInhabitant;
                break;
            case "co-financing-rate":
                mode = SolveMode.CoFinancingRate;
                break;
            default:
                return ApiProblems.Invalid("mode", "mode is per-inhabitant or co-financing-rate.");
        }
        var horizon = Horizon(body.From, body.Years, clock);
        if (horizon.Problem is { } hp)
        {
            return ApiProblems.Invalid(hp.Field, hp.Reason);
        }
        var (resolved, problem) = await Resolve(grains, body.Scenario ?? Scenario.StatusQuoId, body.Version, "scenario");
        if (problem is not null)
        {
            return problem;
        }
        var (planningBase, _) = await PlanningInputs.BaseAsync(grains, clock, horizon.From, horizon.Years, []);
        var result = Solver.Solve(planningBase, resolved!.Value.Scenario, mode);
        return Results.Ok(new SolveView(resolved.Value.Id, resolved.Value.Version, horizon.From, horizon.Years, result));
    }

    // The built-in status quo, or a stored version; a problem naming field when it does not exist.
    private static async Task<((string Id, int Version, Scenario Scenario)? Resolved, IResult? Problem)> Resolve(IGrainFactory grains, string id, int? version, string field)
    {
        if (id == Scenario.StatusQuoId)
        {
            return version is null or 1
                ? ((id, 1, Scenario.StatusQuo), null)
                : (null, ApiProblems.NotFound("version", "The status quo has only version 1."));
        }
        if (!ScenarioGrain.IsValidId(id))
        {
            return (null, ApiProblems.Invalid(field, "A scenario id is 1..60 of a-z, 0-9 and '-'."));
        }
        if (version is < 1)
        {
            return (null, ApiProblems.Invalid("version", "A version is 1 or more."));
        }
        var saved = await grains.GetGrain<IScenarioGrain>(id).Get(version);
        if (saved is null)
        {
            return (null, ApiProblems.NotFound(version is null ? field : "version", version is null ? $"No scenario '{id}'." : $"Scenario '{id}' has no version {version}."));
        }
        return ((id, saved.Version, ScenarioDocument.Deserialize(saved.Json)), null);
    }

    private static (int From, int Years, PlanningProblem? Problem) Horizon(int? from, int? years, IClock clock)
    {
        var f = from ?? PlanningInputs.CurrentYear(clock);
        var y = years ?? PlanningLimits.DefaultHorizonYears;
        return (f, y, PlanningBase.CheckHorizon(f, y));
    }

    // Comparing the ten regions, solving and reading scenario definitions need a national reach (the ministry, a
    // national treasurer): they show every region at once.
    private static IResult? National(CurrentCaller caller, AccessRules rules) =>
        rules.Covers(caller.Reach, Scope.National) ? null
            : ApiProblems.Forbidden("scope", $"Only a caller with national reach may see every region; this caller's reach is '{caller.Reach}'.");

    private static ScenarioView View(string id, ScenarioVersionDto v)
    {
        var scenario = ScenarioDocument.Deserialize(v.Json);
        return new ScenarioView(id, v.Version, scenario.Kind, InstantPattern.ExtendedIso.Format(v.SavedAt), v.SavedBy, ScenarioDocument.From(scenario));
    }
}
