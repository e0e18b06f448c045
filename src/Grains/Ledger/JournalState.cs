namespace PvoFinance.Ledger;

/// <summary>A journal's derived state at <see cref="Version"/>: what a snapshot holds.</summary>
/// <param name="Version">The last entry the state includes.</param>
/// <param name="HeadHash">That entry's hash.</param>
/// <param name="Balances">Every account's balance.</param>
/// <param name="OpenReservations">Reservations still open.</param>
/// <param name="ReversedKeys">Keys of reversed entries.</param>
/// <param name="KeyFilter">The <see cref="Ledger.KeyFilter"/> of every key up to <paramref name="Version"/> as base64; null in snapshots of the older format (their keys are read from storage once).</param>
/// <param name="KeysWithoutRowsThrough">Entries up to this sequence were stored before keys had rows of their own.</param>
public sealed record JournalState(
    long Version,
    string HeadHash,
    IReadOnlyList<AccountBalance> Balances,
    IReadOnlyList<Reservation> OpenReservations,
    IReadOnlyList<string> ReversedKeys,
    string? KeyFilter = null,
    long KeysWithoutRowsThrough = 0);
