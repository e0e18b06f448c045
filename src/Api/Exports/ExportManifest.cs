using PvoFinance.Exports;

namespace PvoFinance.Api.Exports;

/// <summary>What an export file holds, to check it against: its rows, its totals, its scope and date, and its SHA-256.</summary>
/// <param name="Export">transactions, projects or grants-360giving.</param>
/// <param name="File">The file's name.</param>
/// <param name="Scope">The scope exported.</param>
/// <param name="From">First value date, if any.</param>
/// <param name="To">Last value date, if any.</param>
/// <param name="AsOf">The ledger as it stood at the end of this day (Europe/Amsterdam).</param>
/// <param name="Dialect">canonical or excel-nl.</param>
/// <param name="Rows">Data rows.</param>
/// <param name="Bytes">The file's size.</param>
/// <param name="Sha256">The SHA-256 of the file, lower-case hex.</param>
/// <param name="Columns">The column titles.</param>
/// <param name="Totals">The total of each amount column.</param>
/// <param name="TotalsBy">Totals of the first amount column by the values of grouping columns (IATI type, Awb phase, source, …).</param>
/// <param name="Accounts">Per <c>&lt;journal&gt;/&lt;account&gt;</c>: debits, credits and net (transactions only).</param>
/// <param name="Source">Where it comes from.</param>
public sealed record ExportManifest(
    string Export,
    string File,
    string Scope,
    string? From,
    string? To,
    string AsOf,
    string Dialect,
    long Rows,
    long Bytes,
    string Sha256,
    IReadOnlyList<string> Columns,
    IReadOnlyDictionary<string, string> Totals,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> TotalsBy,
    IReadOnlyDictionary<string, AccountTotalsView> Accounts,
    string Source = "PvoFinance ledger");

/// <summary>One account's movements in a manifest, as exact amounts.</summary>
/// <param name="Debits">Debited.</param>
/// <param name="Credits">Credited.</param>
/// <param name="Net">Debits less credits.</param>
public sealed record AccountTotalsView(string Debits, string Credits, string Net);

/// <summary>The result of checking a file against the ledger.</summary>
/// <param name="Matches">True when the file is exactly the export, every account it fully holds equals the ledger, and every chain is intact.</param>
/// <param name="Rows">Rows the export has.</param>
/// <param name="FirstDifference">Where the file first differs from the export, if it does.</param>
/// <param name="AccountsChecked">Accounts whose totals were compared with the ledger's balances.</param>
/// <param name="AccountMismatches">Accounts whose file totals differ from the ledger (at most 20).</param>
/// <param name="BrokenChains">Journals whose hash chain does not verify.</param>
/// <param name="Manifest">The manifest of the export the file was checked against.</param>
public sealed record ExportVerification(
    bool Matches,
    long Rows,
    CsvDifference? FirstDifference,
    int AccountsChecked,
    IReadOnlyList<AccountMismatch> AccountMismatches,
    IReadOnlyList<string> BrokenChains,
    ExportManifest Manifest);

/// <summary>An account whose total in the export differs from the ledger's balance movement.</summary>
/// <param name="Account"><c>&lt;journal&gt;/&lt;account&gt;</c>.</param>
/// <param name="InFile">Net in the file.</param>
/// <param name="InLedger">Net movement in the ledger over the period, as of the date.</param>
public sealed record AccountMismatch(string Account, string InFile, string InLedger);
