using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using PvoFinance.Access;
using PvoFinance.Api.Auth;
using PvoFinance.Api.Ledger;
using PvoFinance.Api.Problems;
using PvoFinance.Funding;
using PvoFinance.Grains.Contracts;
using PvoFinance.Grains.Funding;
using PvoFinance.Ledger;
using PvoFinance.Regions;

namespace PvoFinance.Api.Funding;

/// <summary>A region's funding from one source in one year (cash; in-kind is reported apart).</summary>
public sealed record RegionSourceFundingView(string SourceId, string Name, string Kind, string Funder, string Committed, string Paid, string Received, string Receivable);

/// <summary>Hours given in kind to a region in one year, valued; never part of the cash totals.</summary>
public sealed record RegionInKindView(string SourceId, string Name, string Provider, string Value);

/// <summary>A region's funding for a year by source, with cash totals and in-kind apart.</summary>
public sealed record RegionFundingView(
    string Region, int Year, IReadOnlyList<RegionSourceFundingView> Sources, string Committed, string Paid, string Received, string Receivable,
    IReadOnlyList<RegionInKindView> InKind, string InKindTotal);

/// <summary>One source's part of a project's money, and the way it came.</summary>
public sealed record LineageView(string SourceId, string SourceName, string Kind, string Funder, IReadOnlyList<string> Chain, string Received, string Held);

/// <summary>Where a project's money came from.</summary>
public sealed record ProjectLineageView(string Region, string Project, IReadOnlyList<LineageView> Sources, string Received, string Held);

