using System.Security.Cryptography;
using System.Text;

namespace PvoFinance.Banking;

/// <summary>A receipt to book for a matched credit line, through the funding source's receipt path.</summary>
/// <param name="Line">The statement line it books.</param>
/// <param name="ReceiptId">The receipt's key, derived from the bank's entry key: booking it twice is recognised by the ledger.</param>
/// <param name="SourceId">The levy source.</param>
/// <param name="Year">The invoiced year.</param>
/// <param name="Debtor">The municipality code.</param>
/// <param name="Amount">What the line pays of the invoice (at most what was owed).</param>
/// <param name="Excess">What the line paid above that: to refund, never income.</param>
public sealed record StatementReceipt(int Line, string ReceiptId, string SourceId, int Year, string Debtor, Money Amount, Money Excess);

/// <summary>
/// Turns a statement's certain credit matches into receipts. The receipt id is a hash of the account and the bank's
/// entry key, so importing the same statement again — whole, or after an import that stopped half-way — produces the
/// same ids and the ledger books each line once.
/// </summary>
public static class StatementReceipts
{
    /// <summary>How every receipt id made from a statement line starts (a hash follows: not a reference to show).</summary>
    public const string IdPrefix = "bank-";

    /// <summary>True for an id <see cref="ReceiptId(Iban, string)"/> made (a hash); a receipt id typed by hand is the treasurer's own reference.</summary>
    public static bool IsStatementReceiptId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id.Length == IdPrefix.Length + 40 && id.StartsWith(IdPrefix, StringComparison.Ordinal)
            && !id.AsSpan(IdPrefix.Length).ContainsAnyExcept("0123456789abcdef");
    }

    /// <summary>The receipt id of <paramref name="line"/> of a statement of <paramref name="account"/> (receipt ids allow no ':' or '/').</summary>
    public static string ReceiptId(Iban account, StatementLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return ReceiptId(account, line.EntryKey(account));
    }

    /// <summary>The receipt id of the line booked under <paramref name="entryKey"/> (<see cref="StatementLine.EntryKey"/>), as stored with the line.</summary>
    public static string ReceiptId(Iban account, string entryKey)
    {
        var key = account.Value + "|" + entryKey;
        return IdPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..40];
    }

    /// <summary>The receipts for the matched credit lines of <paramref name="statement"/> that pay one of <paramref name="invoices"/>.</summary>
    public static IReadOnlyList<StatementReceipt> Plan(Statement statement, IReadOnlyList<LineMatch> matches, IEnumerable<MatchLevyReceivable> invoices)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var byId = invoices.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var receipts = new List<StatementReceipt>();
        foreach (var match in matches)
        {
            var line = statement.Lines[match.Line - 1];
            if (match.State != MatchState.Matched || line.Direction != StatementDirection.Credit || match.Target is null
                || !byId.TryGetValue(match.Target, out var invoice) || match.Applied <= Money.Zero)
            {
                continue;
            }
            receipts.Add(new StatementReceipt(line.Number, ReceiptId(statement.Account, line), invoice.SourceId, invoice.Year,
                invoice.MunicipalityCode, match.Applied, match.Excess));
        }
        return receipts;
    }
}
