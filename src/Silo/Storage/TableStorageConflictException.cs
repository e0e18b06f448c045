using Orleans.Storage;

namespace PvoFinance.Silo.Storage;

/// <summary>
/// The stored row no longer matches the grain's ETag: another activation wrote or cleared it, or it was
/// created concurrently. Deriving from <see cref="InconsistentStateException"/> makes Orleans deactivate
/// the grain when this escapes a grain call, so the next call reloads the state from storage.
/// </summary>
[GenerateSerializer]
public sealed class TableStorageConflictException : InconsistentStateException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was attempted on which row.</param>
    /// <param name="currentETag">The ETag the grain held.</param>
    /// <param name="innerException">The storage failure, if the conflict came from a failed request.</param>
    public TableStorageConflictException(string message, string? currentETag, Exception? innerException)
        : base(message, "Unknown", currentETag ?? "(none)", innerException!)
    {
    }
}
