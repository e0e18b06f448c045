namespace PvoFinance.Grains.Contracts;

/// <summary>How a ledger request ended.</summary>
public enum LedgerReplyStatus
{
    /// <summary>A new entry was made and is durable.</summary>
    Committed,
    /// <summary>The key was seen before with the same content; <see cref="LedgerReply.Entry"/> is the original entry.</summary>
    Replayed,
    /// <summary>Refused; nothing changed.</summary>
    Rejected,
}

/// <summary>A refusal: code, field and reason.</summary>
[GenerateSerializer, Immutable]
public sealed record RejectionDto([property: Id(0)] string Code, [property: Id(1)] string Field, [property: Id(2)] string Message);

/// <summary>The answer to a <see cref="LedgerRequest"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record LedgerReply([property: Id(0)] LedgerReplyStatus Status, [property: Id(1)] EntryDto? Entry, [property: Id(2)] RejectionDto? Rejection)
{
    /// <summary>True for committed and replayed requests.</summary>
    public bool Succeeded => Status != LedgerReplyStatus.Rejected;
}
