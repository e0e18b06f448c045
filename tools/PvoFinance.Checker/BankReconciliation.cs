using System.Net;
using System.Text.Json;

namespace PvoFinance.Checker;

/// <summary>
/// The reconciliation line per bank account that <c>./check.sh</c> prints: for every account with an imported statement,
/// the ledger's figure against the last statement's closing balance (<c>GET /api/bank/accounts/{iban}/reconciliation</c>).
/// Printed for the treasurer to read, not counted as a violation: a difference the unbooked lines explain is the queue of
/// work, and one they do not explain (a receipt booked by hand that no statement shows yet) needs a person to look.
/// </summary>
public static class BankReconciliation
{
    private const int MaxAccounts = 1_000;

    /// <summary>One line per account, e.g. <c>reconciliation NL91ABNA0417164300 2026-12-03 statement=1000.00 ledger=990.00 difference=10.00 unbooked=10.00 (1 lines) reconciles</c>.</summary>
    public static async Task<IReadOnlyList<string>> LinesAsync(HttpClient http, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var accounts = new SortedSet<string>(StringComparer.Ordinal);
        string? after = null;
        do
        {
            using var page = await http.GetAsync("api/bank/statements?limit=50" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)), cancellationToken);
            if (!page.IsSuccessStatusCode)
            {
                // A deployment without the statement import, or a caller who may not list: nothing to reconcile here.
                return page.StatusCode == HttpStatusCode.NotFound ? [] : [$"reconciliation not read: the statements answered {(int)page.StatusCode}"];
            }
            using var json = JsonDocument.Parse(await page.Content.ReadAsStringAsync(cancellationToken));
            foreach (var item in json.RootElement.GetProperty("items").EnumerateArray())
            {
                accounts.Add(item.GetProperty("account").GetString()!);
            }
            after = json.RootElement.GetProperty("next").GetString();
        }
        while (after is not null && accounts.Count < MaxAccounts);

        var lines = new List<string>(accounts.Count);
        foreach (var iban in accounts)
        {
            using var reply = await http.GetAsync($"api/bank/accounts/{iban}/reconciliation", cancellationToken);
            if (!reply.IsSuccessStatusCode)
            {
                lines.Add($"reconciliation {iban} not readable ({(int)reply.StatusCode})");
                continue;
            }
            using var json = JsonDocument.Parse(await reply.Content.ReadAsStringAsync(cancellationToken));
            var r = json.RootElement;
            string S(string name) => r.GetProperty(name).GetString() ?? "";
            lines.Add($"reconciliation {iban} {S("date")} statement={S("statement")} ledger={S("ledger")} difference={S("difference")} "
                + $"unbooked={S("unmatched")} ({r.GetProperty("unmatchedLines").GetInt32()} lines) "
                + (r.GetProperty("reconciles").GetBoolean() ? "reconciles" : $"UNEXPLAINED {S("unexplained")}"));
        }
        return lines;
    }
}
