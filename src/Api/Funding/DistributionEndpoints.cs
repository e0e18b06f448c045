using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using PvoFinance.Access;
using PvoFinance.Api.Auth;
using PvoFinance.Api.Problems;
using PvoFinance.Funding;
using PvoFinance.Grains.Distribution;
using PvoFinance.Grains.Funding;

namespace PvoFinance.Api.Funding;

/// <summary>
/// <c>/api/funding-sources/{id}/years/{year}/distributions</c>: a budget year spread over the regions in one step
/// (docs/distribution.md). A preview changes nothing (whoever may read the source); a commit (the source's owner: the
/// ministry for a national scheme, the provincial officer for the province's fund) commits every part all-or-nothing
/// and, when asked, pays them through the source's intermediary; the same distribution id again is a harmless retry.
/// </summary>
public static class DistributionEndpoints
{
    /// <summary>Maps the distribution endpoints on the funding-sources group.</summary>
    public static RouteGroupBuilder MapDistributions(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapPost("/{id}/years/{year:int}/distributions/preview", Preview)
            .WithSummary("Preview a distribution of the year over the regions by a rule (nothing is committed).")
            .Produces<DistributionView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id}/years/{year:int}/distributions", Commit)
            .WithSummary("Commit a distribution of the year over the regions, all parts or none; pay them through the intermediary when asked.")
            .Produces<DistributionView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id}/years/{year:int}/distributions/{distributionId}", Get)
            .WithSummary("A committed distribution with its parts.")
            .Produces<DistributionView>().ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<IResult> Preview(string id, int year, DistributionBody? body, CurrentCaller caller, AccessRules rules, IGrainFactory grains, IClock clock)
    {
        var (source, denied) = await FundingEndpoints.Find(id, caller, rules, grains, rules.Read);
        if (denied is not null)
        {
            return denied;
        }
        var (dto, problem) = await Work(grains, clock, source!, year, body, needsId: false);
        return problem ?? Results.Ok(DistributionView.From(dto!, "preview"));
    }

    private static async Task<IResult> Commit(string id, int year, DistributionBody? body, CurrentCaller caller, AccessRules rules, IGrainFactory grains, IClock clock)
    {
        var (source, denied) = await FundingEndpoints.Find(id, caller, rules, grains, rules.Manage);
        if (denied is not null)
        {
            return denied;
        }
        if (body?.Pay == true && Scope.TryParse(source!.Owner, out var owner) && rules.Record(caller, owner) is { } cannotPay)
        {
            return cannotPay;
        }
        var (dto, problem) = await Work(grains, clock, source!, year, body, needsId: true);
        if (problem is not null)
        {
            return problem;
        }
        var reply = await grains.GetGrain<IDistributionGrain>(IDistributionGrain.Key(id, dto!.Id)).Commit(dto);
        if (reply.Refusal is { } refused)
        {
            return Problem(refused);
        }
        var view = DistributionView.From(reply.Record!.Distribution, Status(reply.Record.Status));
        return reply.AlreadyMade ? Results.Ok(view) : Results.Created($"/api/funding-sources/{id}/years/{year}/distributions/{dto.Id}", view);
    }

    private static async Task<IResult> Get(string id, int year, string distributionId, CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        if (await FundingEndpoints.Find(id, caller, rules, grains, rules.Read) is (_, { } denied))
        {
            return denied;
        }
        var record = DistributionLimits.IsValidId(distributionId) ? await grains.GetGrain<IDistributionGrain>(IDistributionGrain.Key(id, distributionId)).Get() : null;
        return record is null || record.Distribution.Year != year
            ? ApiProblems.NotFound("distributionId", $"No distribution '{distributionId}' of '{id}' for {year}.")
            : Results.Ok(DistributionView.From(record.Distribution, Status(record.Status)));
    }

    // The request read, the regions weighed, the parts worked out, and the year's budget checked; or the problem.
    private static async Task<(DistributionDto? Distribution, IResult? Problem)> Work(IGrainFactory grains, IClock clock, FundingSourceDto source, int year,
        DistributionBody? body, bool needsId)
    {
        if (body is null)
        {
            return (null, ApiProblems.Invalid("body", "A JSON body is required."));
        }
        if (source.Kind is not (nameof(FundingSourceKind.NationalScheme) or nameof(FundingSourceKind.ProvincialFund)))
        {
            return (null, ApiProblems.Invalid("kind", "Only national schemes and provincial funds distribute money over regions."));
        }
        if (needsId && !DistributionLimits.IsValidId(body.DistributionId))
        {
            return (null, ApiProblems.Invalid("distributionId", $"A distribution id has 1..{DistributionLimits.MaxIdChars} characters a-z, 0-9 and '-', not starting with '-'; the same id makes a retry harmless."));
        }
        if (!DistributionRules.TryParse(body.Rule, out var rule))
        {
            return (null, ApiProblems.Invalid("rule", $"rule is one of: {string.Join(", ", DistributionRules.Names)}."));
        }
        if (!Money.TryParse(body.Total, out var total, out var error))
        {
            return (null, ApiProblems.Invalid("total", error!));
        }
        var baseCents = 0L;
        if (rule == DistributionRule.BasePlusPerInhabitant)
        {
            if (!Money.TryParse(body.Base, out var b, out var baseError))
            {
                return (null, ApiProblems.Invalid("base", body.Base is null ? "The rule base-plus-per-inhabitant needs a base, e.g. \"250000.00\"." : baseError!));
            }
            baseCents = b.Cents;
        }
        else if (body.Base is not null)
        {
            return (null, ApiProblems.Invalid("base", "Only the rule base-plus-per-inhabitant has a base."));
        }
        if (rule != DistributionRule.Scenario && (body.Scenario is not null || body.Version is not null))
        {
            return (null, ApiProblems.Invalid("scenario", "Only the rule scenario names a scenario."));
        }
        var request = new DistributionRequest(body.DistributionId ?? "preview", year, rule, total.Cents, baseCents,
            rule == DistributionRule.Scenario ? body.Scenario : null, rule == DistributionRule.Scenario ? body.Version : null, body.Pay);
        // Checked before anything is read, so a bad year or total never costs a scenario run.
        // (One stand-in region weighed 1: the only problems it can give are the request's own.)
        if (DistributionPlanner.Plan(request, [new DistributionRegion("check", "check", 1, year, 1)]).Problem is { } early)
        {
            return (null, ApiProblems.Invalid(early.Field, early.Reason));
        }
        var (regions, weighedRequest, problem) = await DistributionInputs.LoadAsync(grains, clock, source, request);
        if (problem is not null)
        {
            return (null, problem);
        }
        var (plan, invalid) = DistributionPlanner.Plan(weighedRequest!, regions!);
        if (invalid is not null)
        {
            return (null, ApiProblems.Invalid(invalid.Field, invalid.Reason));
        }
        var dto = new DistributionDto(needsId ? request.Id : "", source.Id, year, DistributionRules.Name(rule), total.Cents, baseCents,
            plan!.Request.ScenarioId, plan.Request.ScenarioVersion, body.Pay, source.Intermediary,
            [.. plan.Parts.Select(p => new DistributionPartDto(p.RegionId, p.Name, p.Weight, p.PopulationYear, p.BaseCents, p.Cents))]);
        if (needsId && await grains.GetGrain<IDistributionGrain>(IDistributionGrain.Key(source.Id, request.Id)).Get() is not null)
        {
            // Committed before: the grain answers the retry (or refuses another request under the id); the budget now
            // holds this distribution, so it is not checked again.
            return (dto, null);
        }
        return await OverBudget(grains, source, year, total.Cents) is { } over ? (null, over) : (dto, null);
    }

    // A total over what the year's budget has available is refused before anything is committed, naming the total
    // (the ledger would refuse it too, but at whichever region's part crossed the ceiling).
    private static async Task<IResult?> OverBudget(IGrainFactory grains, FundingSourceDto source, int year, long total)
    {
        var details = await grains.GetGrain<IFundingSourceGrain>(source.Id).Get();
        var budget = details?.Years.FirstOrDefault(y => y.Year == year);
        var available = budget?.Available ?? 0;
        return total <= available ? null
            : ApiProblems.Refused(StatusCodes.Status422UnprocessableEntity, nameof(FundingRefusalCode.LimitExceeded), "total",
                $"The {year} budget of '{source.Id}' has {new Money(available)} available (ceiling {new Money(budget?.Ceiling ?? 0)}, committed {new Money(budget?.Committed ?? 0)}); {new Money(total)} cannot be distributed.");
    }

    private static string Status(DistributionStatus status) => status == DistributionStatus.Paid ? "paid" : "committed";

    private static IResult Problem(FundingReply reply)
    {
        var code = reply.LedgerCode?.ToString() ?? reply.Code!.Value.ToString();
        return code == nameof(FundingRefusalCode.NotFound)
            ? ApiProblems.NotFound(reply.Field!, reply.Message!)
            : ApiProblems.FromRejection(new Grains.Contracts.RejectionDto(code, reply.Field!, reply.Message!));
    }
}
