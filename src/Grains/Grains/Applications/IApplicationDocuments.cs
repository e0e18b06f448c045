using PvoFinance.Documents;

namespace PvoFinance.Grains.Applications;

/// <summary>One stored file of an application as answered: its record, with the time as ISO-8601 text.</summary>
/// <param name="Id">A letter's decision sequence, or a document's SHA-256 (hex).</param>
/// <param name="Kind">The document kind (<see cref="DocumentKinds"/>) or the letter's decision kind.</param>
/// <param name="FileName">The name to download it under.</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Sha256">Its SHA-256, hex, lower case.</param>
/// <param name="By">Who stored it.</param>
/// <param name="Role">In which role.</param>
/// <param name="At">When, ISO-8601 UTC.</param>
[GenerateSerializer, Immutable]
public sealed record DocumentInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] string FileName,
    [property: Id(3)] string ContentType,
    [property: Id(4)] long Size,
    [property: Id(5)] string Sha256,
    [property: Id(6)] string By,
    [property: Id(7)] string Role,
    [property: Id(8)] string At)
{
    /// <summary>The answer form of a stored record.</summary>
    public static DocumentInfo Of(StoredDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Id, d.Kind, d.FileName, d.ContentType, d.Size, d.Sha256, d.By, d.Role, NodaTime.Text.InstantPattern.ExtendedIso.Format(d.At));
    }
}

/// <summary>An application's letters or documents, or why not.</summary>
/// <param name="Refusal">Why not; null on success.</param>
/// <param name="Items">The records, oldest first.</param>
[GenerateSerializer, Immutable]
public sealed record DocumentListReply([property: Id(0)] ApplicationRefusal? Refusal, [property: Id(1)] DocumentInfo[] Items);

/// <summary>One file with its record, an upload's record, or why not.</summary>
/// <param name="Refusal">Why not; null on success.</param>
/// <param name="Info">The record.</param>
/// <param name="Content">The bytes (null for an upload's answer).</param>
/// <param name="Created">
/// For an upload: true when this request recorded it (stored now, or stored before without its history entry), false when
/// the same bytes were recorded already.
/// </param>
[GenerateSerializer, Immutable]
public sealed record DocumentFileReply(
    [property: Id(0)] ApplicationRefusal? Refusal,
    [property: Id(1)] DocumentInfo? Info,
    [property: Id(2)] byte[]? Content,
    [property: Id(3)] bool Created = false);

/// <summary>
/// The files of an application (issue 18): its decision letters (PDF, issued by the grain at each decision) and the
/// documents uploaded to it. Implemented by the application grain, so access is decided where the application is:
/// whoever may read the application may read these.
/// </summary>
public interface IApplicationDocuments : IGrainWithStringKey
{
    /// <summary>The application's decision letters, oldest first.</summary>
    Task<DocumentListReply> Letters(ActorDto actor);

    /// <summary>The letter of the decision with history sequence <paramref name="sequence"/>.</summary>
    Task<DocumentFileReply> Letter(ActorDto actor, int sequence);

    /// <summary>The documents recorded on the application (stored and in its history), in the order recorded.</summary>
    Task<DocumentListReply> Documents(ActorDto actor);

    /// <summary>One recorded document by its id (its SHA-256).</summary>
    Task<DocumentFileReply> Document(ActorDto actor, string id);

    /// <summary>
    /// Stores a document of <paramref name="kind"/> (a <see cref="DocumentKinds"/> name) and records it in the history
    /// (<see cref="PvoFinance.Applications.ApplicationTrigger.RecordDocument"/>): checked for size and type (by content),
    /// named by its SHA-256, created only if not there, then recorded. The same bytes again answer the recorded document;
    /// bytes stored before without their entry (a crash between the two) are recorded now.
    /// </summary>
    Task<DocumentFileReply> Upload(ActorDto actor, string kind, string fileName, string contentType, byte[] content);
}
