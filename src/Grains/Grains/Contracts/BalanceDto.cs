namespace PvoFinance.Grains.Contracts;

/// <summary>An account's balance: the four running totals in cents, plus what is still available under its limit.</summary>
[GenerateSerializer, Immutable]
public sealed record BalanceDto(
    [property: Id(0)] string Account,
    [property: Id(1)] string Type,
    [property: Id(2)] long DebitsPosted,
    [property: Id(3)] long CreditsPosted,
    [property: Id(4)] long DebitsPending,
    [property: Id(5)] long CreditsPending,
    [property: Id(6)] long PostedBalance,
    [property: Id(7)] long Available);

/// <summary>A journal's head and size.</summary>
[GenerateSerializer, Immutable]
public sealed record JournalSummaryDto(
    [property: Id(0)] string JournalId,
    [property: Id(1)] long Version,
    [property: Id(2)] string HeadHash,
    [property: Id(3)] int OpenReservations,
    [property: Id(4)] int Accounts);

/// <summary>The result of verifying a journal's hash chain.</summary>
[GenerateSerializer, Immutable]
public sealed record ChainReportDto(
    [property: Id(0)] string JournalId,
    [property: Id(1)] bool Intact,
    [property: Id(2)] long EntriesChecked,
    [property: Id(3)] long? FirstBrokenSequence,
    [property: Id(4)] string? Reason,
    [property: Id(5)] string HeadHash);
