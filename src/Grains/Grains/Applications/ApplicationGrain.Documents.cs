using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PvoFinance.Applications;
using PvoFinance.Documents;

namespace PvoFinance.Grains.Applications;

/// <summary>
/// The application's files (issue 18): a decision letter is issued as PDF when a decision is stored (and, should that
/// fail, by the next reading of the letters while the decision is still the last entry); documents are uploaded with
/// their kind and recorded in the history (<c>ApplicationGrain.Uploads.cs</c>). Both live in <see cref="IDocumentStore"/>,
/// each file one blob with its record, never overwritten; the letters are a blob listing, so the grain state does not
/// grow with them.
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
        // The newest decision, seen past the documents recorded after it: recording a document changes nothing a letter
        // says, so the application as it was right after the decision is the value without those entries.
        var decided = app.History.Count;
        while (decided > 0 && app.History[decided - 1].Trigger == ApplicationTrigger.RecordDocument)
        {
            decided--;
        }
        var asDecided = decided == app.History.Count ? app : app with { History = [.. app.History.Take(decided)] };
        if (decided > 0 && DecisionLetters.KindOf(asDecided) is not null && !letters.Any(l => l.Id == LetterId(asDecided.History[^1].Sequence)))
        {
            // The letter of that decision was not stored when it was made (storage failed): issue it now, from the same
            // value and entry, so it is the same letter.
            var whole = (await WholeEntries(app, decided, decided))[0];
            await StoreLetter(asDecided with { History = [.. asDecided.History.Take(decided - 1), whole] });
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
