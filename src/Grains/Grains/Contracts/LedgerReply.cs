namespace PvoFinance.Grains.Contracts;

/// <summary>How a ledger request ended.</summary>
public enum LedgerReplyStatus
{
    /// <summary>A new entry was made and is durable.</summary>
    Committed,
    /// <summary>The key was seen before with the same content; the reply names the original entry.</summary>
    Replayed,
    /// <summary>Refused; nothing changed.</summary>
    Rejected,
}

/// <summary>A refusal: code, field and reason.</summary>
[GenerateSerializer, Immutable]
public sealed record RejectionDto([property: Id(0)] string Code, [property: Id(1)] string Field, [property: Id(2)] string Message);

/// <summary>
/// The answer to a <see cref="LedgerRequest"/>: slim — the entry's <see cref="Sequence"/> and <see cref="Hash"/> — unless the
/// caller asked for the whole <see cref="Entry"/> (the HTTP API does, to show it). Why slim: most callers only need to
/// know that the entry is durable and where, and the full entry is most of the bytes of a reply.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LedgerReply([property: Id(0)] LedgerReplyStatus Status, [property: Id(1)] EntryDto? Entry, [property: Id(2)] RejectionDto? Rejection)
{
    /// <summary>The entry's sequence (committed or replayed); 0 when refused.</summary>
    [Id(3)] public long Sequence { get; init; }

    /// <summary>The entry's hash (committed or replayed); null when refused.</summary>
    [Id(4)] public string? Hash { get; init; }

    /// <summary>True for committed and replayed requests.</summary>
    public bool Succeeded => Status != LedgerReplyStatus.Rejected;
}
