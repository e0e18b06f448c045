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
using PvoFinance.Grains.LedgerFigures;
using PvoFinance.Ledger;
using PvoFinance.Regions;

namespace PvoFinance.Api.Funding;

/// <summary>
/// A region's funding from one source in one year (cash; in-kind is reported apart), from the figures module: committed
/// by the source's decisions, released unpaid, paid net of reclaims received back, received here (value dates in the
/// year, net of what the region paid back), still to receive (open commitments and payables; for the region's own
/// sources: what debtors still owe), and what the region still has to pay back (open reclaims).
/// </summary>
public sealed record RegionSourceFundingView(string SourceId, string Name, string Kind, string Funder, string Committed, string Paid, string Received, string Receivable,
    string Released, string ToRepay);

/// <summary>Hours given in kind to a region in one year, valued; never part of the cash totals.</summary>
public sealed record RegionInKindView(string SourceId, string Name, string Provider, string Value);

/// <summary>A region's funding for a year by source, with cash totals and in-kind apart.</summary>
public sealed record RegionFundingView(
    string Region, int Year, IReadOnlyList<RegionSourceFundingView> Sources, string Committed, string Paid, string Received, string Receivable,
    IReadOnlyList<RegionInKindView> InKind, string InKindTotal, string Released, string ToRepay);

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
        group.MapGet("/funding", Funding).WithSummary("The region's funding for a year by source: committed, paid, received, receivable; in-kind apart.");
        group.MapPost("/projects/{projectId}/allocations", Allocate).WithSummary("Pass money the region received from a source on to one of its projects.");
        group.MapGet("/projects/{projectId}/lineage", Lineage).WithSummary("Which sources a project's money came from, and through whom.");
        return group;
    }

    private static async Task<IResult> Funding(string regionId, int? year, CurrentCaller caller, AccessRules rules, IGrainFactory grains, IClock clock)
    {
        if (Guard(regionId, caller, rules.Read) is { } refused)
        {
            return refused;
        }
        var y = year ?? clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/Amsterdam"]).Year;
        if (y is < FundingSourceGrain.FirstYear or > FundingSourceGrain.LastYear)
        {
            return ApiProblems.Invalid("year", $"A year between {FundingSourceGrain.FirstYear} and {FundingSourceGrain.LastYear}.");
        }
        return Results.Ok(await RegionFundingQuery.LoadAsync(grains, regionId, y));
    }

    private static async Task<IResult> Allocate(string regionId, string projectId, AllocationBody? body, CurrentCaller caller, AccessRules rules, IGrainFactory grains, IClock clock)
    {
        if (Guard(regionId, caller, rules.Manage) is { } refused)
        {
            return refused;
        }
        if (!ProjectIdValid(projectId))
        {
            return ApiProblems.Invalid("projectId", "A project id has 1..60 characters a-z, 0-9, '-'.");
        }
        if (string.IsNullOrEmpty(body?.AllocationId) || body.AllocationId.Length > 60 || !body.AllocationId.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            return ApiProblems.Invalid("allocationId", "An allocation id has 1..60 characters a-z, 0-9, '-'.");
        }
        if (body.Source is null || await grains.GetGrain<IFundingSourceGrain>(body.Source).GetDefinition() is null)
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
        if (Guard(regionId, caller, rules.Read) is { } refused)
        {
            return refused;
        }
        if (!ProjectIdValid(projectId))
        {
            return ApiProblems.Invalid("projectId", "A project id has 1..60 characters a-z, 0-9, '-'.");
        }
        var region = RegionDefinition.All.Single(r => r.Id == regionId);
        // The project's money per source, from the figures module over the running totals of the project's journal.
        var book = await JournalTotals.ReadAsync(grains, [FundingAccounts.ProjectJournal(regionId, projectId)]);
        var rows = new List<LineageView>();
        long received = 0, held = 0;
        foreach (var sourceId in book.Movements.Select(m => m.Source).OfType<string>().Distinct().Order(StringComparer.Ordinal))
        {
            var f = book.Where(m => m.Source == sourceId);
            var source = await grains.GetGrain<IFundingSourceGrain>(sourceId).GetDefinition();
            List<string> chain = [source?.Funder ?? "(unknown funder)", $"source {sourceId}"];
            if (source?.Intermediary is { } via)
            {
                chain.Add($"intermediary {via}");
            }
            chain.Add($"region {region.Name}");
            chain.Add($"project {projectId}");
            rows.Add(new LineageView(sourceId, source?.Name ?? sourceId, source is null ? "unknown" : FundingViews.KindName(source.Kind), source?.Funder ?? "",
                chain, LedgerViews.Amount(f.ProjectReceived), LedgerViews.Amount(f.ProjectHeld)));
            received += f.ProjectReceived;
            held += f.ProjectHeld;
        }
        return Results.Ok(new ProjectLineageView(regionId, projectId, rows, LedgerViews.Amount(received), LedgerViews.Amount(held)));
    }

    // 404 for an id that is not one of the ten regions (they are public), then the access rule for the region.
    private static IResult? Guard(string regionId, CurrentCaller caller, Func<CurrentCaller, Scope, IResult?> rule) =>
        RegionCatalog.Shipped.IsRegion(regionId)
            ? rule(caller, Scope.Region(regionId))
            : ApiProblems.NotFound("regionId", $"No region '{regionId}'.");

    private static bool ProjectIdValid(string projectId) =>
        projectId.Length is > 0 and <= 60 && projectId.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
