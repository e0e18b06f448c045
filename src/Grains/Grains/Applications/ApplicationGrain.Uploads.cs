using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using NodaTime;
using PvoFinance.Applications;
using PvoFinance.Documents;

namespace PvoFinance.Grains.Applications;

/// <summary>
/// The documents uploaded to an application (issue 18). An upload stores the file first (conditional create, never
/// overwritten) and then records it: <see cref="ApplicationTrigger.RecordDocument"/>, a transition of the workflow whose
/// history entry says who added which bytes when. Only recorded documents count: the list, the downloads and the
/// accountability use the files that are both stored and recorded, so a crash between the two leaves a file that does
/// not count, and uploading the same bytes again records it. A recorded document whose file is missing cannot happen:
/// nothing is recorded before its file is stored, and files are never deleted.
/// </summary>
public sealed partial class ApplicationGrain
{
    /// <inheritdoc />
    public async Task<DocumentListReply> Documents(ActorDto actor)
    {
        var (app, refusal) = await Readable(actor);
        return app is null
            ? new DocumentListReply(refusal, [])
            : new DocumentListReply(null, [.. (await RecordedFiles(app)).Select(DocumentInfo.Of)]);
    }

    /// <inheritdoc />
    public async Task<DocumentFileReply> Document(ActorDto actor, string id)
    {
        var (app, refusal) = await Readable(actor);
        if (app is null)
        {
            return new DocumentFileReply(refusal, null, null);
        }
        return DocumentRules.IsSha256(id) && DocumentRules.IsRecorded(app, id) && await Files.ReadAsync(DocumentArea.Documents, Id, id) is { } file
            ? new DocumentFileReply(null, DocumentInfo.Of(file.Record), file.Content)
            : new DocumentFileReply(new ApplicationRefusal(ApplicationRefusalCode.NotFound, "documentId", $"Application '{Id}' has no document '{id}'."), null, null);
    }

    /// <inheritdoc />
    public async Task<DocumentFileReply> Upload(ActorDto actor, string kind, string fileName, string contentType, byte[] content)
    {
        var (app, refusal) = await Readable(actor);
        if (app is null)
        {
            return new DocumentFileReply(refusal, null, null);
        }
        var who = ToActor(actor)!;
        if (UploadRefusal(app, who, kind, fileName, contentType, content) is { } invalid)
        {
            return Refused(invalid);
        }
        DocumentKinds.TryParse(kind, out var asKind);
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        var asked = new DocumentRecord(hash, asKind, fileName.Trim(), DocumentType.Sniff(content)!, content.Length);
        if (DocumentRules.IsRecorded(app, hash))
        {
            // The same bytes again: the document recorded, nothing new. Its file was stored before it was recorded, so the
            // listing has its record (who stored it and when); the bytes are sent again only if it is missing (a defect).
            var first = (await RecordedFiles(app)).FirstOrDefault(d => d.Id == hash);
            if (first is null)
            {
                (first, _) = await Files.CreateAsync(DocumentArea.Documents, FileRecord(asked, who, clock.GetCurrentInstant()), content);
                logger.LogError("Application {ApplicationId}: recorded document {DocumentId} had no file; stored it again", Id, hash);
            }
            return new DocumentFileReply(null, DocumentInfo.Of(first), null, Created: false);
        }

        // Judged before anything is stored, so a request the workflow refuses (state, limit, size of the state) stores no file.
        await FlushRowsIfFull();
        var (next, no) = await Judge(Load(), who, actor, asked);
        if (next is null)
        {
            return no!;
        }
        if (await StoreFull(hash) is { } full)
        {
            return full;
        }
        var (stored, created) = await Files.CreateAsync(DocumentArea.Documents, FileRecord(asked, who, next.History[^1].At), content);
        if (!created)
        {
            // Stored before without its entry (a crash between storing and recording): recorded now, as the file's record
            // says (its kind and name cannot change), and judged again when that differs from this request.
            if (!DocumentKinds.TryParse(stored.Kind, out var storedKind))
            {
                return Refused(new ApplicationRefusal(ApplicationRefusalCode.Invalid, "kind", $"kind is one of {string.Join(", ", DocumentKinds.All)}."));
            }
            var asStored = new DocumentRecord(stored.Sha256, storedKind, stored.FileName, stored.ContentType, stored.Size);
            if (asStored != asked)
            {
                (next, no) = await Judge(Load(), who, actor, asStored);
                if (next is null)
                {
                    return no!;
                }
            }
            logger.LogWarning("Application {ApplicationId}: document {DocumentId} was stored on {StoredAt} without its history entry; recorded now by {UserId}",
                Id, hash, stored.At, who.UserId);
        }
        var reply = Counted(ApplicationTrigger.RecordDocument, await Store(next, who, null, ""), next.State);
        if (!reply.Ok)
        {
            return Refused(reply.Refusal!);
        }
        logger.LogInformation("Application {ApplicationId}: document {DocumentId} ({Kind}, {Size} bytes) recorded as entry {Sequence} by {UserId}",
            Id, hash, stored.Kind, content.Length, next.History[^1].Sequence, who.UserId);
        return new DocumentFileReply(null, DocumentInfo.Of(stored), null, Created: true);
    }

    private static DocumentFileReply Refused(ApplicationRefusal refusal) => new(refusal, null, null);

