namespace PvoFinance.Ledger;

/// <summary>
/// One running total a journal keeps for the figures (docs/ledger.md, "Figures"): every cent its entries with a value
/// date in <see cref="ValueYear"/> moved from <see cref="Debit"/> to <see cref="Credit"/> (posted legs paired by
/// <see cref="LegPairing"/>); or, with <see cref="Credit"/> null, what pending debit legs on <see cref="Debit"/> still
/// hold (reserved, less what posts and voids released).
/// </summary>
/// <param name="Debit">The debited account (or the account whose pending debits are held).</param>
/// <param name="Credit">The credited account; null for a pending total.</param>
/// <param name="ValueYear">The year of the entries' value date.</param>
/// <param name="Cents">The total, in cents.</param>
public sealed record MovementTotal(string Debit, string? Credit, int ValueYear, long Cents);
