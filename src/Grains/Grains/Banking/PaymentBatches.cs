using NodaTime;
using PvoFinance.Banking;

namespace PvoFinance.Grains.Banking;

/// <summary>The way in for the statement import: a debit's EndToEndId names its batch, so no lookup table is needed.</summary>
public static class PaymentBatches
{
    /// <summary>
    /// Confirms the payment of <paramref name="endToEndId"/> on its batch; null when the id is not one this service made
    /// (the debit then goes to the queue of unmatched lines).
    /// </summary>
    public static async Task<ConfirmReplyDto?> ConfirmAsync(IGrainFactory grains, string endToEndId, string bankEntryReference, LocalDate bookingDate)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return EndToEndId.TryParse(endToEndId, out var id)
            ? await grains.GetGrain<IPaymentBatchGrain>(id.BatchNumber).ConfirmAsync(id.Value, bankEntryReference, bookingDate)
            : null;
    }
}
