using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using NodaTime.Text;
using PvoFinance.Access;
using PvoFinance.Api.Auth;
using PvoFinance.Api.Ledger;
using PvoFinance.Api.Problems;
using PvoFinance.Applications;
using PvoFinance.Banking;
using PvoFinance.Grains.Applications;
using PvoFinance.Grains.Banking;

namespace PvoFinance.Api.Banking;

/// <summary>
/// <c>/api/bank</c>: what is due (<c>payment-candidates</c>) and the SEPA payment batches made of it. A treasurer whose
/// reach covers every payer makes and cancels batches; anyone who may read every payer of a batch reads it and its
/// pain.001 file. Making a batch reserves its items; the payments are booked only when the bank statement confirms them.
/// </summary>
public static class PaymentBatchEndpoints
{
    /// <summary>The most days ahead an execution date may lie (banks accept about a year).</summary>
    public const int MaxDaysAhead = 365;

    /// <summary>The default and the largest page of the batch list.</summary>
    public const int DefaultPageSize = 20, MaxPageSize = 100;

    /// <summary>The most batches one list page looks at (numbers of batches the caller may not read, or never made, are skipped).</summary>
    public const int MaxScannedPerPage = 200;

    /// <summary>Maps the endpoints on the authenticated <c>/api</c> group.</summary>
    public static RouteGroupBuilder MapPaymentBatchesApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/bank").WithTags("Payment batches");
        group.MapGet("/payment-candidates", Candidates)
            .WithSummary("What is due to be paid by a date in the caller's reach: next advances, payments after determination, commitments to regions; each with its accounts, or why bank details are missing, and the open batch holding it.")
            .Produces<PaymentCandidatesView>().ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/payment-batches", Create)
            .WithSummary("Make a SEPA payment batch (pain.001.001.09) of due items (treasurer in reach of every payer): reserves them until cancelled or confirmed by the bank. Honours Idempotency-Key.")
            .Produces<PaymentBatchView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/payment-batches", List)
            .WithSummary("The payment batches the caller may read, newest first, a page at a time (pageSize default 20, at most 100; follow next as before).")
            .Produces<PaymentBatchListView>().ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/payment-batches/{number}", Get)
            .WithSummary("A payment batch with its payments, EndToEndIds and the bank's confirmations.")
            .Produces<PaymentBatchView>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/payment-batches/{number}/pain001", File)
            .WithSummary("The batch's pain.001.001.09 file for the bank (the same bytes every time).")
            .Produces(StatusCodes.Status200OK, contentType: "application/xml").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/payment-batches/{number}/cancel", Cancel)
            .WithSummary("Cancel a batch and release its items (treasurer in reach of every payer); refused once the bank confirmed a payment.")
            .Produces<PaymentBatchView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private static async Task<IResult> Candidates([FromQuery] string? dueBy, HttpContext http, CurrentCaller caller, AccessRules rules, IGrainFactory grains, IClock clock)
    {
        var today = LegalClocks.Today(clock.GetCurrentInstant());
        var date = today;
        if (dueBy is not null && !TryDate(dueBy, out date))
        {
            return ApiProblems.Invalid("dueBy", "dueBy is a date, yyyy-MM-dd.");
        }
        if (ActorOf(http, caller) is not { } actor)
        {
            return ApiProblems.Forbidden("caller", "The token names no user (sub).");
        }
        var (items, truncated) = await PaymentCandidates.LoadAsync(grains, caller.Caller, actor, rules, date);
        var payable = items.Where(Payable).ToList();
        return Results.Ok(new PaymentCandidatesView(Iso(date), Iso(today), items.Count, payable.Count, LedgerViews.Amount(payable.Sum(i => i.View.Cents)),
            [.. items.Select(i => i.View)], truncated));
    }

