using PvoFinance.Documents;

namespace PvoFinance.Applications;

/// <summary>
/// What <see cref="ApplicationTrigger.RecordDocument"/> records of a stored document (issue 18): the file is already in
/// blob storage under its SHA-256 with this record; the history entry binds the exact bytes (<see cref="HistoryEntry.DocumentSha256"/>).
/// </summary>
/// <param name="Sha256">The content's SHA-256, 64 hex digits, lower case: the document's id.</param>
/// <param name="Kind">What it is; the accountability of a tier asks for its kinds.</param>
/// <param name="FileName">The name to download it under (1..<see cref="DocumentLimits.MaxFileNameLength"/> characters).</param>
/// <param name="ContentType">Its media type, judged by the content (<see cref="DocumentType.Allowed"/>).</param>
/// <param name="Size">Its length in bytes (1..<see cref="DocumentLimits.MaxBytes"/>).</param>
public sealed record DocumentRecord(string Sha256, DocumentKind Kind, string FileName, string ContentType, long Size);
