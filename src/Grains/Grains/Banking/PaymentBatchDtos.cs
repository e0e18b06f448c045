using PvoFinance.Grains.Applications;

namespace PvoFinance.Grains.Banking;

/// <summary>What a new batch is made of; the API has checked the accounts and resolved each item's amount.</summary>
/// <param name="ExecutionDate">The requested execution date, ISO text.</param>
/// <param name="InitiatingParty">Who sends the file.</param>
/// <param name="Actor">The treasurer making it.</param>
/// <param name="Lines">The payments, numbered 1..n.</param>
[GenerateSerializer, Immutable]
public sealed record CreatePaymentBatchDto(
    [property: Id(0)] string ExecutionDate,
    [property: Id(1)] string InitiatingParty,
    [property: Id(2)] ActorDto Actor,
    [property: Id(3)] IReadOnlyList<PaymentLineDto> Lines);

/// <summary>A batch as the API shows it.</summary>
/// <param name="Number">The batch number.</param>
/// <param name="State"><c>open</c>, <c>partly-confirmed</c>, <c>confirmed</c> or <c>cancelled</c>.</param>
/// <param name="CreatedUnixMs">When the file was made.</param>
/// <param name="ExecutionDate">The requested execution date.</param>
/// <param name="Count">How many payments.</param>
/// <param name="TotalCents">Their sum.</param>
/// <param name="Confirmed">How many the bank has confirmed.</param>
/// <param name="Lines">The payments (empty in a summary).</param>
/// <param name="Payers">Who pays (scope texts, distinct): a reader sees the batch only when every one is in reach.</param>
/// <param name="ConfirmedLines">The lines the bank has confirmed, with the bank's entry reference and the booking date.</param>
/// <param name="Payees">Who receives (scope texts, distinct): a reader sees the batch only when every one is in reach too.</param>
[GenerateSerializer, Immutable]
public sealed record PaymentBatchViewDto(
    [property: Id(0)] long Number,
    [property: Id(1)] string State,
    [property: Id(2)] long CreatedUnixMs,
    [property: Id(3)] string ExecutionDate,
    [property: Id(4)] int Count,
    [property: Id(5)] long TotalCents,
    [property: Id(6)] int Confirmed,
    [property: Id(7)] IReadOnlyList<PaymentLineDto> Lines,
    [property: Id(8)] IReadOnlyList<string> Payers,
    [property: Id(9)] IReadOnlyDictionary<int, ConfirmationDto> ConfirmedLines,
    [property: Id(10)] IReadOnlyList<string> Payees);

/// <summary>The answer of a batch command: the batch, or the field at fault and why.</summary>
/// <param name="Batch">The batch after the command, or null when refused.</param>
/// <param name="Field">The field at fault.</param>
/// <param name="Reason">Why, in the domain's words.</param>
/// <param name="Conflict">True when the refusal is a conflict with the current state (another batch holds an item, a confirmed batch), not bad input.</param>
[GenerateSerializer, Immutable]
public sealed record PaymentBatchReply(
    [property: Id(0)] PaymentBatchViewDto? Batch,
    [property: Id(1)] string? Field = null,
    [property: Id(2)] string? Reason = null,
    [property: Id(3)] bool Conflict = false);

/// <summary>What a bank confirmation did: the core's outcome, and the booking's refusal if the payment path refused it.</summary>
/// <param name="Outcome">The core's outcome name (<see cref="PvoFinance.Banking.ConfirmOutcome"/>).</param>
/// <param name="Reason">Why nothing was booked, when so.</param>
[GenerateSerializer, Immutable]
public sealed record ConfirmReplyDto([property: Id(0)] string Outcome, [property: Id(1)] string? Reason = null);
