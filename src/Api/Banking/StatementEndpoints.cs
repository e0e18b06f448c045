using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using PvoFinance.Access;
using PvoFinance.Api.Auth;
using PvoFinance.Api.Problems;
using PvoFinance.Banking;
using PvoFinance.Grains.Banking;
using PvoFinance.Storage;

namespace PvoFinance.Api.Banking;

/// <summary>
/// <c>/api/bank/statements</c>: a treasurer imports the bank's statement (camt.053 or MT940) of an account; certain matches
/// are booked at once, the rest wait as lines to confirm or assign. The account's scope is that of the party whose bank
/// details carry its IBAN (<see cref="StatementParties"/>): reading follows <see cref="AccessRules.CanRead"/>, importing and
/// deciding lines <see cref="AccessRules.CanRecord"/> (a treasurer in reach, or the owner's own role), as for a receipt by hand.
/// </summary>
public static class StatementEndpoints
{
    private const int DefaultPage = 20;
    private const int MaxPage = 50;

    /// <summary>Maps the statement endpoints on the authenticated <c>/api</c> group.</summary>
    public static RouteGroupBuilder MapBankStatementsApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/bank").WithTags("Bank statements");
        group.MapPost("/statements", Import)
            .WithSummary($"Import a bank statement: the raw file as the body (camt.053 or MT940, at most {Statement.MaxBytes / (1024 * 1024)} MB, {Statement.MaxLines} lines), "
                + "?format=camt053|mt940 or sniffed. Certain matches are booked; the same statement again books nothing and answers it (200).")
            .Accepts<byte[]>("application/octet-stream", "application/xml", "text/xml", "text/plain")
            .Produces<StatementView>(StatusCodes.Status201Created).Produces<StatementView>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/statements", List)
            .WithSummary($"The imported statements the caller may read, by account and closing date (?account=IBAN, ?after=<statementId>, ?limit=1..{MaxPage}).")
            .Produces<StatementPageView>().ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/statements/{id}", Get)
            .WithSummary("A statement with every line's verdict, and the open receivables its credits can be assigned to.")
            .Produces<StatementView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/statements/{id}/lines/{line}/confirm", Confirm)
            .WithSummary("Book a proposed line to its proposed receivable. Idempotent.")
            .Produces<StatementView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/statements/{id}/lines/{line}/assign", Assign)
            .WithSummary("Book an unmatched (or proposed) credit to an open receivable: {\"receivable\": \"source/year/GMxxxx\"}. Idempotent; an overpayment's excess is owed back.")
            .Produces<StatementView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/accounts/{iban}/reconciliation", ReconciliationEndpoints.Reconcile)
            .WithSummary("The ledger's figure of a bank account against the closing balance of its last statement up to ?date= (default today), and the lines not booked.")
            .Produces<ReconciliationView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<IResult> Import([FromQuery] string? format, HttpContext http, CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        if (format is not (null or "camt053" or "mt940"))
        {
            return ApiProblems.Invalid("format", "format is camt053 or mt940, or left out to be recognised from the file.");
        }
        if (http.Request.ContentLength is > Statement.MaxBytes)
        {
            return TooLarge();
        }
        // Read at most one byte more than the limit: a body without a length cannot make the server hold more.
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > Statement.MaxBytes)
            {
                return TooLarge();
            }
            buffer.Write(chunk, 0, read);
        }
        var file = buffer.ToArray();
        // Read here first, so a bad file is refused before anything is asked of the account (the grain reads it again).
        if (!StatementReader.TryRead(file, format is null ? null : format == "camt053" ? StatementFormat.Camt053 : StatementFormat.Mt940, out var statement, out var error))
        {
            return Problem(StatementReply.Refused(400, error!.Field, error.Reason, error.Location));
        }
        var grain = grains.GetGrain<IBankStatementGrain>(statement!.Account.Value);
        if (await Guard(grain, caller, rules, rules.Record) is { } denied)
        {
            return denied;
        }
        var reply = await grain.Import(file, format, Who(http));
        if (reply.Header is null)
        {
            return Problem(reply);
        }
        var view = StatementViews.From(reply, null);
        return reply.Created ? Results.Created($"/api/bank/statements/{reply.Header.Id}", view) : Results.Ok(view);
    }

    private static async Task<IResult> List([FromQuery] string? account, [FromQuery] string? after, [FromQuery] string? limit, CurrentCaller caller,
        AccessRules rules, IGrainFactory grains)
    {
        var prefix = "";
        if (account is not null)
        {
            if (!Iban.TryParse(account, out var iban, out var why))
            {
                return ApiProblems.Invalid("account", why ?? "account is an IBAN.");
            }
            prefix = iban.Value + "-";
        }
        if (after is not null && StatementIds.AccountOf(after) is null)
        {
            return ApiProblems.Invalid("after", "after is the statementId of the last statement of the page before.");
        }
        var size = DefaultPage;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPage))
        {
            return ApiProblems.Invalid("limit", $"limit is a whole number of statements, 1..{MaxPage}.");
        }
        // Statements of accounts the caller may not read are left out; a few store pages fill the caller's page.
        var reader = grains.GetGrain<IStatementReaderGrain>(0);
        var items = new List<StatementHeaderRow>();
        var more = false;
        for (var round = 0; round < 10 && items.Count < size; round++)
        {
            var page = await reader.Page(prefix, after, MaxPage);
            foreach (var header in page.Rows)
            {
                after = header.Id;
                if (Scope.TryParse(header.Scope, out var owner) && rules.CanRead(caller.Caller, owner))
                {
                    items.Add(header);
                    if (items.Count == size)
                    {
                        break;
                    }
                }
            }
            more = page.More || (items.Count == size && page.Rows.Count > 0 && page.Rows[^1].Id != after);
            if (!page.More)
            {
                break;
            }
        }
        var lines = await Task.WhenAll(items.Select(h => grains.GetGrain<IBankStatementGrain>(h.Account).Get(h.Id)));
        return Results.Ok(new StatementPageView([.. items.Select((h, i) => StatementViews.Summary(h, lines[i].Lines))], more && items.Count > 0 ? items[^1].Id : null));
    }

    private static async Task<IResult> Get(string id, CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        if (StatementIds.AccountOf(id) is not { } iban)
        {
            return NoStatement(id);
        }
        var grain = grains.GetGrain<IBankStatementGrain>(iban.Value);
        var reply = await grain.Get(id);
        if (reply.Header is null)
        {
            return Problem(reply);
        }
        if (!Scope.TryParse(reply.Header.Scope, out var owner) || rules.Read(caller, owner) is not null)
        {
            return NoStatement(id);
        }
        return Results.Ok(StatementViews.From(reply, await grain.OpenReceivables()));
    }

    private static Task<IResult> Confirm(string id, string line, HttpContext http, CurrentCaller caller, AccessRules rules, IGrainFactory grains) =>
        Decide(id, line, caller, rules, grains, (grain, n) => grain.Confirm(id, n, Who(http)));

    private static async Task<IResult> Assign(string id, string line, StatementAssignBody? body, HttpContext http, CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        if (body?.Receivable is not { Length: > 0 and <= 200 } receivable)
        {
            return ApiProblems.Invalid("receivable", "receivable is the id of an open receivable, e.g. levy-limburg/2026/GM0983.");
        }
        return await Decide(id, line, caller, rules, grains, (grain, n) => grain.Assign(id, n, receivable, Who(http)));
    }

    private static async Task<IResult> Decide(string id, string line, CurrentCaller caller, AccessRules rules, IGrainFactory grains,
        Func<IBankStatementGrain, int, Task<StatementReply>> decide)
    {
        if (StatementIds.AccountOf(id) is not { } iban)
        {
            return NoStatement(id);
        }
        if (!int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > Statement.MaxLines)
        {
            return ApiProblems.NotFound("line", $"A line is a number from 1 to {Statement.MaxLines}.");
        }
        var grain = grains.GetGrain<IBankStatementGrain>(iban.Value);
        var current = await grain.Get(id);
        if (current.Header is null || !Scope.TryParse(current.Header.Scope, out var owner) || !rules.CanRead(caller.Caller, owner))
        {
            return NoStatement(id);
        }
        if (rules.Record(caller, owner) is { } denied)
        {
            return denied;
        }
        var reply = await decide(grain, number);
        return reply.Header is null ? Problem(reply) : Results.Ok(StatementViews.From(reply, await grain.OpenReceivables()));
    }

    /// <summary>The account's scope from its parties, then <paramref name="guard"/>; 422 when no party carries the IBAN.</summary>
    internal static async Task<IResult?> Guard(IBankStatementGrain grain, CurrentCaller caller, AccessRules rules, Func<CurrentCaller, Scope, IResult?> guard)
    {
        var parties = await grain.Parties();
        if (parties.Scope is null || !Scope.TryParse(parties.Scope, out var owner))
        {
            return ApiProblems.Refused(StatusCodes.Status422UnprocessableEntity, "UnknownAccount", "account",
                "No region, funding source or intermediary has this IBAN as its bank account; record the account first.");
        }
        return guard(caller, owner);
    }

    /// <summary>The problem of a refused reply: the status the grain chose, the field, and for a file the entry or line.</summary>
    internal static IResult Problem(StatementReply reply)
    {
        var detail = reply.Location is null ? reply.Reason! : $"{reply.Location}, {reply.Field}: {reply.Reason}";
        var extensions = new Dictionary<string, object?>
        {
            ["code"] = reply.Status switch { 400 => "Invalid", 404 => "NotFound", 409 => "Conflict", _ => "Refused" },
            ["field"] = reply.Field,
            ["errors"] = new Dictionary<string, string[]> { [reply.Field ?? "file"] = [reply.Reason ?? ""] },
        };
        if (reply.Location is not null)
        {
            extensions["location"] = reply.Location;
        }
        var title = reply.Status switch
        {
            400 => "The statement is not valid; nothing was booked.",
            404 => "Not found.",
            409 => "It conflicts with the current state.",
            _ => "Refused.",
        };
        return Results.Problem(statusCode: reply.Status, title: title, detail: detail, extensions: extensions);
    }

    /// <summary>Who acts, as the token names them (its subject), for the statement's record.</summary>
    private static string Who(HttpContext http) => http.User.FindFirst("sub")?.Value is { Length: > 0 } sub ? (sub.Length <= 100 ? sub : sub[..100]) : "unknown";

    private static IResult NoStatement(string id) => ApiProblems.NotFound("id", $"No statement '{(id.Length <= 60 ? id : id[..60] + "...")}'.");

    private static IResult TooLarge() =>
        ApiProblems.Malformed(StatusCodes.Status413PayloadTooLarge, "file", $"A statement file has at most {Statement.MaxBytes / (1024 * 1024)} MB.");
}
