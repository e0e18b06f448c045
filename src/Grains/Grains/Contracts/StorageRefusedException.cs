namespace PvoFinance.Grains.Contracts;

/// <summary>
/// Storage refused a grain's state for good: it is too large for one table entity, or the service called it invalid.
/// Unlike <see cref="LedgerUnavailableException"/> the same request again fails the same way, so the API must not
/// answer "briefly unavailable, retry": it answers 507 with this message. Nothing was stored.
/// </summary>
[GenerateSerializer]
public sealed class StorageRefusedException : Exception
{
    /// <summary>Creates the exception with a message that names the state and the limit it broke.</summary>
    public StorageRefusedException(string message) : base(message) { }
}
