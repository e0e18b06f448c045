namespace PvoFinance.Banking;

/// <summary>Explicit bounds of a payment batch, so one batch's state and file stay small enough for one grain and one upload.</summary>
public static class PaymentBatchLimits
{
    /// <summary>The most payments in one batch (one pain.001 file); more are split over batches by the treasurer.</summary>
    public const int MaxPayments = 1000;

    /// <summary>The longest remittance text (<c>RmtInf/Ustrd</c>) in the SEPA rulebook.</summary>
    public const int MaxRemittanceLength = 140;

    /// <summary>
    /// The most batches open at once (made, not yet wholly confirmed or cancelled). The registry holds the items of open
    /// batches only, so this and <see cref="MaxReservedItems"/> bound its state; a treasurer with more to pay waits for the
    /// bank's statement or cancels a batch.
    /// </summary>
    public const int MaxOpenBatches = 50;

    /// <summary>The most items held by open batches together (the registry's reservations, each key at most <see cref="MaxItemKeyLength"/> characters).</summary>
    public const int MaxReservedItems = 5000;

    /// <summary>The longest item key (<c>commitment:&lt;source&gt;:&lt;region&gt;:&lt;year&gt;:&lt;paid&gt;</c> with a 40-character source id fits).</summary>
    public const int MaxItemKeyLength = 120;

    /// <summary>The most idempotency keys of batch creations the registry remembers (the newest); an older key makes a new batch.</summary>
    public const int MaxRememberedKeys = 200;

    /// <summary>The longest message id and payment information id (<c>Max35Text</c>).</summary>
    public const int MaxIdLength = 35;
}
