namespace PvoFinance.Documents;

/// <summary>Explicit bounds on uploaded documents (docs/documents.md).</summary>
public static class DocumentLimits
{
    /// <summary>The largest document accepted, in bytes (10 MiB): a scanned report fits, a video does not.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>The most documents one application holds; a new version is a new document, so this also bounds versions.</summary>
    public const int MaxDocumentsPerApplication = 50;

    /// <summary>
    /// The most files the document store holds for one application, recorded or not: the recorded documents and room for
    /// as many stored without their history entry (a crash between storing and recording; uploading the same bytes again
    /// records it). The lists read this many, so a recorded document is never cut off by unrecorded ones, and an upload of
    /// new bytes is refused once the store holds this many.
    /// </summary>
    public const int MaxStoredPerApplication = 2 * MaxDocumentsPerApplication;

    /// <summary>The longest file name kept, in characters.</summary>
    public const int MaxFileNameLength = 120;

    /// <summary>The most documents one accountability refers to.</summary>
    public const int MaxReferences = 20;
}
