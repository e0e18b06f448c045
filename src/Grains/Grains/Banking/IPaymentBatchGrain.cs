using NodaTime;

namespace PvoFinance.Grains.Banking;

/// <summary>
/// One payment batch (key: its number). Creating it reserves its items in <see cref="IPaymentBatchRegistryGrain"/>;
/// cancelling releases them; <see cref="ConfirmAsync"/> books one payment when the bank statement shows it.
/// </summary>
public interface IPaymentBatchGrain : IGrainWithIntegerKey
{
    /// <summary>Makes the batch (reserving every item, all or nothing). A retry with the same lines answers the same batch.</summary>
    Task<PaymentBatchReply> Create(CreatePaymentBatchDto batch);

    /// <summary>The batch, or null when it does not exist.</summary>
    Task<PaymentBatchViewDto?> Get();

    /// <summary>The batch without its lines (for lists), or null when it does not exist.</summary>
    Task<PaymentBatchViewDto?> Summary();

    /// <summary>The pain.001.001.09 file, or null when the batch does not exist. The same bytes every time.</summary>
    Task<byte[]?> Pain001();

    /// <summary>Cancels the batch and releases its reservations; refused once the bank confirmed a payment.</summary>
    Task<PaymentBatchReply> Cancel();

    /// <summary>
    /// Books the payment of <paramref name="endToEndId"/> through the existing payment path (an application's next advance,
    /// or a source's payment to a region), idempotent by <paramref name="bankEntryReference"/>: the statement import may call
    /// it as often as it reads the statement.
    /// </summary>
    Task<ConfirmReplyDto> ConfirmAsync(string endToEndId, string bankEntryReference, LocalDate bookingDate);
}
