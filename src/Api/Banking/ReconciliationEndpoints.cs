using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using NodaTime.Text;
using PvoFinance.Access;
using PvoFinance.Api.Auth;
using PvoFinance.Api.Problems;
using PvoFinance.Banking;
using PvoFinance.Grains.Banking;

namespace PvoFinance.Api.Banking;

/// <summary>
/// <c>GET /api/bank/accounts/{iban}/reconciliation</c>: the ledger's figure of a bank account against the bank's closing
/// balance (see <see cref="ReconciliationFigure"/> and docs/banking.md). Read access to the account's scope.
/// </summary>
public static class ReconciliationEndpoints
{
    /// <summary>The reconciliation of <paramref name="iban"/> on <paramref name="date"/> (ISO, default today).</summary>
    public static async Task<IResult> Reconcile(string iban, [FromQuery] string? date, CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (!Iban.TryParse(iban, out var account, out _))
        {
            return ApiProblems.NotFound("iban", "No bank account with this IBAN; an IBAN passes its mod-97 check, e.g. NL91ABNA0417164300.");
        }
        if (date is not null && !LocalDatePattern.Iso.Parse(date).Success)
        {
            return ApiProblems.Invalid("date", "date is a date like 2026-12-31.");
        }
        var grain = grains.GetGrain<IBankStatementGrain>(account.Value);
        var parties = await grain.Parties();
        if (parties.Scope is null || !Scope.TryParse(parties.Scope, out var owner))
        {
            return ApiProblems.NotFound("iban", "No region, funding source or intermediary has this IBAN as its bank account.");
        }
        if (rules.Read(caller, owner) is { } denied)
        {
            return denied;
        }
        return Results.Ok(StatementViews.From(await grain.Reconcile(date)));
    }
}