    private static async Task<IResult> Create(PaymentBatchBody? body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        HttpContext http, CurrentCaller caller, AccessRules rules, IGrainFactory grains, IClock clock)
    {
        if (caller.Role != Role.Treasurer)
        {
            return ApiProblems.Forbidden("scope", "Only a treasurer makes payment batches.");
        }
        if (ActorOf(http, caller) is not { } actor)
        {
            return ApiProblems.Forbidden("caller", "The token names no user (sub).");
        }
        if (idempotencyKey is not null && idempotencyKey.Length is 0 or > 200)
        {
            return ApiProblems.Invalid("Idempotency-Key", "An idempotency key has 1..200 characters.");
        }
        if (body is null)
        {
            return ApiProblems.Invalid("body", "A JSON body with executionDate and items (or dueBy) is required.");
        }
        var today = LegalClocks.Today(clock.GetCurrentInstant());
        if (body.ExecutionDate is null || !TryDate(body.ExecutionDate, out var execution))
        {
            return ApiProblems.Invalid("executionDate", "executionDate is a date, yyyy-MM-dd.");
        }
        if (execution < today)
        {
            return ApiProblems.Invalid("executionDate", $"The execution date {Iso(execution)} lies in the past; the bank executes from today ({Iso(today)}).");
        }
        if (execution > today.PlusDays(MaxDaysAhead))
        {
            return ApiProblems.Invalid("executionDate", $"The execution date lies at most {MaxDaysAhead} days ahead.");
        }
        if ((body.Items is null) == (body.DueBy is null))
        {
            return ApiProblems.Invalid("items", "Give either items (item keys from the payment candidates) or dueBy (every payable item due by that date).");
        }
        var dueBy = execution;
        if (body.DueBy is not null && (!TryDate(body.DueBy, out dueBy) || dueBy > execution))
        {
            return ApiProblems.Invalid("dueBy", "dueBy is a date, yyyy-MM-dd, not after the execution date (an advance is not paid before its date).");
        }
        if (body.Items is { } keys)
        {
            if (keys.Count is 0 or > PaymentBatchLimits.MaxPayments)
            {
                return ApiProblems.Invalid("items", $"A batch has 1 to {PaymentBatchLimits.MaxPayments:N0} payments; got {keys.Count:N0}.");
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < keys.Count; i++)
            {
                if (string.IsNullOrEmpty(keys[i]) || keys[i].Length > PaymentBatchLimits.MaxItemKeyLength)
                {
                    return ApiProblems.Invalid($"items[{i}]", $"An item key has 1..{PaymentBatchLimits.MaxItemKeyLength} characters.");
                }
                if (!seen.Add(keys[i]))
                {
                    return ApiProblems.Invalid($"items[{i}]", $"'{keys[i]}' is listed twice.");
                }
            }
        }
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{actor.UserId}\n{Iso(execution)}\n{body.DueBy}\n{string.Join("\n", body.Items ?? [])}")));
        var registry = grains.GetGrain<IPaymentBatchRegistryGrain>(0);
        long? claimed = null;
        if (idempotencyKey is not null)
        {
            var claim = await registry.Claim(idempotencyKey, fingerprint);
            if (claim.Conflict)
            {
                return ApiProblems.Refused(StatusCodes.Status409Conflict, "IdempotencyConflict", "Idempotency-Key", "This idempotency key was used with another request.");
            }
            if (claim.Existing && await grains.GetGrain<IPaymentBatchGrain>(claim.Number).Get() is { } made)
            {
                return Created(made);
            }
            claimed = claim.Number;
        }
        var (candidates, _) = await PaymentCandidates.LoadAsync(grains, caller.Caller, actor, rules, dueBy);
        var chosen = new List<PaymentCandidate>();
        if (body.Items is { } wanted)
        {
            var byKey = candidates.ToDictionary(c => c.View.Item, StringComparer.Ordinal);
            for (var i = 0; i < wanted.Count; i++)
            {
                if (!byKey.TryGetValue(wanted[i], out var c))
                {
                    // Paid already, not yet due, unknown or outside the caller's reach: answered alike, so others' items do not leak.
                    return ApiProblems.NotFound($"items[{i}]",
                        $"No item '{Short(wanted[i])}' is due by {Iso(dueBy)} in your reach: it is paid already, not yet due, or unknown. See GET /api/bank/payment-candidates.");
                }
                if (Refusal(c, i) is { } refused)
                {
                    return refused;
                }
                chosen.Add(c);
            }
        }
        else
        {
            chosen.AddRange(candidates.Where(Payable));
            if (chosen.Count == 0)
            {
                return ApiProblems.Refused(StatusCodes.Status409Conflict, "NothingDue", "dueBy",
                    $"Nothing is due by {Iso(dueBy)} that you can pay: every item is paid, in a batch, missing bank details, or outside your reach.");
            }
            if (chosen.Count > PaymentBatchLimits.MaxPayments)
            {
                return ApiProblems.Invalid("items", $"{chosen.Count:N0} items are due by {Iso(dueBy)}; a batch has at most {PaymentBatchLimits.MaxPayments:N0}: choose items.");
            }
        }
        var lines = chosen.Select((c, i) => c.Line! with { Line = i + 1 }).ToList();
        var number = claimed ?? await registry.NextNumber();
        var initiator = lines[0].Debtor.Holder;
        var reply = await grains.GetGrain<IPaymentBatchGrain>(number).Create(new CreatePaymentBatchDto(Iso(execution), initiator, actor, lines));
        return reply.Batch is { } batch ? Created(batch) : Problem(reply);
    }

