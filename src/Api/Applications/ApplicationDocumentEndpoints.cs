using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using PvoFinance.Api.Auth;
using PvoFinance.Api.Problems;
using PvoFinance.Applications;
using PvoFinance.Documents;
using PvoFinance.Grains.Applications;

namespace PvoFinance.Api.Applications;

/// <summary>
/// An application's files (docs/documents.md): <c>GET /api/applications/{id}/letters</c> and
/// <c>…/letters/{n}.pdf</c> (the decision letters), <c>GET …/documents</c> and <c>…/documents/{documentId}</c>, and
/// <c>POST …/documents?kind=…&amp;fileName=…</c> with the file as the raw body and its media type as Content-Type.
/// Readable by whoever may read the application.
/// </summary>
public static class ApplicationDocumentEndpoints
{
    /// <summary>Maps the letter and document endpoints on the applications group.</summary>
    public static RouteGroupBuilder MapApplicationDocuments(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapGet("/{id}/letters", Letters)
            .WithSummary("The decision letters of an application (one PDF per decision, with its SHA-256), oldest first.")
            .Produces<DocumentList>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/letters/{file}", Letter)
            .WithSummary("One decision letter as PDF: {file} is <decision sequence>.pdf.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/documents", Documents)
            .WithSummary("The documents of an application: uploaded and recorded in its history, in the order recorded.")
            .Produces<DocumentList>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/documents/{documentId}", Document)
            .WithSummary("One recorded document, by its id (its SHA-256).")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/documents", Upload)
            .WithSummary($"Uploads a document: the raw body (1..{DocumentLimits.MaxBytes} bytes; PDF, PNG, JPEG, ODT or UTF-8 text, judged by the content) "
                + $"with its Content-Type, ?kind= one of {string.Join(", ", DocumentKinds.All)} and ?fileName=. Stored, then recorded in the history (who, when, SHA-256; not in a closed file: 409). "
                + "Never overwrites: the same bytes again answer the recorded document (200), new bytes are a new document (201); bytes stored without their entry (a crash between the two) are recorded now (201).")
            .Accepts<byte[]>("application/octet-stream", [.. DocumentType.Allowed])
            .Produces<DocumentInfo>(StatusCodes.Status201Created).Produces<DocumentInfo>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    /// <summary>A list of letters or documents.</summary>
    /// <param name="Items">The records, oldest first.</param>
    public sealed record DocumentList(IReadOnlyList<DocumentInfo> Items);

    private static async Task<IResult> Letters(string id, HttpContext http, CurrentCaller caller, IGrainFactory grains) =>
        await With(id, http, caller, async actor => List(await grains.GetGrain<IApplicationDocuments>(id).Letters(actor)));

    private static async Task<IResult> Documents(string id, HttpContext http, CurrentCaller caller, IGrainFactory grains) =>
        await With(id, http, caller, async actor => List(await grains.GetGrain<IApplicationDocuments>(id).Documents(actor)));

    private static async Task<IResult> Letter(string id, string file, HttpContext http, CurrentCaller caller, IGrainFactory grains)
    {
        if (!file.EndsWith(".pdf", StringComparison.Ordinal)
            || !int.TryParse(file[..^4], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence is < 1 or > ApplicationLimits.MaxHistoryEntries)
        {
            return ApiProblems.NotFound("file", "A letter is named <decision sequence>.pdf, e.g. 5.pdf.");
        }
        return await With(id, http, caller, async actor => File(http, await grains.GetGrain<IApplicationDocuments>(id).Letter(actor, sequence)));
    }

    private static async Task<IResult> Document(string id, string documentId, HttpContext http, CurrentCaller caller, IGrainFactory grains) =>
        await With(id, http, caller, async actor => File(http, await grains.GetGrain<IApplicationDocuments>(id).Document(actor, documentId)));

    private static async Task<IResult> Upload(string id, [FromQuery] string? kind, [FromQuery] string? fileName, HttpContext http, CurrentCaller caller, IGrainFactory grains)
    {
        if (http.Request.ContentLength is > DocumentLimits.MaxBytes)
        {
            return TooLarge();
        }
        // Read at most one byte more than the limit: a body without a length cannot make the server hold more.
        var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > DocumentLimits.MaxBytes)
            {
                return TooLarge();
            }
            buffer.Write(chunk, 0, read);
        }
        var content = buffer.ToArray();
        return await With(id, http, caller, async actor =>
        {
            var reply = await grains.GetGrain<IApplicationDocuments>(id).Upload(actor, kind ?? "", fileName ?? "", http.Request.ContentType ?? "", content);
            if (reply.Refusal is { } refused)
            {
                return ApplicationAnswers.Problem(refused);
            }
            return reply.Created
                ? Results.Created($"/api/applications/{id}/documents/{reply.Info!.Id}", reply.Info)
                : Results.Ok(reply.Info);
        });
    }

    private static IResult TooLarge() =>
        ApiProblems.Malformed(StatusCodes.Status413PayloadTooLarge, "content", $"A document has at most {DocumentLimits.MaxBytes} bytes (10 MiB).");

    private static IResult List(DocumentListReply reply) =>
        reply.Refusal is { } refused ? ApplicationAnswers.Problem(refused) : Results.Ok(new DocumentList(reply.Items));

    // The file with its record's name and hash; served as an attachment and never sniffed by the browser.
    private static IResult File(HttpContext http, DocumentFileReply reply)
    {
        if (reply.Refusal is { } refused)
        {
            return ApplicationAnswers.Problem(refused);
        }
        var info = reply.Info!;
        http.Response.Headers["X-Content-Type-Options"] = "nosniff";
        http.Response.Headers["X-Content-SHA256"] = info.Sha256;
        return Results.File(reply.Content!, info.ContentType, info.FileName, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue("\"" + info.Sha256 + "\""));
    }

    private static async Task<IResult> With(string id, HttpContext http, CurrentCaller caller, Func<ActorDto, Task<IResult>> answer)
    {
        if (!ApplicationGrain.IsValidId(id))
        {
            return ApiProblems.NotFound("id", $"No application '{id}'.");
        }
        if (http.User.FindFirst("sub")?.Value is not { Length: > 0 and <= Actor.MaxUserIdLength } sub)
        {
            return ApiProblems.Forbidden("sub", "The token has no subject.");
        }
        return await answer(new ActorDto(sub, caller.Role, caller.Reach.ToString()));
    }
}
