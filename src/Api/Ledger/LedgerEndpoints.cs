using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using NodaTime.Text;
using PvoFinance.Access;
using PvoFinance.Api.Auth;
using PvoFinance.Api.Problems;
using PvoFinance.Grains.Contracts;
using PvoFinance.Ledger;
using PvoFinance.Storage;

namespace PvoFinance.Api.Ledger;

/// <summary>The ledger's HTTP surface: entries, balances (now and as of a date), history, chain checks and transfers.</summary>
public static class LedgerEndpoints
{
    /// <summary>
    /// Maps <c>/api/ledger/…</c>: the ledger's administration surface, for the ministry and national treasurers.
    /// Regions, funding sources and applications move money through their own endpoints, which check scope.
    /// </summary>
    public static RouteGroupBuilder MapLedgerApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/ledger").WithTags("Ledger");
        group.AddEndpointFilter(async (context, next) =>
        {
            var caller = context.HttpContext.Items[CurrentCaller.ItemKey] as CurrentCaller;
            return caller is { Role: Role.Ministry } or { Role: Role.Treasurer, Reach.Level: ScopeLevel.National }
                ? await next(context)
                : ApiProblems.Forbidden("role", "The ledger administration API is for the ministry and national treasurers.");
        });

        group.MapPost("/journals/{journalId}/entries", PostEntry)
            .WithSummary("Make an entry: post, reserve, post-reservation, void-reservation or reverse. Idempotent per key.");
        group.MapGet("/journals", ListJournals)
            .WithSummary("Every journal with at least one entry, in id order, a page at a time (after, limit ≤ 1000): what an invariant checker walks.");
        group.MapGet("/journals/{journalId}", GetSummary).WithSummary("A journal's version, head hash and sizes.");
        group.MapGet("/journals/{journalId}/balances", GetBalances)
            .WithSummary("Balances now, or as of a value date (asOf) as the ledger knew them at an instant (knownAt).");
        group.MapGet("/journals/{journalId}/entries", GetEntries).WithSummary("Committed entries after a sequence, in order.");
        group.MapGet("/journals/{journalId}/verify", Verify).WithSummary("Recompute the journal's hash chain and report the first break.");
        group.MapPost("/transfers/{transferId}", PostTransfer)
            .WithSummary("Move money between two journals in two phases. Idempotent per transfer id.");
        group.MapGet("/transfers/{transferId}", GetTransfer).WithSummary("The outcome of a transfer.");
        return group;
    }

    private static async Task<IResult> PostEntry(string journalId, EntryBody? body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, IGrainFactory grains)
    {
        if (!JournalIds.IsValid(journalId))
        {
            return InvalidJournal();
        }
        var (request, problem) = HttpLedgerRequests.ToRequest(body, idempotencyKey);
        if (problem is not null)
        {
            return problem;
        }
        var reply = await grains.GetGrain<ILedgerGrain>(journalId).Execute(request!, withEntry: true);
        return reply.Status switch
        {
            LedgerReplyStatus.Committed => Results.Created($"/api/ledger/journals/{journalId}/entries?after={reply.Entry!.Sequence - 1}&limit=1", new EntryResultView("committed", LedgerViews.From(reply.Entry))),
            LedgerReplyStatus.Replayed => Results.Ok(new EntryResultView("replayed", LedgerViews.From(reply.Entry!))),
            _ => ApiProblems.FromRejection(reply.Rejection!),
        };
    }

    /// <summary>Most journal ids one page of <c>GET /journals</c> holds.</summary>
    public const int MaxJournalsPerPage = 1_000;

    private static async Task<IResult> ListJournals(string? after, int? limit, [FromServices] IJournalStore store, CancellationToken cancellationToken)
    {
        if (after is not null && !JournalIds.IsValid(after))
        {
            return ApiProblems.Invalid("after", $"after is a journal id: 1..{JournalIds.MaxLength} characters a-z, 0-9, '-', '.', '_'.");
        }
        if (limit is < 1 or > MaxJournalsPerPage)
        {
            return ApiProblems.Invalid("limit", $"limit must be between 1 and {MaxJournalsPerPage}.");
        }
        if (store is not IJournalCatalog catalog)
        {
            return ApiProblems.Unavailable("This deployment's journal store cannot list its journals.");
        }
        var max = limit ?? MaxJournalsPerPage;
        var ids = await catalog.ListJournalsAsync(after, max, cancellationToken);
        return Results.Ok(new JournalListView(ids, ids.Count == max ? ids[^1] : null));
    }

    private static async Task<IResult> GetSummary(string journalId, IGrainFactory grains) =>
        JournalIds.IsValid(journalId) ? Results.Ok(await grains.GetGrain<ILedgerGrain>(journalId).GetSummary()) : InvalidJournal();

    private static async Task<IResult> GetBalances(string journalId, string? asOf, string? knownAt, IGrainFactory grains)
    {
        if (!JournalIds.IsValid(journalId))
        {
            return InvalidJournal();
        }
        var grain = grains.GetGrain<ILedgerGrain>(journalId);
        if (asOf is null)
        {
            if (knownAt is not null)
            {
                return ApiProblems.Invalid("knownAt", "knownAt needs asOf.");
            }
            return Results.Ok((await grain.GetBalances()).Select(LedgerViews.From));
        }
        if (!LocalDatePattern.Iso.Parse(asOf).Success)
        {
            return ApiProblems.Invalid("asOf", "asOf must be an ISO date like 2026-11-23.");
        }
        if (knownAt is not null && !InstantPattern.ExtendedIso.Parse(knownAt).Success)
        {
            return ApiProblems.Invalid("knownAt", "knownAt must be an ISO instant like 2026-11-23T12:00:00Z.");
        }
        return Results.Ok((await grain.GetBalancesAsOf(asOf, knownAt)).Select(LedgerViews.From));
    }

    private static async Task<IResult> GetEntries(string journalId, long? after, int? limit, IGrainFactory grains)
    {
        if (!JournalIds.IsValid(journalId))
        {
            return InvalidJournal();
        }
        if (after is < 0)
        {
            return ApiProblems.Invalid("after", "after must be 0 or more.");
        }
        if (limit is < 1 or > 1000)
        {
            return ApiProblems.Invalid("limit", "limit must be between 1 and 1000.");
        }
        var entries = await grains.GetGrain<ILedgerGrain>(journalId).GetEntries(after ?? 0, limit ?? 100);
        return Results.Ok(entries.Select(LedgerViews.From));
    }

    private static async Task<IResult> Verify(string journalId, IGrainFactory grains) =>
        JournalIds.IsValid(journalId) ? Results.Ok(await grains.GetGrain<ILedgerGrain>(journalId).VerifyChain()) : InvalidJournal();

    private static async Task<IResult> PostTransfer(string transferId, TransferBody? body, IGrainFactory grains)
    {
        if (!TransferIds.IsValid(transferId))
        {
            return InvalidTransfer();
        }
        var (request, problem) = HttpLedgerRequests.ToRequest(body);
        if (problem is not null)
        {
            return problem;
        }
        var reply = await grains.GetGrain<ITransferGrain>(transferId).Execute(request!);
        return reply.Status == TransferStatus.Completed
            ? Results.Ok(new TransferView(reply.TransferId, "completed", reply.SourceSequence, reply.DestinationSequence))
            : ApiProblems.FromRejection(reply.Rejection!);
    }

    private static async Task<IResult> GetTransfer(string transferId, IGrainFactory grains)
    {
        // Checked before storage is asked: a key longer than a table row key allows failed there with a 500.
        if (!TransferIds.IsValid(transferId))
        {
            return InvalidTransfer();
        }
        var reply = await grains.GetGrain<ITransferGrain>(transferId).GetStatus();
        return reply.Status switch
        {
            TransferStatus.None => ApiProblems.NotFound("transferId", $"No transfer '{transferId}'."),
            TransferStatus.Completed => Results.Ok(new TransferView(reply.TransferId, "completed", reply.SourceSequence, reply.DestinationSequence)),
            _ => Results.Ok(new TransferView(reply.TransferId, "rejected", reply.SourceSequence, reply.DestinationSequence)),
        };
    }

    private static IResult InvalidTransfer() =>
        ApiProblems.Invalid("transferId", TransferIds.Rule);

    private static IResult InvalidJournal() =>
        ApiProblems.Invalid("journalId", $"A journal id has 1..{JournalIds.MaxLength} characters a-z, 0-9, '-', '.', '_'.");
}
