using NodaTime;
using PvoFinance.Ledger;

namespace PvoFinance.Grains.Contracts;

/// <summary>One leg of an entry as the outside sees it: an account id and a signed amount in cents (positive debits, negative credits).</summary>
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
/// A ledger command as it travels to a grain, in the core's own types (<see cref="Posting"/>, <see cref="Money"/>,
/// <see cref="LocalDate"/>; surrogates in <c>Serialization</c> carry them), so nothing is parsed twice: whoever builds
/// a request has already turned text into values (the API answers a malformed field with a problem naming it).
/// <see cref="LedgerRequestMapper"/> only checks the shape (counts, a default account) and builds the core command.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LedgerRequest
{
    /// <summary>What to do.</summary>
    [Id(0)] public required LedgerRequestKind Kind { get; init; }

    /// <summary>The idempotency key.</summary>
    [Id(1)] public required string Key { get; init; }

    /// <summary>The value date.</summary>
    [Id(2)] public required LocalDate ValueDate { get; init; }

    /// <summary>Legs, for <see cref="LedgerRequestKind.Post"/> and <see cref="LedgerRequestKind.Reserve"/>.</summary>
    [Id(3)] public IReadOnlyList<Posting> Postings { get; init; } = [];

    /// <summary>The reservation to post or void.</summary>
    [Id(4)] public string? ReservationKey { get; init; }

    /// <summary>The entry to reverse.</summary>
    [Id(5)] public string? EntryKey { get; init; }

    /// <summary>The amount to post of a reservation; null posts everything still reserved.</summary>
    [Id(6)] public Money? Amount { get; init; }

    /// <summary>Audit text.</summary>
    [Id(7)] public string? Memo { get; init; }

    /// <summary>
    /// In a batch (<see cref="ILedgerGrain.Submit"/>): this entry is linked to the next, so the two (and the rest of the
    /// chain) succeed or fail as a unit. Ignored by <see cref="ILedgerGrain.Execute"/> and the all-or-none batch.
    /// </summary>
    [Id(8)] public bool LinkedToNext { get; init; }
}
