using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PvoFinance.Access;
using PvoFinance.Applications;
using PvoFinance.Documents;

namespace PvoFinance.Grains.Applications;

/// <summary>
/// The application's files (issue 18): a decision letter is issued as PDF when a decision is stored (and, should that
/// fail, by the next reading of the letters while the decision is still the last entry); documents are uploaded with
/// their kind. Both live in <see cref="IDocumentStore"/>, each file one blob with its record, never overwritten; the
/// lists are blob listings, so the grain state does not grow with them.
/// </summary>
public sealed partial class ApplicationGrain : IApplicationDocuments
{
    private IDocumentStore Files => ServiceProvider.GetRequiredService<IDocumentStore>();

    /// <inheritdoc />
    public async Task<DocumentListReply> Letters(ActorDto actor)
    {
        var (app, refusal) = await Readable(actor);
        if (app is null)
        {
            return new DocumentListReply(refusal, []);
        }
        var letters = await Files.ListAsync(DocumentArea.Letters, Id, LetterLimits.MaxLettersPerApplication);
        if (app.History.Count > 0 && DecisionLetters.KindOf(app) is not null
            && !letters.Any(l => l.Id == LetterId(app.History[^1].Sequence)))
        {
            // The letter of the last decision was not stored when it was made (storage failed): issue it now, from the
            // same value and entry, so it is the same letter.
            var whole = (await WholeEntries(app, app.History.Count, app.History.Count))[0];
            await StoreLetter(app with { History = [.. app.History.Take(app.History.Count - 1), whole] });
            letters = await Files.ListAsync(DocumentArea.Letters, Id, LetterLimits.MaxLettersPerApplication);
        }
        return new DocumentListReply(null, [.. letters.Select(DocumentInfo.Of)]);
    }

    /// <inheritdoc />
    public async Task<DocumentFileReply> Letter(ActorDto actor, int sequence)
    {
        var (app, refusal) = await Readable(actor);
        if (app is null)
        {
            return new DocumentFileReply(refusal, null, null);
        }
        return await Files.ReadAsync(DocumentArea.Letters, Id, LetterId(sequence)) is { } file
            ? new DocumentFileReply(null, DocumentInfo.Of(file.Record), file.Content)
            : new DocumentFileReply(new ApplicationRefusal(ApplicationRefusalCode.NotFound, "sequence", $"Application '{Id}' has no letter for decision {sequence}."), null, null);
    }

    /// <inheritdoc />
    public async Task<DocumentListReply> Documents(ActorDto actor)
    {
        var (app, refusal) = await Readable(actor);
        return app is null
            ? new DocumentListReply(refusal, [])
            : new DocumentListReply(null, [.. (await Files.ListAsync(DocumentArea.Documents, Id, DocumentLimits.MaxDocumentsPerApplication)).Select(DocumentInfo.Of)]);
    }