/// <summary>
/// A region's money by source (<c>GET /api/regions/{id}/funding</c>), passing it to projects, and the lineage of
/// a project's money: every account on the way carries the source's id, so the ledger itself answers where a
/// project euro came from.
/// </summary>
public static class RegionFundingEndpoints
{
    /// <summary>Maps the endpoints on the authenticated <c>/api</c> group.</summary>
    public static RouteGroupBuilder MapRegionFundingApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/regions/{regionId}").WithTags("Regions");
        group.AddEndpointFilter<LedgerUnavailableFilter>();
        group.MapGet("/funding", Funding).WithSummary("The region's funding for a year by source: committed, paid, received, receivable; in-kind apart.");
        group.MapPost("/projects/{projectId}/allocations", Allocate).WithSummary("Pass money the region received from a source on to one of its projects.");
        group.MapGet("/projects/{projectId}/lineage", Lineage).WithSummary("Which sources a project's money came from, and through whom.");
        return group;
    }

    private static async Task<IResult> Funding(string regionId, int? year, CurrentCaller caller, AccessRules rules, IGrainFactory grains, IClock clock)
    {
        if (!RegionCatalog.Shipped.IsRegion(regionId))
        {
            return ApiProblems.NotFound("regionId", $"No region '{regionId}'.");
        }
        if (rules.Read(caller, Scope.Region(regionId)) is { } denied)
        {
            return denied;
        }
        var y = year ?? clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/Amsterdam"]).Year;
        if (y is < FundingSourceGrain.FirstYear or > FundingSourceGrain.LastYear)
        {
            return ApiProblems.Invalid("year", $"A year between {FundingSourceGrain.FirstYear} and {FundingSourceGrain.LastYear}.");
        }
        var received = await ReceivedInYear(grains, regionId, y);
        var rows = new List<RegionSourceFundingView>();
        var inKind = new List<RegionInKindView>();
        long committed = 0, paid = 0, cash = 0, owed = 0, inKindTotal = 0;
        foreach (var entry in await grains.GetGrain<IFundingRegistryGrain>(0).List())
        {
            if (await grains.GetGrain<IFundingSourceGrain>(entry.Id).Get() is not { } details)
            {
                continue;
            }
            var s = details.Source;
            var owned = s.Owner == Scope.Region(regionId).ToString();
            var figures = details.Years.FirstOrDefault(f => f.Year == y);
            long c, p, r, o;
            if (s.Kind is nameof(FundingSourceKind.NationalScheme) or nameof(FundingSourceKind.ProvincialFund))
            {
                var balances = await grains.GetGrain<ILedgerGrain>(FundingAccounts.Journal(s.Id, y)).GetBalances();
                var commitment = balances.FirstOrDefault(b => b.Account == FundingAccounts.Commitment(s.Id, y, regionId).Value);
                c = commitment?.CreditsPosted ?? 0;
                p = commitment?.DebitsPosted ?? 0;
                r = received.GetValueOrDefault(s.Id);
                o = c - p;
            }
            else if (!owned)
            {
                continue;
            }
            else if (s.Kind == nameof(FundingSourceKind.InKind))
            {
                if (figures is { InKind: > 0 })
                {
                    inKind.Add(new RegionInKindView(s.Id, s.Name, s.Funder, LedgerViews.Amount(figures.InKind)));
                    inKindTotal += figures.InKind;
                }
                continue;
            }
            else
            {
                // The region's own pots: what was claimed or contributed, what came in, what is still owed.
                c = figures?.Ceiling ?? 0;
                p = 0;
                r = figures?.Received ?? 0;
                o = figures?.Receivable ?? 0;
                if (s.Kind == nameof(FundingSourceKind.Private))
                {
                    r = c;
                }
            }
            if (c == 0 && p == 0 && r == 0 && o == 0)
            {
                continue;
            }
            rows.Add(new RegionSourceFundingView(s.Id, s.Name, FundingViews.KindName(s.Kind), s.Funder, LedgerViews.Amount(c), LedgerViews.Amount(p), LedgerViews.Amount(r), LedgerViews.Amount(o)));
            committed += c;
            paid += p;
            cash += r;
            owed += o;
        }
        return Results.Ok(new RegionFundingView(regionId, y, rows, LedgerViews.Amount(committed), LedgerViews.Amount(paid), LedgerViews.Amount(cash), LedgerViews.Amount(owed),
            inKind, LedgerViews.Amount(inKindTotal)));
    }

    // What reached the region's journal from each source with a value date in the year: the difference of the
    // credits as of the year's last day and as of the year before.
    private static async Task<Dictionary<string, long>> ReceivedInYear(IGrainFactory grains, string regionId, int year)
    {
        var journal = grains.GetGrain<ILedgerGrain>(FundingAccounts.RegionJournal(regionId));
        var end = (await journal.GetBalancesAsOf($"{year}-12-31", null)).ToDictionary(b => b.Account, b => b.CreditsPosted);
        var start = (await journal.GetBalancesAsOf($"{year - 1}-12-31", null)).ToDictionary(b => b.Account, b => b.CreditsPosted);
        var prefix = $"region:{regionId}:";
        return end.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value - start.GetValueOrDefault(kv.Key));
    }

    private static async Task<IResult> Allocate(string regionId, string projectId, AllocationBody? body, CurrentCaller caller, AccessRules rules, IGrainFactory grains, IClock clock)
    {
        if (!RegionCatalog.Shipped.IsRegion(regionId))
        {
            return ApiProblems.NotFound("regionId", $"No region '{regionId}'.");
        }
        if (rules.Manage(caller, Scope.Region(regionId)) is { } denied)
        {
            return denied;
        }
        if (!ProjectIdValid(projectId))
        {
            return ApiProblems.Invalid("projectId", "A project id has 1..60 characters a-z, 0-9, '-'.");
        }
        if (string.IsNullOrEmpty(body?.AllocationId) || body.AllocationId.Length > 60 || !body.AllocationId.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            return ApiProblems.Invalid("allocationId", "An allocation id has 1..60 characters a-z, 0-9, '-'.");
        }
        if (body.Source is null || await grains.GetGrain<IFundingSourceGrain>(body.Source).Get() is null)
        {
            return ApiProblems.Invalid("source", $"No funding source '{body.Source}'.");
        }
        if (!Money.TryParse(body.Amount, out var amount, out var error) || amount.Cents <= 0)
        {
            return ApiProblems.Invalid("amount", error ?? "The amount must be positive.");
        }
        var today = clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/Amsterdam"]).Date;
        var reply = await grains.GetGrain<ITransferGrain>($"alloc:{regionId}:{projectId}:{body.AllocationId}").Execute(new TransferRequest
        {
            FromJournal = FundingAccounts.RegionJournal(regionId),
            DebitAccount = FundingAccounts.RegionFunds(regionId, body.Source).Value,
            ToJournal = FundingAccounts.ProjectJournal(regionId, projectId),
            CreditAccount = FundingAccounts.ProjectFunds(projectId, body.Source).Value,
            Cents = amount.Cents,
            ValueDate = IsoDate.Format(today),
            Memo = $"Allocation {body.AllocationId} to project {projectId}",
        });
        if (reply.Status != TransferStatus.Completed)
        {
            return reply.Rejection!.Code == nameof(RejectionCode.LimitExceeded)
                ? ApiProblems.FromRejection(new RejectionDto("LimitExceeded", "amount", $"Region '{regionId}' has not received that much from '{body.Source}': {reply.Rejection.Message}"))
                : ApiProblems.FromRejection(reply.Rejection with { Field = reply.Rejection.Field == "transferId" ? "allocationId" : reply.Rejection.Field });
        }
        return Results.Created($"/api/regions/{regionId}/projects/{projectId}/lineage", new { allocationId = body.AllocationId, amount = amount.ToString(), source = body.Source });
    }

    private static async Task<IResult> Lineage(string regionId, string projectId, CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        if (!RegionCatalog.Shipped.IsRegion(regionId))
        {
            return ApiProblems.NotFound("regionId", $"No region '{regionId}'.");
        }
        if (rules.Read(caller, Scope.Region(regionId)) is { } denied)
        {
            return denied;
        }
        if (!ProjectIdValid(projectId))
        {
            return ApiProblems.Invalid("projectId", "A project id has 1..60 characters a-z, 0-9, '-'.");
        }
        var region = RegionDefinition.All.Single(r => r.Id == regionId);
        var balances = await grains.GetGrain<ILedgerGrain>(FundingAccounts.ProjectJournal(regionId, projectId)).GetBalances();
        var prefix = $"project:{projectId}:";
        var rows = new List<LineageView>();
        foreach (var b in balances.Where(b => b.Account.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(b => b.Account, StringComparer.Ordinal))
        {
            var sourceId = b.Account[prefix.Length..];
            var source = (await grains.GetGrain<IFundingSourceGrain>(sourceId).Get())?.Source;
            List<string> chain = [source?.Funder ?? "(unknown funder)", $"source {sourceId}"];
            if (source?.Intermediary is { } via)
            {
                chain.Add($"intermediary {via}");
            }
            chain.Add($"region {region.Name}");
            chain.Add($"project {projectId}");
            rows.Add(new LineageView(sourceId, source?.Name ?? sourceId, source is null ? "unknown" : FundingViews.KindName(source.Kind), source?.Funder ?? "",
                chain, LedgerViews.Amount(b.CreditsPosted), LedgerViews.Amount(b.CreditsPosted - b.DebitsPosted)));
        }
        var received = balances.Where(b => b.Account.StartsWith(prefix, StringComparison.Ordinal)).Sum(b => b.CreditsPosted);
        var held = balances.Where(b => b.Account.StartsWith(prefix, StringComparison.Ordinal)).Sum(b => b.CreditsPosted - b.DebitsPosted);
        return Results.Ok(new ProjectLineageView(regionId, projectId, rows, LedgerViews.Amount(received), LedgerViews.Amount(held)));
    }

    private static bool ProjectIdValid(string projectId) =>
        projectId.Length is > 0 and <= 60 && projectId.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