    // The application with the document recorded, or why not: the workflow's rules, then the size the state may have.
    private async Task<(Application? Next, DocumentFileReply? Refusal)> Judge(Application app, Actor who, ActorDto actor, DocumentRecord record)
    {
        var result = await new ApplicationWorkflow(app, Rules, clock).FireAsync(ApplicationTrigger.RecordDocument, who, record);
        if (!result.IsOk)
        {
            return (null, Refused(Counted(ApplicationTrigger.RecordDocument, ApplicationReply.From(result.Refusal!), null).Refusal!));
        }
        return TooLarge(result.Application, actor, null, "") is { } tooLarge
            ? (null, Refused(Counted(ApplicationTrigger.RecordDocument, tooLarge, null).Refusal!))
            : (result.Application, null);
    }

    // New bytes are not stored once the store holds as many files as the lists read (recorded ones and those a crash left
    // unrecorded), so the lists never miss a recorded document.
    private async Task<DocumentFileReply?> StoreFull(string hash)
    {
        var stored = await Files.ListAsync(DocumentArea.Documents, Id, DocumentLimits.MaxStoredPerApplication);
        return stored.Count >= DocumentLimits.MaxStoredPerApplication && !stored.Any(d => d.Id == hash)
            ? Refused(new ApplicationRefusal(ApplicationRefusalCode.LimitExceeded, "content",
                $"Application '{Id}' holds {DocumentLimits.MaxStoredPerApplication} stored files, the most it may."))
            : null;
    }

    private StoredDocument FileRecord(DocumentRecord d, Actor who, Instant at) =>
        new(Id, d.Sha256, DocumentKinds.Name(d.Kind), d.FileName, d.ContentType, d.Size, d.Sha256, who.UserId, who.Caller.Role.ToString(), at);

    /// <summary>
    /// The documents that count, in the order recorded: recorded in the history and stored. A file stored without
    /// its entry is left out; a recorded one always has its file (stored first), so one missing is logged as the defect it is.
    /// </summary>
    private async Task<List<StoredDocument>> RecordedFiles(Application app)
    {
        var recorded = DocumentRules.Recorded(app);
        var found = new List<StoredDocument>(recorded.Count);
        if (recorded.Count == 0)
        {
            return found;
        }
        var stored = (await Files.ListAsync(DocumentArea.Documents, Id, DocumentLimits.MaxStoredPerApplication)).ToDictionary(d => d.Id, StringComparer.Ordinal);
        foreach (var hash in recorded)
        {
            if (stored.TryGetValue(hash, out var file))
            {
                found.Add(file);
            }
            else
            {
                logger.LogError("Application {ApplicationId}: recorded document {DocumentId} has no file", Id, hash);
            }
        }
        return found;
    }

    // The request's own checks, before its bytes are hashed: the kind, who may add it (the workflow's rule), the name,
    // the size and the type judged by the content. The workflow judges the record again with the state and the limit.
    private static ApplicationRefusal? UploadRefusal(Application app, Actor who, string kind, string fileName, string contentType, byte[] content)
    {
        if (!DocumentKinds.TryParse(kind, out var k))
        {
            return new(ApplicationRefusalCode.Invalid, "kind", $"kind is one of {string.Join(", ", DocumentKinds.All)}.");
        }
        if (DocumentRules.MayAdd(Rules, app, who, k) is { } forbidden)
        {
            return ApplicationRefusal.From(forbidden);
        }
        if (DocumentRules.FileNameRefusal(fileName) is { } name)
        {
            return ApplicationRefusal.From(name);
        }
        if (DocumentRules.SizeRefusal(content.Length, "content") is { } size)
        {
            return ApplicationRefusal.From(size);
        }
        if (DocumentType.Sniff(content) is not { } sniffed)
        {
            return ApplicationRefusal.From(DocumentRules.TypeRefusal("content"));
        }
        if (DocumentType.Essence(contentType) != sniffed)
        {
            return new(ApplicationRefusalCode.Invalid, "Content-Type", $"The content is {sniffed}, not the declared '{DocumentType.Essence(contentType)}'.");
        }
        return null;
    }

    /// <summary>
    /// The documents an accountability refers to are recorded on the application and of the kinds its tier needs
    /// (required: an accountability without them is refused naming the kind missing); a refusal names the field.
    /// Checked by the grain (it reads the store) before the workflow sees the report.
    /// </summary>
    private async Task<ApplicationReply?> AccountabilityDocumentsRefusal(Application app, AccountabilityReport report)
    {
        if (app.State != ApplicationState.Granted)
        {
            return null;
        }
        // No list is an empty one: a tier that accounts needs its documents either way (issue 18), and the refusal names the first kind missing.
        var ids = report.Documents ?? [];
        if (ids.Count > DocumentLimits.MaxReferences)
        {
            return ApplicationReply.Refused(ApplicationRefusalCode.Invalid, "documents", $"An accountability refers to at most {DocumentLimits.MaxReferences} documents.");
        }
        var counted = (await RecordedFiles(app)).ToDictionary(d => d.Id, StringComparer.Ordinal);
        var kinds = new List<DocumentKind>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] is not { } id || !counted.TryGetValue(id, out var d) || !DocumentKinds.TryParse(d.Kind, out var kind))
            {
                return ApplicationReply.Refused(ApplicationRefusalCode.Invalid, $"documents[{i}]", $"Application '{Id}' has no uploaded document '{ids[i]}'.");
            }
            kinds.Add(kind);
        }
        var need = app.Requirements ?? TierRules.Requirements(AccountabilityTier.C);
        return need.MissingDocument(kinds) is { } missing ? ApplicationReply.Refused(ApplicationRefusalCode.Invalid, "documents", missing) : null;
    }
}
