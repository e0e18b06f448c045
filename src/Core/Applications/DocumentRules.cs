using System.Globalization;
using PvoFinance.Access;
using PvoFinance.Documents;

namespace PvoFinance.Applications;

/// <summary>
/// The documents of an application (issue 18): who may add which kind, which documents are recorded, and the conditions
/// of <see cref="ApplicationTrigger.RecordDocument"/>. A document counts once its history entry exists; the file is
/// stored before it is recorded, so a recorded document always has its file, and a file stored without its entry (a
/// crash between the two) does not count until uploading the same bytes again records it.
/// </summary>
public static class DocumentRules
{
    /// <summary>
    /// Whether <paramref name="caller"/> may read <paramref name="app"/>: whoever may read the applicant's region, and the
    /// fund's own people (its owner, a treasurer who keeps its books). Merely reading a national scheme does not open every
    /// region's applications.
    /// </summary>
    public static bool MayRead(AccessRules access, Caller caller, Application app)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(app);
        return access.CanRead(caller, Scope.Region(app.Region)) || access.CanRecord(caller, app.FundOwner);
    }

    /// <summary>
    /// Null when <paramref name="actor"/> may add a document of <paramref name="kind"/>, else why not: the applicant's
    /// documents (reports, statements, objection grounds) come from the region's PVO-manager; anyone who may read the
    /// application may add an <c>other</c> document (a note of a call, a scan).
    /// </summary>
    public static Refusal? MayAdd(AccessRules access, Application app, Actor actor, DocumentKind kind)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(actor);
        if (kind == DocumentKind.Other)
        {
            return MayRead(access, actor.Caller, app) ? null : NotReadable(app, actor);
        }
        return access.CanManage(actor.Caller, Scope.Region(app.Region))
            ? null
            : Refusal.Forbidden($"Only the PVO-manager of region {app.Region} may upload a document of kind '{DocumentKinds.Name(kind)}'.");
    }

    /// <summary>The SHA-256 of every recorded document, in the order recorded. The compact history keeps them (<see cref="HistoryCompaction"/>).</summary>
    public static IReadOnlyList<string> Recorded(Application app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return [.. app.History.Select(h => h.DocumentSha256).OfType<string>()];
    }

    /// <summary>Whether the document with SHA-256 <paramref name="sha256"/> is recorded.</summary>
    public static bool IsRecorded(Application app, string sha256)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.History.Any(h => string.Equals(h.DocumentSha256, sha256, StringComparison.Ordinal));
    }

    /// <summary>Null when <paramref name="fileName"/> may name a document: 1..120 characters, no control characters, slashes or quotes.</summary>
    public static Refusal? FileNameRefusal(string? fileName) =>
        string.IsNullOrWhiteSpace(fileName) || fileName.Trim().Length > DocumentLimits.MaxFileNameLength
            || fileName.Any(c => char.IsControl(c) || c is '/' or '\\' or '"')
            ? Refusal.Invalid("fileName", $"fileName is 1..{DocumentLimits.MaxFileNameLength} characters without control characters, slashes or quotes.")
            : null;

    /// <summary>Null when a document of <paramref name="size"/> bytes is within the limit, else why not (naming <paramref name="field"/>).</summary>
    public static Refusal? SizeRefusal(long size, string field) =>
        size is < 1 or > DocumentLimits.MaxBytes ? Refusal.Invalid(field, $"A document has 1..{DocumentLimits.MaxBytes} bytes (10 MiB).") : null;

    /// <summary>The refusal of content that is none of <see cref="DocumentType.Allowed"/>, naming <paramref name="field"/>.</summary>
    public static Refusal TypeRefusal(string field) =>
        Refusal.Invalid(field, $"The content is none of the accepted types ({string.Join(", ", DocumentType.Allowed)}), judged by the content itself.");

    private static Refusal NotReadable(Application app, Actor actor) =>
        new(RefusalCode.Forbidden, "scope", $"A caller with reach '{actor.Caller.Reach}' may not read application '{app.Id}'.");

    /// <summary>Whether <paramref name="id"/> has the form of a document's id: a SHA-256 as 64 lower-case hex digits.</summary>
    public static bool IsSha256(string? id) => id is { Length: 64 } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>The history's reason for a recorded document: its kind in Dutch, its name, size and type ("Financieel verslag: kosten.pdf (12.345 bytes, application/pdf)").</summary>
    public static string Reason(DocumentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var size = record.Size.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '.');
        return $"{DocumentKinds.Dutch(record.Kind)}: {record.FileName.Trim()} ({size} bytes, {record.ContentType})";
    }

    // ---- The conditions of RecordDocument, in the workflow's order: who → the file's position → the request's content ----

    /// <summary>Who may record: the PVO-manager of the region for the applicant's kinds, whoever may read the application for <c>other</c>.</summary>
    internal static readonly ApplicationRule Adder = new("PVO-manager of the region, or for kind other anyone who may read the application", (app, actor, payload, ctx) =>
        payload is DocumentRecord d
            ? MayAdd(ctx.Access, app, actor, d.Kind)
            : MayRead(ctx.Access, actor.Caller, app) ? null : NotReadable(app, actor));

    /// <summary>A document is recorded once: the same bytes again are the same document (the upload answers it without a new entry).</summary>
    internal static readonly ApplicationRule NotRecordedBefore = ApplicationRule.OnPayload<DocumentRecord>("not recorded before", (app, d, _) =>
        IsRecorded(app, d.Sha256) ? new Refusal(RefusalCode.Conflict, "content", $"Document '{d.Sha256}' is recorded on application '{app.Id}' already.") : null);

    /// <summary>At most <see cref="DocumentLimits.MaxDocumentsPerApplication"/> documents, versions included (a new version is a new document).</summary>
    internal static readonly ApplicationRule DocumentsLeft = ApplicationRule.On($"at most {DocumentLimits.MaxDocumentsPerApplication} documents", (app, _, _) =>
        app.History.Count(h => h.DocumentSha256 is not null) >= DocumentLimits.MaxDocumentsPerApplication
            ? new Refusal(RefusalCode.LimitExceeded, "content", $"Application '{app.Id}' holds {DocumentLimits.MaxDocumentsPerApplication} documents, the most it may.")
            : null);

    /// <summary>The record names its file as stored: a SHA-256, a known kind, a file name, an accepted type and a size within the limits.</summary>
    internal static readonly ApplicationRule RecordValid = ApplicationRule.OnPayload<DocumentRecord>("hash, kind, name, type and size within limits", (_, d, _) =>
    {
        if (!IsSha256(d.Sha256))
        {
            return Refusal.Invalid("sha256", "A document's SHA-256 is 64 hexadecimal digits, lower case.");
        }
        if (!Enum.IsDefined(d.Kind))
        {
            return Refusal.Invalid("kind", $"kind is one of {string.Join(", ", DocumentKinds.All)}.");
        }
        if (FileNameRefusal(d.FileName) is { } name)
        {
            return name;
        }
        return DocumentType.Allowed.Contains(d.ContentType) ? SizeRefusal(d.Size, "size") : TypeRefusal("contentType");
    });
}
