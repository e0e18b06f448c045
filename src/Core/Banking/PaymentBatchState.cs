namespace PvoFinance.Banking;

/// <summary>Where a payment batch stands. Payments become paid only when the bank statement confirms them.</summary>
public enum PaymentBatchState
{
    /// <summary>The file is made; nothing confirmed yet; it can still be cancelled.</summary>
    Open,

    /// <summary>Some payments are confirmed by the bank, some not yet.</summary>
    PartlyConfirmed,

    /// <summary>Every payment is confirmed.</summary>
    Confirmed,

    /// <summary>Cancelled before anything was confirmed; its reservations are released.</summary>
    Cancelled,
}
