namespace PvoFinance.Documents;

/// <summary>Explicit bounds on uploaded documents (docs/documents.md).</summary>
public static class DocumentLimits
{
    /// <summary>The largest document accepted, in bytes (10 MiB): a scanned report fits, a video does not.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>The most documents one application holds; a new version is a new document, so this also bounds versions.</summary>
    public const int MaxDocumentsPerApplication = 50;

    /// <summary>The longest file name kept, in characters.</summary>
    public const int MaxFileNameLength = 120;

    /// <summary>The most documents one accountability refers to.</summary>
    public const int MaxReferences = 20;
}
