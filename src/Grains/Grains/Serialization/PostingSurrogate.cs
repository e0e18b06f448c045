using PvoFinance.Ledger;

namespace PvoFinance.Grains.Serialization;

/// <summary>The wire form of a <see cref="Posting"/>: its account and signed amount, each as its own surrogate.</summary>
/// <param name="Account">The account.</param>
/// <param name="Amount">The signed amount (positive debits, negative credits).</param>
[GenerateSerializer, Immutable]
public readonly record struct PostingSurrogate([property: Id(0)] AccountId Account, [property: Id(1)] Money Amount);

/// <summary>Turns <see cref="Posting"/> into <see cref="PostingSurrogate"/> and back, so a ledger request carries the core's legs.</summary>
[RegisterConverter]
public sealed class PostingSurrogateConverter : IConverter<Posting, PostingSurrogate>
{
    /// <inheritdoc />
    public Posting ConvertFromSurrogate(in PostingSurrogate surrogate) => new(surrogate.Account, surrogate.Amount);

    /// <inheritdoc />
    public PostingSurrogate ConvertToSurrogate(in Posting value) => new(value.Account, value.Amount);
}
