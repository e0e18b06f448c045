using System.Security.Cryptography;
using System.Text;
using NodaTime;
using NodaTime.Text;
using PvoFinance.Applications;
using PvoFinance.Banking;
using PvoFinance.Grains.Applications;
using PvoFinance.Grains.Funding;

namespace PvoFinance.Grains.Banking;

/// <summary>The bank's confirmations: a confirmed line is booked through the path a treasurer uses by hand.</summary>
public sealed partial class PaymentBatchGrain
{
    /// <summary>The item key prefix of an application's scheduled advance.</summary>
    public const string AdvancePrefix = "advance:";

    /// <summary>The item key prefix of an application's payment of what is due after its determination.</summary>
    public const string PaymentPrefix = "payment:";

    /// <summary>The item key prefix of a source's payment of its commitment to a region.</summary>
    public const string CommitmentPrefix = "commitment:";

    /// <inheritdoc />
    public async Task<ConfirmReplyDto> ConfirmAsync(string endToEndId, string bankEntryReference, LocalDate bookingDate)
    {
        if (!state.State.Exists || !EndToEndId.TryParse(endToEndId, out var id))
        {
            return new ConfirmReplyDto(nameof(ConfirmOutcome.UnknownPayment), $"'{endToEndId}' is not a payment of batch {Number}.");
        }
        var batch = Load();
        // Decided on a copy first: the payment is booked before the confirmation is stored, so a failed booking leaves
        // the line unconfirmed and a retry books it (the booking itself is idempotent).
        var outcome = batch.Confirm(id, bankEntryReference, bookingDate);
        if (outcome == ConfirmOutcome.AlreadyConfirmed)
        {
            // A crash after the confirmation was stored may have left the item reserved: release it again (a no-op otherwise).
            await ReleaseConfirmedAsync(batch, id);
        }
        if (outcome != ConfirmOutcome.Confirmed)
        {
            return new ConfirmReplyDto(outcome.ToString());
        }
        var line = state.State.Lines[id.Line - 1];
        if (await BookAsync(line, id, bankEntryReference) is { } refused)
        {
            return new ConfirmReplyDto("BookingRefused", refused);
        }
        state.State.Confirmations[id.Line] = new ConfirmationDto(bankEntryReference, LocalDatePattern.Iso.Format(bookingDate));
        await WriteAsync();
        await ReleaseConfirmedAsync(batch, id);
        return new ConfirmReplyDto(outcome.ToString());
    }

    // A booked payment's item key is never due again (it names the advance's number or what was paid before), so the
    // registry need not hold it: releasing it keeps the registry's state bounded by the open batches.
    private Task ReleaseConfirmedAsync(PaymentBatch batch, EndToEndId id) =>
        Registry.Release(Number, [state.State.Lines[id.Line - 1].ItemKey], closed: batch.State == PaymentBatchState.Confirmed);

    private async Task<string?> BookAsync(PaymentLineDto line, EndToEndId id, string bankEntryKey)
    {
        // What the exports show as the payment's bank reference: the bank's own entry reference when the statement gave
        // one (the entry key is then "bank:<reference>"), else the EndToEndId the bank echoes on its statement.
        var bankReference = BankMemo.OfLine(StatementLine.ReferenceOfKey(bankEntryKey), null) ?? id.Value;
        if (line.ApplicationId is { } application)
        {
            var actor = state.State.Actor!;
            var advance = line.ItemKey.StartsWith(AdvancePrefix, StringComparison.Ordinal);
            var (trigger, name) = advance ? (ApplicationTrigger.PayAdvance, "pay-advance") : (ApplicationTrigger.RecordPayment, "record-payment");
            // The batch paid one named advance: if it was meanwhile recorded by hand, the application refuses the booking
            // rather than count this money as the next advance.
            object payload = advance ? new AdvancePayment(new Money(line.Cents), bankReference, AdvanceNumber(line.ItemKey)) : new MoneyRecord(new Money(line.Cents), bankReference);
            var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{actor.UserId}\n{name}\n{line.Cents}\n{bankReference}")));
            var reply = await GrainFactory.GetGrain<IApplicationGrain>(application).Fire(actor, trigger, payload, $"bank:{id.Value}", fingerprint);
            return reply.Ok ? null : $"{reply.Field}: {reply.Refusal!.Reason}";
        }
        if (line is { SourceId: { } source, Region: { } region, Year: { } year })
        {
            // The payment id (else the EndToEndId) is the source's idempotency key, so a retry books once.
            var reply = await GrainFactory.GetGrain<IFundingSourceGrain>(source).Pay(line.PaymentId ?? id.Value, region, year, line.Cents, bankReference);
            return reply.Ok ? null : $"{reply.Field}: {reply.Message}";
        }
        return "The payment has nothing to book against.";
    }

    /// <summary>The item key of the advance at <paramref name="index"/> (from 0) of <paramref name="application"/>'s schedule.</summary>
    public static string AdvanceKey(string application, int index) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{AdvancePrefix}{application}:{index}");

    /// <summary>The schedule number (1 = first) of the advance an item key <c>advance:&lt;application&gt;:&lt;index&gt;</c> names (its index counts from 0).</summary>
    internal static int? AdvanceNumber(string itemKey) =>
        itemKey.StartsWith(AdvancePrefix, StringComparison.Ordinal)
        && int.TryParse(itemKey.AsSpan(itemKey.LastIndexOf(':') + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            ? index + 1
            : null;
}
