namespace PvoFinance.Banking;

/// <summary>Explicit bounds of a payment batch, so one batch's state and file stay small enough for one grain and one upload.</summary>
public static class PaymentBatchLimits
{
    /// <summary>The most payments in one batch (one pain.001 file); more are split over batches by the treasurer.</summary>
    public const int MaxPayments = 1000;

    /// <summary>The longest remittance text (<c>RmtInf/Ustrd</c>) in the SEPA rulebook.</summary>
    public const int MaxRemittanceLength = 140;

    /// <summary>The longest message id and payment information id (<c>Max35Text</c>).</summary>
    public const int MaxIdLength = 35;
}
