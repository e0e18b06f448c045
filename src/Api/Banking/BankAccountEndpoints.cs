using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PvoFinance.Access;
using PvoFinance.Api.Auth;
using PvoFinance.Api.Funding;
using PvoFinance.Api.Problems;
using PvoFinance.Banking;
using PvoFinance.Grains.Banking;
using PvoFinance.Regions;

namespace PvoFinance.Api.Banking;

/// <summary>
/// <c>/api/bank-accounts</c>: where money goes. A region's PVO account, a funding source's paying account (its owner's)
/// and its intermediary's, and each municipality's (by CBS code). Reading follows <see cref="AccessRules.CanRead"/> on
/// the party's scope; recording needs <see cref="AccessRules.CanRecord"/> (the owner's role or a treasurer in reach),
/// because bank details are a money record, not a definition.
/// </summary>
public static class BankAccountEndpoints
{
    /// <summary>Maps the endpoints on the authenticated <c>/api</c> group.</summary>
    public static RouteGroupBuilder MapBankAccountsApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/bank-accounts").WithTags("Bank accounts");
        Map(group, "/regions/{id}", "a region's PVO account (grants and advances are paid to it)", RegionParty);
        Map(group, "/funding-sources/{id}", "the paying account of a funding source's owner", (id, c, r, g) => SourceParty(id, c, r, g, intermediary: false));
        Map(group, "/funding-sources/{id}/intermediary", "the account of a funding source's intermediary (e.g. the CCV)", (id, c, r, g) => SourceParty(id, c, r, g, intermediary: true));
        Map(group, "/municipalities/{id}", "a municipality's account, by CBS code (e.g. GM0014)", MunicipalityParty);
        return group;
    }

    private delegate Task<(string? Key, Scope? Owner, IResult? Problem)> PartyLookup(string id, CurrentCaller caller, AccessRules rules, IGrainFactory grains);

    private static void Map(RouteGroupBuilder group, string pattern, string what, PartyLookup lookup)
    {
        group.MapGet(pattern, (string id, CurrentCaller caller, AccessRules rules, IGrainFactory grains) => Get(id, caller, rules, grains, lookup))
            .WithSummary($"Read {what}.")
            .Produces<BankAccountView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut(pattern, (string id, BankAccountBody? body, CurrentCaller caller, AccessRules rules, IGrainFactory grains) => Put(id, body, caller, rules, grains, lookup))
            .WithSummary($"Record {what}: IBAN (mod 97 checked), holder, optional BIC. Its owner's role or a treasurer in reach.")
            .Produces<BankAccountView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> Get(string id, CurrentCaller caller, AccessRules rules, IGrainFactory grains, PartyLookup lookup)
    {
        var (key, _, problem) = await lookup(id, caller, rules, grains);
        if (problem is not null)
        {
            return problem;
        }
        return await grains.GetGrain<IBankDetailsGrain>(key!).Get() is { } account
            ? Results.Ok(View(key!, account, "recorded"))
            : ApiProblems.NotFound("iban", $"No bank account is recorded for {key}.");
    }

    private static async Task<IResult> Put(string id, BankAccountBody? body, CurrentCaller caller, AccessRules rules, IGrainFactory grains, PartyLookup lookup)
    {
        var (key, owner, problem) = await lookup(id, caller, rules, grains);
        if (problem is not null)
        {
            return problem;
        }
        if (rules.Record(caller, owner!) is { } denied)
        {
            return denied;
        }
        if (body is null)
        {
            return ApiProblems.Invalid("body", "A JSON body with iban, holder and optionally bic is required.");
        }
        if (!BankAccount.TryCreate(body.Iban, body.Holder, body.Bic, out var account, out var field, out var error))
        {
            return ApiProblems.Invalid(field!, error!);
        }
        var dto = BankAccountDto.From(account!);
        var changed = await grains.GetGrain<IBankDetailsGrain>(key!).Set(dto);
        return Results.Ok(View(key!, dto, changed ? "changed" : "unchanged"));
    }

    private static BankAccountView View(string key, BankAccountDto account, string status) =>
        new(key, account.Iban, Iban.Parse(account.Iban).Grouped, account.Holder, account.Bic, status);

    private static Task<(string?, Scope?, IResult?)> RegionParty(string id, CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        _ = grains;
        if (!RegionCatalog.Shipped.IsRegion(id))
        {
            return Task.FromResult<(string?, Scope?, IResult?)>((null, null, ApiProblems.NotFound("id", $"No region '{Short(id)}'.")));
        }
        var scope = Scope.Region(id);
        return Task.FromResult<(string?, Scope?, IResult?)>(rules.Read(caller, scope) is { } denied
            ? (null, null, denied)
            : (BankDetailsKeys.Region(id), scope, null));
    }

    private static async Task<(string?, Scope?, IResult?)> SourceParty(string id, CurrentCaller caller, AccessRules rules, IGrainFactory grains, bool intermediary)
    {
        var (source, problem) = await FundingEndpoints.Find(id, caller, rules, grains, rules.Read);
        if (problem is not null)
        {
            return (null, null, problem);
        }
        if (intermediary && string.IsNullOrEmpty(source!.Intermediary))
        {
            return (null, null, ApiProblems.NotFound("intermediary", $"Funding source '{id}' has no intermediary; its owner pays directly."));
        }
        Scope.TryParse(source!.Owner, out var owner);
        return (intermediary ? BankDetailsKeys.Intermediary(id) : BankDetailsKeys.FundOwner(id), owner, null);
    }

    private static Task<(string?, Scope?, IResult?)> MunicipalityParty(string id, CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        _ = grains;
        // A municipality's account is kept by the region it belongs to (its levy is the region's receivable).
        if (RegionCatalog.Shipped.RegionOf(id) is not { } region)
        {
            return Task.FromResult<(string?, Scope?, IResult?)>((null, null, ApiProblems.NotFound("id", $"No municipality with CBS code '{Short(id)}' (e.g. GM0014).")));
        }
        var scope = Scope.Region(region);
        return Task.FromResult<(string?, Scope?, IResult?)>(rules.Read(caller, scope) is { } denied
            ? (null, null, denied)
            : (BankDetailsKeys.Municipality(id), scope, null));
    }

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
