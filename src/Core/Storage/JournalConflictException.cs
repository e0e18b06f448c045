namespace PvoFinance.Storage;

/// <summary>
/// Thrown when an append finds that the journal moved on since it was read (another writer, or a
/// previous attempt that did commit). Nothing was written. The writer must reload before going on.
/// </summary>
public sealed class JournalConflictException(string journalId, long expectedVersion, string message)
    : Exception($"Journal '{journalId}' is not at version {expectedVersion}: {message}")
{
    /// <summary>The journal whose append was refused.</summary>
    public string JournalId { get; } = journalId;

    /// <summary>The version the writer believed the journal had.</summary>
    public long ExpectedVersion { get; } = expectedVersion;
}
