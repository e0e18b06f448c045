namespace PvoFinance.Grains.Contracts;

/// <summary>One leg of a request: an account id and a signed amount in cents (positive debits, negative credits).</summary>
[GenerateSerializer, Immutable]
public sealed record PostingDto([property: Id(0)] string Account, [property: Id(1)] long Cents);

/// <summary>What a request asks the ledger to do.</summary>
public enum LedgerRequestKind
{
    /// <summary>Post at once.</summary>
    Post,
    /// <summary>Reserve (first phase).</summary>
    Reserve,
    /// <summary>Post (part of) a reservation.</summary>
    PostReservation,
    /// <summary>Void what is left of a reservation.</summary>
    VoidReservation,
    /// <summary>Reverse a posted entry.</summary>
    Reverse,
}

/// <summary>
/// A ledger command as it travels to a grain: plain strings and cents, so the wire format carries no core types.
/// <see cref="LedgerRequestMapper"/> turns it into a core command, refusing anything malformed.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LedgerRequest
{
    /// <summary>What to do.</summary>
    [Id(0)] public required LedgerRequestKind Kind { get; init; }

    /// <summary>The idempotency key.</summary>
    [Id(1)] public required string Key { get; init; }

    /// <summary>The value date, ISO <c>yyyy-MM-dd</c>.</summary>
    [Id(2)] public required string ValueDate { get; init; }

    /// <summary>Legs, for <see cref="LedgerRequestKind.Post"/> and <see cref="LedgerRequestKind.Reserve"/>.</summary>
    [Id(3)] public IReadOnlyList<PostingDto> Postings { get; init; } = [];

    /// <summary>The reservation to post or void.</summary>
    [Id(4)] public string? ReservationKey { get; init; }

    /// <summary>The entry to reverse.</summary>
    [Id(5)] public string? EntryKey { get; init; }

    /// <summary>Cents to post of a reservation; null posts everything still reserved.</summary>
    [Id(6)] public long? AmountCents { get; init; }

    /// <summary>Audit text.</summary>
    [Id(7)] public string? Memo { get; init; }
}
