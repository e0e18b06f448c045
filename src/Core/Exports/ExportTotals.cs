namespace PvoFinance.Exports;

/// <summary>What an export held: its rows, the total of every amount column, totals grouped by chosen columns, and the file's digest.</summary>
/// <param name="Rows">Data rows (the header not counted).</param>
/// <param name="Bytes">The file's length in bytes.</param>
/// <param name="Sha256">The SHA-256 of the file, lower-case hex.</param>
/// <param name="Columns">The total in cents of each amount column, by title.</param>
/// <param name="Groups">For each grouping column, the total in cents of the first amount column per value.</param>
/// <param name="Accounts">Per <c>&lt;journal&gt;/&lt;account&gt;</c>: debits, credits and net in cents (transactions only; empty otherwise).</param>
public sealed record ExportTotals(
    long Rows,
    long Bytes,
    string Sha256,
    IReadOnlyDictionary<string, long> Columns,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Groups,
    IReadOnlyDictionary<string, AccountTotals> Accounts);

/// <summary>One account's movements in an export.</summary>
/// <param name="Debits">Cents debited.</param>
/// <param name="Credits">Cents credited.</param>
public sealed record AccountTotals(long Debits, long Credits)
{
    /// <summary>Debits less credits: the change of the account's balance the file shows.</summary>
    public long Net => Debits - Credits;
}
