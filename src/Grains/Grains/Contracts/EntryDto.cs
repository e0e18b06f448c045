namespace PvoFinance.Grains.Contracts;

/// <summary>A pending (reserved) change in an entry.</summary>
[GenerateSerializer, Immutable]
public sealed record PendingDto([property: Id(0)] string Account, [property: Id(1)] long Cents, [property: Id(2)] bool Release);

/// <summary>A committed journal entry as the outside sees it.</summary>
[GenerateSerializer, Immutable]
public sealed record EntryDto
{
    /// <summary>The journal it belongs to.</summary>
    [Id(0)] public required string JournalId { get; init; }
    /// <summary>1-based position in the journal.</summary>
    [Id(1)] public required long Sequence { get; init; }
    /// <summary>The idempotency key.</summary>
    [Id(2)] public required string Key { get; init; }
    /// <summary>Posted, Reserve, PostReservation, VoidReservation or Reversal.</summary>
    [Id(3)] public required string Kind { get; init; }
    /// <summary>ISO value date.</summary>
    [Id(4)] public required string ValueDate { get; init; }
    /// <summary>ISO instant it was recorded.</summary>
    [Id(5)] public required string RecordedAt { get; init; }
    /// <summary>Reservation or reversed entry key.</summary>
    [Id(6)] public string? Reference { get; init; }
    /// <summary>Posted legs.</summary>
    [Id(7)] public required IReadOnlyList<PostingDto> Postings { get; init; }
    /// <summary>Pending changes.</summary>
    [Id(8)] public required IReadOnlyList<PendingDto> Pending { get; init; }
    /// <summary>Audit text.</summary>
    [Id(9)] public string? Memo { get; init; }
    /// <summary>Hash of the previous entry.</summary>
    [Id(10)] public required string PreviousHash { get; init; }
    /// <summary>This entry's hash.</summary>
    [Id(11)] public required string Hash { get; init; }
}
