using NodaTime;

namespace PvoFinance.Documents;

/// <summary>
/// One stored file of an application, a letter or an uploaded document, as recorded with it: what it is, its SHA-256,
/// who stored it and when. The record travels with the blob (its metadata), so a file is never stored without it.
/// </summary>
/// <param name="ApplicationId">The application.</param>
/// <param name="Id">Its id within the application: a letter's decision sequence, a document's SHA-256 (hex, lower case).</param>
/// <param name="Kind">A <see cref="DocumentKinds"/> name, or for a letter its <see cref="DecisionKind"/>.</param>
/// <param name="FileName">The name to download it under.</param>
/// <param name="ContentType">Its media type (sniffed for documents).</param>
/// <param name="Size">Its length in bytes.</param>
/// <param name="Sha256">Its SHA-256, hex, lower case.</param>
/// <param name="By">Who stored it (a user id; for a letter the decision's decider).</param>
/// <param name="Role">In which role.</param>
/// <param name="At">When.</param>
public sealed record StoredDocument(
    string ApplicationId,
    string Id,
    string Kind,
    string FileName,
    string ContentType,
    long Size,
    string Sha256,
    string By,
    string Role,
    Instant At);
