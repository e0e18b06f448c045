namespace PvoFinance.Grains.Contracts;

/// <summary>
/// One running total of a journal for the figures (the core's <see cref="PvoFinance.Ledger.MovementTotal"/>): cents moved
/// from <see cref="Debit"/> to <see cref="Credit"/> by entries with a value date in <see cref="ValueYear"/>, or with
/// <see cref="Credit"/> null, what pending debits on <see cref="Debit"/> still hold.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MovementTotalDto(
    [property: Id(0)] string Debit,
    [property: Id(1)] string? Credit,
    [property: Id(2)] int ValueYear,
    [property: Id(3)] long Cents);