    private static async Task<IResult> List([FromQuery] string? pageSize, [FromQuery] string? before, CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        var size = DefaultPageSize;
        if (pageSize is not null && (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPageSize))
        {
            return ApiProblems.Invalid("pageSize", $"pageSize is a whole number, 1..{MaxPageSize}.");
        }
        long? below = null;
        if (before is not null)
        {
            if (!long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var b) || b is < 1 or > EndToEndId.MaxBatchNumber)
            {
                return ApiProblems.Invalid("before", $"before is a batch number, 1..{EndToEndId.MaxBatchNumber}: the next of an earlier page.");
            }
            below = b;
        }
        var numbers = await grains.GetGrain<IPaymentBatchRegistryGrain>(0).Numbers(below);
        var shown = new List<PaymentBatchView>();
        long? next = null;
        var scanned = 0;
        foreach (var n in numbers)
        {
            if (shown.Count == size || ++scanned > MaxScannedPerPage)
            {
                next = n;
                break;
            }
            if (await grains.GetGrain<IPaymentBatchGrain>(n).Summary() is { } batch && MayRead(caller, rules, batch))
            {
                shown.Add(View(batch));
            }
        }
        if (next is null && numbers.Count > 0 && numbers[^1] > 1 && numbers.Count == PaymentBatchRegistryGrain.MaxListed)
        {
            next = numbers[^1] - 1;
        }
        return Results.Ok(new PaymentBatchListView(shown.Count, shown, next));
    }

    private static async Task<IResult> Get(string number, CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        var (batch, problem) = await Find(number, caller, rules, grains);
        return problem ?? Results.Ok(View(batch!));
    }

    private static async Task<IResult> File(string number, CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        var (batch, problem) = await Find(number, caller, rules, grains);
        if (problem is not null)
        {
            return problem;
        }
        var bytes = await grains.GetGrain<IPaymentBatchGrain>(batch!.Number).Pain001();
        return bytes is null ? NotFound(number) : Results.File(bytes, "application/xml", Pain001.MessageId(batch.Number) + ".xml");
    }

    private static async Task<IResult> Cancel(string number, CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        var (batch, problem) = await Find(number, caller, rules, grains);
        if (problem is not null)
        {
            return problem;
        }
        if (caller.Role != Role.Treasurer)
        {
            return ApiProblems.Forbidden("scope", "Only a treasurer cancels payment batches.");
        }
        foreach (var payer in batch!.Payers)
        {
            if (!Scope.TryParse(payer, out var scope) || !rules.CanRecord(caller.Caller, scope))
            {
                return ApiProblems.Forbidden("scope", $"Batch {batch.Number} pays for '{payer}', outside your reach.");
            }
        }
        var reply = await grains.GetGrain<IPaymentBatchGrain>(batch.Number).Cancel();
        return reply.Batch is { } cancelled ? Results.Ok(View(cancelled)) : Problem(reply);
    }

    private static async Task<(PaymentBatchViewDto? Batch, IResult? Problem)> Find(string number, CurrentCaller caller, AccessRules rules, IGrainFactory grains)
    {
        if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > EndToEndId.MaxBatchNumber)
        {
            return (null, NotFound(number));
        }
        // Who may not read every payer and region of a batch is told it does not exist, so others' payments do not leak.
        return await grains.GetGrain<IPaymentBatchGrain>(n).Get() is { } batch && MayRead(caller, rules, batch) ? (batch, null) : (null, NotFound(number));
    }

    // Every payer and every region paid must be in reach: a batch shows the regions' bank details, which their own
    // GET answers only to readers of the region.
    private static bool MayRead(CurrentCaller caller, AccessRules rules, PaymentBatchViewDto batch) =>
        batch.Payers.Concat(batch.Payees).All(p => Scope.TryParse(p, out var scope) && rules.CanRead(caller.Caller, scope));

    private static IResult? Refusal(PaymentCandidate c, int i)
    {
        if (c.View.InBatch is { } held)
        {
            return ApiProblems.Refused(StatusCodes.Status409Conflict, "InBatch", $"items[{i}]", $"'{c.View.Item}' is already in batch {held}; cancel that batch first.");
        }
        if (!c.View.MayPay)
        {
            return ApiProblems.Forbidden($"items[{i}]", $"'{c.View.Item}' is paid by '{c.View.Payer}', outside your reach as treasurer.");
        }
        return c.Line is null
            ? ApiProblems.Refused(StatusCodes.Status409Conflict, "MissingBankDetails", $"items[{i}]", $"'{c.View.Item}' cannot be paid yet. {c.View.MissingBankDetails}")
            : null;
    }

    private static bool Payable(PaymentCandidate c) => c.Line is not null && c.View.InBatch is null && c.View.MayPay;

    private static IResult Problem(PaymentBatchReply reply) => reply.Conflict
        ? ApiProblems.Refused(StatusCodes.Status409Conflict, "Conflict", reply.Field, reply.Reason!)
        : ApiProblems.Invalid(reply.Field ?? "body", reply.Reason!);

    private static IResult Created(PaymentBatchViewDto batch) => Results.Created($"/api/bank/payment-batches/{batch.Number}", View(batch));

    private static IResult NotFound(string number) => ApiProblems.NotFound("number", $"No payment batch '{Short(number)}'.");

    /// <summary>A batch as shown.</summary>
    public static PaymentBatchView View(PaymentBatchViewDto b) => new(b.Number, Pain001.MessageId(b.Number), b.State, InstantPattern.General.Format(Instant.FromUnixTimeMilliseconds(b.CreatedUnixMs)),
        b.ExecutionDate, b.Count, LedgerViews.Amount(b.TotalCents), b.TotalCents, b.Confirmed,
        $"/api/bank/payment-batches/{b.Number}/pain001", Pain001.MessageId(b.Number) + ".xml",
        [.. b.Lines.Select(l => new PaymentBatchLineView(l.Line, EndToEndId.For(b.Number, l.Line).Value, l.ItemKey, KindOf(l.ItemKey), LedgerViews.Amount(l.Cents), l.Cents,
            PaymentCandidates.Show(l.Creditor)!, PaymentCandidates.Show(l.Debtor)!, l.Remittance, b.ConfirmedLines.ContainsKey(l.Line),
            b.ConfirmedLines.TryGetValue(l.Line, out var c) ? c.BankReference : null,
            b.ConfirmedLines.TryGetValue(l.Line, out var d) ? d.BookingDate : null))]);

    private static string KindOf(string item) => item.StartsWith(PaymentBatchGrain.AdvancePrefix, StringComparison.Ordinal) ? "advance"
        : item.StartsWith(PaymentBatchGrain.PaymentPrefix, StringComparison.Ordinal) ? "payment" : "commitment";

    private static ActorDto? ActorOf(HttpContext http, CurrentCaller caller) =>
        http.User.FindFirst("sub")?.Value is { Length: > 0 and <= Actor.MaxUserIdLength } sub
            ? new ActorDto(sub, caller.Role, caller.Reach.ToString(), Actor.Clean(http.User.FindFirst("name")?.Value))
            : null;

    private static bool TryDate(string text, out LocalDate date) => LocalDatePattern.Iso.Parse(text).TryGetValue(default, out date);

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);

    private static string Short(string text) => text.Length <= 60 ? text : text[..60] + "...";
}
