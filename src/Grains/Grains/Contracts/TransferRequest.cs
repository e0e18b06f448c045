namespace PvoFinance.Grains.Contracts;

/// <summary>
/// A movement of money between two journals: <see cref="DebitAccount"/> in <see cref="FromJournal"/> is
/// debited (for a budget: money leaves the ceiling) and <see cref="CreditAccount"/> in <see cref="ToJournal"/>
/// is credited. The transfer id (the grain key) is its idempotency key.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TransferRequest
{
    /// <summary>Journal whose account is debited.</summary>
    [Id(0)] public required string FromJournal { get; init; }
    /// <summary>Account debited in <see cref="FromJournal"/>.</summary>
    [Id(1)] public required string DebitAccount { get; init; }
    /// <summary>Journal whose account is credited.</summary>
    [Id(2)] public required string ToJournal { get; init; }
    /// <summary>Account credited in <see cref="ToJournal"/>.</summary>
    [Id(3)] public required string CreditAccount { get; init; }
    /// <summary>Positive amount in cents.</summary>
    [Id(4)] public required long Cents { get; init; }
    /// <summary>ISO value date.</summary>
    [Id(5)] public required string ValueDate { get; init; }
    /// <summary>Audit text.</summary>
    [Id(6)] public string? Memo { get; init; }
}

/// <summary>Where a transfer stands.</summary>
public enum TransferStatus
{
    /// <summary>Not started.</summary>
    None,
    /// <summary>Both journals hold the movement.</summary>
    Completed,
    /// <summary>Refused; any reservation was voided; no money moved.</summary>
    Rejected,
}

/// <summary>The outcome of a transfer.</summary>
[GenerateSerializer, Immutable]
public sealed record TransferReply(
    [property: Id(0)] string TransferId,
    [property: Id(1)] TransferStatus Status,
    [property: Id(2)] RejectionDto? Rejection,
    [property: Id(3)] long? SourceSequence,
    [property: Id(4)] long? DestinationSequence);
