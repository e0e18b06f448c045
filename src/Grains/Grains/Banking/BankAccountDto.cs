namespace PvoFinance.Grains.Banking;

/// <summary>Bank details as stored and passed between silo and API: the IBAN (electronic form), the holder's name and the optional BIC.</summary>
[GenerateSerializer, Immutable]
public sealed record BankAccountDto
{
    /// <summary>The IBAN without spaces, checked by <see cref="PvoFinance.Banking.BankAccount.TryCreate"/> before it is stored.</summary>
    [Id(0)] public required string Iban { get; init; }

    /// <summary>The account holder's name as the bank knows it.</summary>
    [Id(1)] public required string Holder { get; init; }

    /// <summary>The bank's BIC, or null.</summary>
    [Id(2)] public string? Bic { get; init; }

    /// <summary>The stored form of checked bank details.</summary>
    public static BankAccountDto From(PvoFinance.Banking.BankAccount account) =>
        new() { Iban = account.Iban.Value, Holder = account.Holder, Bic = account.Bic };
}
