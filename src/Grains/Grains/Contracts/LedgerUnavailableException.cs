namespace PvoFinance.Grains.Contracts;

/// <summary>
/// The journal could not make the entry durable (storage failed or another writer moved it on). Nothing
/// was reported as done; retrying with the same idempotency key is safe and will not double-count.
/// </summary>
[GenerateSerializer]
public sealed class LedgerUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LedgerUnavailableException(string message, Exception? inner = null) : base(message, inner) { }
}
