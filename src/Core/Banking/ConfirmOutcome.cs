namespace PvoFinance.Banking;

/// <summary>What a confirmation did.</summary>
public enum ConfirmOutcome
{
    /// <summary>The line is now confirmed: book the payment.</summary>
    Confirmed,

    /// <summary>The same bank entry confirmed it before: book nothing.</summary>
    AlreadyConfirmed,

    /// <summary>Another bank entry confirmed this line before: book nothing, put the entry in the queue.</summary>
    ConfirmedByOtherEntry,

    /// <summary>No such line in this batch.</summary>
    UnknownPayment,

    /// <summary>The batch was cancelled before the bank confirmed anything: the debit is not ours to book automatically.</summary>
    BatchCancelled,
}
