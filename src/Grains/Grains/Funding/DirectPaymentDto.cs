namespace PvoFinance.Grains.Funding;

/// <summary>A direct payment of a funding source to a region, as the source records it before moving the money.</summary>
/// <param name="Region">The region paid.</param>
/// <param name="Year">The budget year paid from.</param>
/// <param name="Cents">The amount.</param>
[GenerateSerializer, Immutable]
public sealed record DirectPaymentDto(
    [property: Id(0)] string Region,
    [property: Id(1)] int Year,
    [property: Id(2)] long Cents);
