namespace PvoFinance.Grains.Banking;

/// <summary>The stored state of one party's bank details.</summary>
[GenerateSerializer]
public sealed class BankDetailsState
{
    /// <summary>The current account; null until one is recorded.</summary>
    [Id(0)] public BankAccountDto? Account { get; set; }
}
