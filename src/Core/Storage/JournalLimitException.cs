namespace PvoFinance.Storage;

/// <summary>
/// Thrown before any I/O when an append would break one of <see cref="JournalLimits"/> or an Azure
/// Table limit. Azurite accepts some things Azure refuses, so the check lives in our code.
/// </summary>
public sealed class JournalLimitException(string message) : Exception(message);
