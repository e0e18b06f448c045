using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using PvoFinance.Access;
using PvoFinance.Api.Auth;
using PvoFinance.Api.Problems;
using PvoFinance.Grains.Funding;
using PvoFinance.Storage;

namespace PvoFinance.Api.Funding;

/// <summary>
/// <c>GET /api/funding-sources/{id}/commitments</c>: every commitment of a source, a page at a time by id, read from the
/// source's rows (never through the source's turn, so reading does not wait behind its writes). Readable by whoever may
/// read the source.
/// </summary>
public static class CommitmentPageEndpoints
{
    /// <summary>Maps the commitment pages on the funding-sources group.</summary>
    public static RouteGroupBuilder MapCommitmentPages(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapGet("/{id}/commitments", Page)
            .WithSummary($"A source's commitments by id, a page at a time (pageSize, default {FundingRowLimits.DefaultPageSize}, at most {FundingRowLimits.MaxPageSize}; follow next as continuation).")
            .Produces<CommitmentPageView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<IResult> Page(string id, [FromQuery] string? pageSize, [FromQuery] string? continuation,
        CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        if (await FundingEndpoints.Find(id, caller, rules, grains, rules.Read) is (_, { } problem))
        {
            return problem;
        }
        var size = FundingRowLimits.DefaultPageSize;
        if (pageSize is not null && (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > FundingRowLimits.MaxPageSize))
        {
            return ApiProblems.Invalid("pageSize", $"pageSize is a whole number of commitments, 1..{FundingRowLimits.MaxPageSize}.");
        }
        string? after = null;
        if (continuation is not null && (after = ReadCursor(continuation)) is null)
        {
            return ApiProblems.Invalid("continuation", "continuation is the 'next' of an earlier page of this same list.");
        }
        var page = await grains.GetGrain<IFundingRowReaderGrain>(0).Page(id, FundingRowKind.Commitment, after, size);
        var next = page.More && page.Commitments.Count > 0 ? WriteCursor(page.Commitments[^1].CommitmentId) : null;
        return Results.Ok(new CommitmentPageView(id, page.Commitments.Count, [.. page.Commitments.Select(FundingViews.From)], next));
    }

    private static string WriteCursor(string afterId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(afterId)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The commitment id a cursor continues after, or null when the text is no cursor of this list.</summary>
    private static string? ReadCursor(string text)
    {
        if (text.Length is 0 or > 200 || text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return null;
        }
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        try
        {
            var id = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            FundingRowLimits.CheckId(id);
            return id;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
