using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using NodaTime;
using PvoFinance.Banking;
using PvoFinance.Core.Tests.Banking;
using static PvoFinance.Http.Tests.AccessMatrix;
using static PvoFinance.Http.Tests.BankStatementTestKit;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// The statement rows of the matrix: the world's levy source keeps its money on an account of its own; one statement of
/// that account has line 1 paid by the invoice's reference (booked on import) and a line per column with no reference
/// (unmatched), so every allowed assign books a line of its own.
/// </summary>
public sealed partial class AccessMatrixTests
{
    private static readonly SemaphoreSlim BankGate = new(1, 1);
    private static (World World, string Iban, string StatementId)? _bank;

    private static async Task<(string Iban, string StatementId)> BankWorldAsync(World w)
    {
        await BankGate.WaitAsync();
        try
        {
            if (_bank is { } made && made.World == w)
            {
                return (made.Iban, made.StatementId);
            }
            var manager = await w.Fixture.As(Who.Manager(Region));
            var treasurer = await w.Fixture.As(Who.Treasurer("national"));
            var iban = NewIban();
            (await manager.PutJsonAsync($"api/bank-accounts/funding-sources/{w.Levy}", new JsonObject { ["iban"] = iban, ["holder"] = "Matrixheffing" })).Expect(HttpStatusCode.OK);
            var bank = new StatementTestBank(iban, 0, new LocalDate(Y, 2, 27))
                .Credit(1, null, "Alblasserdam", LevyReference.For(w.Levy, Y, World.Debtor).ToString(), bankRef: $"{S}-m");
            foreach (var column in Columns)
            {
                bank.Credit(1, null, "Onbekend", null, column.Key, bankRef: $"{S}-u{column.Key}");
            }
            var imported = (await treasurer.ImportAsync(bank.Camt())).Expect(HttpStatusCode.Created).Json;
            var id = imported.GetProperty("statement").GetProperty("statementId").GetString()!;
            _bank = (w, iban, id);
            return (iban, id);
        }
        finally
        {
            BankGate.Release();
        }
    }

    private static async Task<Request> ImportStatementRequest(World w, Cell c)
    {
        var (iban, _) = await BankWorldAsync(w);
        // A statement of its own per cell: its closing balance (and so its id) differs by the column.
        var file = new StatementTestBank(iban, 0, new LocalDate(Y, 2, 28)).Credit(100 + c.Column, null, "Onbekend", null, c.Tag, bankRef: $"{S}-i{c.Tag}").Camt();
        return new Request(HttpMethod.Post, "api/bank/statements", Encoding.UTF8.GetString(file), [$"api/bank/statements?account={iban}&limit=50"], "application/xml");
    }

    private static async Task<Request> ConfirmLineRequest(World w, Cell c)
    {
        _ = c;
        var (_, id) = await BankWorldAsync(w);
        // Line 1 was booked on import; confirming what is booked answers it again and books nothing.
        return Post($"api/bank/statements/{id}/lines/1/confirm", new JsonObject(), $"api/bank/statements/{id}", $"{Src(w.Levy)}/years/{Y}/invoices") with { Changes = false };
    }

    private static async Task<Request> AssignLineRequest(World w, Cell c)
    {
        var (_, id) = await BankWorldAsync(w);
        return Post($"api/bank/statements/{id}/lines/{2 + c.Column}/assign", new JsonObject { ["receivable"] = $"{w.Levy}/{Y}/{World.Debtor}" },
            $"api/bank/statements/{id}", $"{Src(w.Levy)}/years/{Y}/invoices");
    }
}
