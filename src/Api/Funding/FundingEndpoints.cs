using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PvoFinance.Access;
using PvoFinance.Api.Auth;
using PvoFinance.Api.Ledger;
using PvoFinance.Api.Problems;
using PvoFinance.Funding;
using PvoFinance.Grains.Funding;

namespace PvoFinance.Api.Funding;

/// <summary>
/// <c>/api/funding-sources</c>: the six kinds of funding source, their budget years and every way money moves
/// through them. Reading follows <see cref="AccessRules.CanRead"/>; defining a source, its ceilings and
/// commitments needs its owner (<see cref="AccessRules.CanManage"/>); recording money (payments, invoices,
/// receipts, charges, hours, contributions) also allows a treasurer in scope (<see cref="AccessRules.CanRecord"/>).
/// </summary>
public static class FundingEndpoints
{
    /// <summary>Maps the funding endpoints on the authenticated <c>/api</c> group.</summary>
    public static RouteGroupBuilder MapFundingApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/funding-sources").WithTags("Funding sources");
        group.MapGet("/", List).WithSummary("The funding sources the caller may read.");
        group.MapPost("/", Create).WithSummary("Create a funding source of one of six kinds.");
        group.MapGet("/{id}", Get).WithSummary("A source with its budget years (figures from the ledger), its newest commitments and how many it holds.");
        group.MapPut("/{id}", Update).WithSummary("Change a source's name, funder, themes or rates; kind and owner stay.");
        group.MapPut("/{id}/years/{year:int}", SetCeiling).WithSummary("Set a budget year's ceiling (subsidieplafond); never below what is committed.");
        group.MapPost("/{id}/commitments", Commit).WithSummary("Commit amounts to a region for one or more years, all or nothing.");
        group.MapCommitmentPages();
        group.MapDistributions();
        group.MapPost("/{id}/payments", Pay).WithSummary("Pay (part of) a commitment to a region, through the intermediary if any.");
        group.MapPost("/{id}/years/{year:int}/invoices", Invoice).WithSummary("Invoice every participating municipality for the year (municipal levy).");
        group.MapGet("/{id}/years/{year:int}/invoices", Invoices).WithSummary("The year's levy invoices with what is outstanding.");
        group.MapPost("/{id}/receipts", Receipt).WithSummary("Record money received from a municipality or project.");
        group.MapPost("/{id}/overhead-charges", Overhead).WithSummary("Charge the overhead percentage on a project's costs.");
        group.MapPost("/{id}/hours", Hours).WithSummary("Record hours given in kind, valued on memo accounts.");
        group.MapPost("/{id}/contributions", Contribution).WithSummary("Record a private contribution.");
        return group;
    }

    private static async Task<IResult> List(CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        var entries = await grains.GetGrain<IFundingRegistryGrain>(0).List();
        // The readable sources are asked at once, not one after another: each may first have to be activated (a
        // storage read), and a page lists every source it may choose from.
        var readable = entries.Where(e => Scope.TryParse(e.Owner, out var owner) && rules.CanRead(caller.Caller, owner));
        var definitions = await Task.WhenAll(readable.Select(e => grains.GetGrain<IFundingSourceGrain>(e.Id).GetDefinition()));
        return Results.Ok(definitions.OfType<FundingSourceDto>().Select(FundingViews.From).ToList());
    }

    private static async Task<IResult> Create(FundingSourceBody? body, CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        var (dto, problem) = ToDto(body, null);
        if (problem is not null)
        {
            return problem;
        }
        // The id is the grain's key: an empty one cannot even address a grain (found by the fuzzer as a 500).
        if (dto!.Id.Length == 0)
        {
            return ApiProblems.Invalid("id", $"id is missing: a funding source has an id of 1..{FundingValidation.MaxIdLength} characters a-z, 0-9 and '-', e.g. 'jenv-pvo'.");
        }
        Scope.TryParse(dto.Owner, out var owner);
        if (rules.Manage(caller, owner) is { } denied)
        {
            return denied;
        }
        var reply = await grains.GetGrain<IFundingSourceGrain>(dto.Id).Create(dto);
        return reply.Ok ? Results.Created($"/api/funding-sources/{dto.Id}", FundingViews.From(reply.Details!)) : Problem(reply);
    }

    private static async Task<IResult> Get(string id, CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        if (await Find(id, caller, rules, grains, rules.Read) is (_, { } problem))
        {
            return problem;
        }
        return await grains.GetGrain<IFundingSourceGrain>(id).Get() is { } details
            ? Results.Ok(FundingViews.From(details))
            : ApiProblems.NotFound("id", $"No funding source '{id}'.");
    }

    private static async Task<IResult> Update(string id, FundingSourceBody? body, CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        var (_, found) = await Find(id, caller, rules, grains, rules.Manage);
        if (found is not null)
        {
            return found;
        }
        var (dto, problem) = ToDto(body, id);
        return problem ?? Reply(await grains.GetGrain<IFundingSourceGrain>(id).Update(dto!));
    }

    private static async Task<IResult> SetCeiling(string id, int year, CeilingBody? body, CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        if (await Find(id, caller, rules, grains, rules.Manage) is (_, { } denied))
        {
            return denied;
        }
        if (!Money.TryParse(body?.Ceiling, out var ceiling, out var error))
        {
            return ApiProblems.Invalid("ceiling", error!);
        }
        if (ceiling.IsNegative)
        {
            return ApiProblems.Invalid("ceiling", "A ceiling cannot be negative.");
        }
        return Reply(await grains.GetGrain<IFundingSourceGrain>(id).SetCeiling(year, ceiling.Cents));
    }

    private static async Task<IResult> Commit(string id, CommitmentBody? body, CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        if (await Find(id, caller, rules, grains, rules.Manage) is (_, { } denied))
        {
            return denied;
        }
        if (body?.Amounts is null || body.Amounts.Count == 0)
        {
            return ApiProblems.Invalid("amounts", "Amounts per year are required, e.g. {\"2026\": \"50000.00\"}.");
        }
        var amounts = new Dictionary<int, long>();
        foreach (var (yearText, amountText) in body.Amounts)
        {
            if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                return ApiProblems.Invalid($"amounts.{yearText}", "Each key is a year like 2026.");
            }
            if (!Money.TryParse(amountText, out var amount, out var error))
            {
                return ApiProblems.Invalid($"amounts.{yearText}", error!);
            }
            amounts[year] = amount.Cents;
        }
        return Reply(await grains.GetGrain<IFundingSourceGrain>(id).Commit(body.CommitmentId ?? "", body.Region ?? "", amounts, body.Purpose));
    }

    private static Task<IResult> Pay(string id, PaymentBody? body, CurrentCaller caller, AccessRules rules, IGrainFactory grains) =>
        RecordMoney(id, caller, rules, grains, body?.Amount, "amount",
            (source, cents) => source.Pay(body!.PaymentId ?? "", body.Region ?? "", body.Year, cents));

    private static async Task<IResult> Invoice(string id, int year, CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        if (await Find(id, caller, rules, grains, rules.Record) is (_, { } denied))
        {
            return denied;
        }
        var reply = await grains.GetGrain<IFundingSourceGrain>(id).InvoiceLevy(year);
        return reply.Ok ? Results.Ok(FundingViews.From(id, year, reply.Invoices!)) : Problem(reply);
    }

    private static async Task<IResult> Invoices(string id, int year, CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        if (await Find(id, caller, rules, grains, rules.Read) is (_, { } denied))
        {
            return denied;
        }
        var reply = await grains.GetGrain<IFundingSourceGrain>(id).GetInvoices(year);
        return reply.Ok ? Results.Ok(FundingViews.From(id, year, reply.Invoices!)) : Problem(reply);
    }

    private static Task<IResult> Receipt(string id, ReceiptBody? body, CurrentCaller caller, AccessRules rules, IGrainFactory grains) =>
        RecordMoney(id, caller, rules, grains, body?.Amount, "amount",
            (source, cents) => source.RecordReceipt(body!.ReceiptId ?? "", body.Year, body.Debtor ?? "", cents));

    private static Task<IResult> Overhead(string id, OverheadChargeBody? body, CurrentCaller caller, AccessRules rules, IGrainFactory grains) =>
        RecordMoney(id, caller, rules, grains, body?.ProjectCosts, "projectCosts",
            (source, cents) => source.ChargeOverhead(body!.ChargeId ?? "", body.Year, body.ProjectId ?? "", cents));

    // Hours are exact to the hundredth, like cents: "16.5" is 1650 hundredths.
    private static Task<IResult> Hours(string id, HoursBody? body, CurrentCaller caller, AccessRules rules, IGrainFactory grains) =>
        RecordMoney(id, caller, rules, grains, body?.Hours, "hours",
            (source, centiHours) => source.RecordHours(body!.RecordId ?? "", body.Year, centiHours, body.Description));

    private static Task<IResult> Contribution(string id, ContributionBody? body, CurrentCaller caller, AccessRules rules, IGrainFactory grains) =>
        RecordMoney(id, caller, rules, grains, body?.Amount, "amount",
            (source, cents) => source.RecordContribution(body!.ContributionId ?? "", body.Year, body.Contributor ?? "", cents));

    /// <summary>
    /// The shape every money-recording endpoint shares: the caller may record for the source's owner, the
    /// quantity is a positive exact decimal, and the grain's answer becomes 201 or a problem.
    /// </summary>
    private static async Task<IResult> RecordMoney(
        string id, CurrentCaller caller, AccessRules rules, IGrainFactory grains, string? quantity, string field,
        Func<IFundingSourceGrain, long, Task<FundingReply>> record)
    {
        if (await Find(id, caller, rules, grains, rules.Record) is (_, { } denied))
        {
            return denied;
        }
        if (Amount(quantity, field, out var hundredths) is { } bad)
        {
            return bad;
        }
        return Reply(await record(grains.GetGrain<IFundingSourceGrain>(id), hundredths), created: true);
    }

    /// <summary>
    /// Loads a source's definition (no ledger reads: the command that follows answers with the figures) and applies
    /// a guard on its owner: 404 when it does not exist, 403 when the guard refuses.
    /// </summary>
    internal static async Task<(FundingSourceDto? Source, IResult? Problem)> Find(
        string id, CurrentCaller caller, AccessRules rules, IGrainFactory grains, Func<CurrentCaller, Scope, IResult?> guard)
    {
        if (id.Length is 0 or > FundingValidation.MaxIdLength || !id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            return (null, ApiProblems.NotFound("id", $"No funding source '{id}'."));
        }
        var source = await grains.GetGrain<IFundingSourceGrain>(id).GetDefinition();
        if (source is null || !Scope.TryParse(source.Owner, out var owner))
        {
            return (null, ApiProblems.NotFound("id", $"No funding source '{id}'."));
        }
        // Who may not even read a source is told it does not exist, so ids of other regions' sources do not leak.
        if (!rules.CanRead(caller.Caller, owner))
        {
            return (null, ApiProblems.NotFound("id", $"No funding source '{id}'."));
        }
        return guard(caller, owner) is { } denied ? (null, denied) : (source, null);
    }

    private static (FundingSourceDto? Dto, IResult? Problem) ToDto(FundingSourceBody? body, string? id)
    {
        if (body is null)
        {
            return (null, ApiProblems.Invalid("body", "A JSON body is required."));
        }
        if (!FundingViews.TryKind(body.Kind, out var kind))
        {
            return (null, ApiProblems.Invalid("kind", $"kind must be one of: {string.Join(", ", FundingViews.KindNames)}."));
        }
        var owner = kind switch
        {
            FundingSourceKind.NationalScheme => body.Province is null && body.Region is null ? Scope.National : null,
            FundingSourceKind.ProvincialFund => body.Province is { Length: > 0 } p && body.Region is null ? Scope.Province(p) : null,
            _ => body.Region is { Length: > 0 } r && body.Province is null ? Scope.Region(r) : null,
        };
        if (owner is null)
        {
            var field = kind == FundingSourceKind.ProvincialFund ? "province" : kind == FundingSourceKind.NationalScheme ? "region" : "region";
            return (null, ApiProblems.Invalid(field, kind switch
            {
                FundingSourceKind.NationalScheme => "A national scheme names neither a province nor a region.",
                FundingSourceKind.ProvincialFund => "A provincial fund names its province (and no region).",
                _ => "This kind of source names its region (and no province).",
            }));
        }
        // Each optional exact field parses or names itself in the problem; absent stays null.
        if (!Optional<Percentage>(body.MaxCofinancing, "maxCofinancing", Percentage.TryParse, out var cofinancing, out var bad)
            || !Optional<Percentage>(body.Overhead, "overhead", Percentage.TryParse, out var overhead, out bad)
            || !Optional<Rate>(body.LevyRate, "levyRate", Rate.TryParse, out var levy, out bad)
            || !Optional<Money>(body.HourlyRate, "hourlyRate", Money.TryParse, out var hourly, out bad))
        {
            return (null, bad);
        }
        return (new FundingSourceDto
        {
            Id = id ?? body.Id ?? "",
            Name = body.Name ?? "",
            Kind = kind.ToString(),
            Owner = owner.ToString(),
            Funder = body.Funder ?? "",
            Themes = body.Themes ?? [],
            MaxCofinancingBasisPoints = cofinancing?.BasisPoints,
            Intermediary = body.Intermediary,
            LevyRateTenThousandths = levy?.TenThousandths,
            Participants = body.Participants ?? [],
            OverheadBasisPoints = overhead?.BasisPoints,
            HourlyRateCents = hourly?.Cents,
        }, body.Id is not null && id is not null && body.Id != id ? ApiProblems.Invalid("id", "The id in the body differs from the id in the address.") : null);
    }

    private delegate bool TryParseExact<T>(string? text, out T value, out string? error);

    private static bool Optional<T>(string? text, string field, TryParseExact<T> parse, out T? value, out IResult? problem)
        where T : struct
    {
        value = null;
        problem = null;
        if (text is null)
        {
            return true;
        }
        if (!parse(text, out var parsed, out var error))
        {
            problem = ApiProblems.Invalid(field, error!);
            return false;
        }
        value = parsed;
        return true;
    }

    private static IResult? Amount(string? text, string field, out long cents)
    {
        cents = 0;
        if (!Money.TryParse(text, out var amount, out var error))
        {
            return ApiProblems.Invalid(field, error!);
        }
        if (amount.Cents <= 0)
        {
            return ApiProblems.Invalid(field, "The amount must be positive.");
        }
        cents = amount.Cents;
        return null;
    }

    private static IResult Reply(FundingReply reply, bool created = false)
    {
        if (!reply.Ok)
        {
            return Problem(reply);
        }
        var body = reply.Details is { } d ? FundingViews.From(d) : null;
        return created
            ? Results.Json(new { amount = reply.Amount is { } a ? LedgerViews.Amount(a) : null, fundingSource = body }, statusCode: StatusCodes.Status201Created)
            : Results.Ok(body);
    }

    // The problem's code is the ledger's when a journal refused, else the kind of funding refusal: a missing source is
    // 404; the rest are answered as the ledger's refusals are (409 for a reused id or a clash, 400 invalid, else 422).
    private static IResult Problem(FundingReply reply)
    {
        var code = reply.LedgerCode?.ToString() ?? reply.Code!.Value.ToString();
        return code == nameof(FundingRefusalCode.NotFound)
            ? ApiProblems.NotFound(reply.Field!, reply.Message!)
            : ApiProblems.FromRejection(new Grains.Contracts.RejectionDto(code, reply.Field!, reply.Message!));
    }
}
