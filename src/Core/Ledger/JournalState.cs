namespace PvoFinance.Ledger;

/// <summary>A journal's derived state at <see cref="Version"/>: what a snapshot holds.</summary>
public sealed record JournalState(
    long Version,
    string HeadHash,
    IReadOnlyList<AccountBalance> Balances,
    IReadOnlyList<Reservation> OpenReservations,
    IReadOnlyList<string> ReversedKeys);