    /// <inheritdoc />
    public async Task<DocumentFileReply> Document(ActorDto actor, string id)
    {
        var (app, refusal) = await Readable(actor);
        if (app is null)
        {
            return new DocumentFileReply(refusal, null, null);
        }
        return IsDocumentId(id) && await Files.ReadAsync(DocumentArea.Documents, Id, id) is { } file
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
        if (Invalid(UploadRefusal(app, who, kind, fileName, contentType, content)) is { } invalid)
        {
            return invalid;
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        var existing = await Files.ListAsync(DocumentArea.Documents, Id, DocumentLimits.MaxDocumentsPerApplication);
        if (existing.Count >= DocumentLimits.MaxDocumentsPerApplication && !existing.Any(d => d.Id == hash))
        {
            return new DocumentFileReply(new ApplicationRefusal(ApplicationRefusalCode.LimitExceeded, "content",
                $"Application '{Id}' holds {DocumentLimits.MaxDocumentsPerApplication} documents, the most it may."), null, null);
        }
        var record = new StoredDocument(Id, hash, kind, fileName.Trim(), DocumentType.Sniff(content)!, content.Length, hash, who.UserId, who.Caller.Role.ToString(), clock.GetCurrentInstant());
        var (stored, created) = await Files.CreateAsync(DocumentArea.Documents, record, content);
        logger.LogInformation("Application {ApplicationId}: document {DocumentId} ({Kind}, {Size} bytes) {Outcome} by {UserId}",
            Id, hash, kind, content.Length, created ? "stored" : "already stored", who.UserId);
        return new DocumentFileReply(null, DocumentInfo.Of(stored), null, created);
    }

    private static DocumentFileReply? Invalid(ApplicationRefusal? refusal) => refusal is null ? null : new DocumentFileReply(refusal, null, null);

    // The applicant's documents (reports, statements, objection grounds) come from the region's PVO-manager; anyone who
    // may read the application may add an 'other' document (a note of a call, a scan).
    private static ApplicationRefusal? UploadRefusal(Application app, Actor who, string kind, string fileName, string contentType, byte[] content)
    {
        if (!DocumentKinds.TryParse(kind, out var k))
        {
            return new(ApplicationRefusalCode.Invalid, "kind", $"kind is one of {string.Join(", ", DocumentKinds.All)}.");
        }
        if (k != DocumentKind.Other && !Rules.CanManage(who.Caller, Scope.Region(app.Region)))
        {
            return new(ApplicationRefusalCode.Forbidden, "caller", $"Only the PVO-manager of region {app.Region} may upload a document of kind '{kind}'.");
        }
        if (string.IsNullOrWhiteSpace(fileName) || fileName.Trim().Length > DocumentLimits.MaxFileNameLength
            || fileName.Any(c => char.IsControl(c) || c is '/' or '\\' or '"'))
        {
            return new(ApplicationRefusalCode.Invalid, "fileName", $"fileName is 1..{DocumentLimits.MaxFileNameLength} characters without control characters, slashes or quotes.");
        }
        if (content.Length == 0 || content.Length > DocumentLimits.MaxBytes)
        {
            return new(ApplicationRefusalCode.Invalid, "content", $"A document has 1..{DocumentLimits.MaxBytes} bytes (10 MiB).");
        }
        if (DocumentType.Sniff(content) is not { } sniffed)
        {
            return new(ApplicationRefusalCode.Invalid, "content", $"The content is none of the accepted types ({string.Join(", ", DocumentType.Allowed)}), judged by the content itself.");
        }
        if (DocumentType.Essence(contentType) != sniffed)
        {
            return new(ApplicationRefusalCode.Invalid, "Content-Type", $"The content is {sniffed}, not the declared '{DocumentType.Essence(contentType)}'.");
        }
        return null;
    }

    /// <summary>
    /// The documents an accountability refers to exist and are of the kinds its tier needs (required: an accountability
    /// without them is refused naming the kind missing); a refusal names the field.
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
        var stored = (await Files.ListAsync(DocumentArea.Documents, Id, DocumentLimits.MaxDocumentsPerApplication)).ToDictionary(d => d.Id, StringComparer.Ordinal);
        var kinds = new List<DocumentKind>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] is not { } id || !stored.TryGetValue(id, out var d) || !DocumentKinds.TryParse(d.Kind, out var kind))
            {
                return ApplicationReply.Refused(ApplicationRefusalCode.Invalid, $"documents[{i}]", $"Application '{Id}' has no uploaded document '{ids[i]}'.");
            }
            kinds.Add(kind);
        }
        var need = app.Requirements ?? TierRules.Requirements(AccountabilityTier.C);
        return need.MissingDocument(kinds) is { } missing ? ApplicationReply.Refused(ApplicationRefusalCode.Invalid, "documents", missing) : null;
    }

    // After a stored transition: a decision gets its letter. A failure is logged and repaired by the next reading of the
    // letters; the decision itself stands (it was stored first).
    private async Task IssueLetter(ApplicationReply reply, Application app)
    {
        if (!reply.Ok || app.History.Count == 0 || DecisionLetters.KindOf(app) is null)
        {
            return;
        }
        try
        {
            await StoreLetter(app);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Application {ApplicationId}: the letter of decision {Sequence} was not stored; reading the letters issues it",
                Id, app.History[^1].Sequence);
        }
    }

    // The letter rendered for the hash in the history, kept for storing it right after (one rendering per decision).
    private (int Sequence, byte[] Pdf)? _rendered;

    /// <summary>
    /// <paramref name="app"/> with the SHA-256 of its newest decision's letter in that history entry. The letter is a
    /// function of the application right after the decision and does not print its own hash, so the stored letter has
    /// exactly these bytes. A rendering that fails leaves the entry without a hash (logged); the decision stands.
    /// </summary>
    private Application WithLetterHash(Application app)
    {
        if (app.History.Count == 0 || DecisionLetters.KindOf(app) is null)
        {
            return app;
        }
        try
        {
            var pdf = LetterPdf.Render(DecisionLetters.Compose(app));
            var entry = app.History[^1];
            _rendered = (entry.Sequence, pdf);
            return app with { History = [.. app.History.Take(app.History.Count - 1), entry with { LetterSha256 = Convert.ToHexStringLower(SHA256.HashData(pdf)) }] };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Application {ApplicationId}: the letter of decision {Sequence} could not be rendered; its history entry has no letter hash",
                Id, app.History[^1].Sequence);
            return app;
        }
    }

    private async Task StoreLetter(Application app)
    {
        var letter = DecisionLetters.Compose(app);
        var entry = app.History[^1];
        var pdf = _rendered is { } r && r.Sequence == entry.Sequence ? r.Pdf : LetterPdf.Render(letter);
        _rendered = null;
        var hash = Convert.ToHexStringLower(SHA256.HashData(pdf));
        var record = new StoredDocument(Id, LetterId(entry.Sequence), letter.Kind.ToString(), $"beschikking-{Id}-{entry.Sequence}.pdf", "application/pdf",
            pdf.Length, hash, entry.UserId, entry.Role.ToString(), entry.At);
        var (stored, created) = await Files.CreateAsync(DocumentArea.Letters, record, pdf);
        if (!created && stored.Sha256 != hash)
        {
            // Never overwritten: the stored letter stays; a different rendering of the same decision is a defect to see.
            logger.LogError("Application {ApplicationId}: letter {Sequence} is stored with SHA-256 {Stored}, the decision now renders {Now}",
                Id, entry.Sequence, stored.Sha256, hash);
        }
    }

    private static string LetterId(int sequence) => sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static bool IsDocumentId(string? id) => id is { Length: 64 } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    // The application, when it exists and the caller may read it; else why not.
    private async Task<(Application? App, ApplicationRefusal? Refusal)> Readable(ActorDto actor)
    {
        if (state.State.Json is null)
        {
            return (null, NotFound().Refusal);
        }
        if (ToActor(actor) is not { } who)
        {
            return (null, NoCaller().Refusal);
        }
        await Recover();
        var app = Load();
        return MayRead(who, app) ? (app, null) : (null, NotReadable(who).Refusal);
    }
}
