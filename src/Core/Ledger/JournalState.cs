namespace PvoFinance.Ledger;

/// <summary>A journal's derived state at <see cref="Version"/>: what a snapshot holds.</summary>
/// <param name="Version">The sequence of the last entry it includes.</param>
/// <param name="HeadHash">That entry's hash.</param>
/// <param name="Balances">Every account's balance.</param>
/// <param name="OpenReservations">Reservations still open.</param>
/// <param name="ReversedKeys">Keys of entries that were reversed.</param>
/// <param name="MovementTotals">The running totals for the figures; null in a snapshot written before they existed
/// (the journal then completes them once from its entries, see <see cref="Journal.CompleteTotals"/>).</param>
/// <param name="KeyFilter">The <see cref="Ledger.KeyFilter"/> of every key up to <paramref name="Version"/> as base64; null in snapshots of the older format (their keys are read from storage once).</param>
/// <param name="KeysWithoutRowsThrough">Entries up to this sequence were stored before keys had rows of their own.</param>
public sealed record JournalState(
    long Version,
    string HeadHash,
    IReadOnlyList<AccountBalance> Balances,
    IReadOnlyList<Reservation> OpenReservations,
    IReadOnlyList<string> ReversedKeys,
    IReadOnlyList<MovementTotal>? MovementTotals = null,
    string? KeyFilter = null,
    long KeysWithoutRowsThrough = 0);
