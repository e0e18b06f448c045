namespace PvoFinance.Planning;

/// <summary>A band of the maturity score: from <see cref="MinScore"/> upward the co-financing is adjusted by <see cref="Adjustment"/>.</summary>
/// <param name="MinScore">Lowest score in the band (inclusive).</param>
/// <param name="Adjustment">Bonus (positive) or malus (negative) on the base co-financing, -100 % .. +100 %.</param>
public sealed record ScoreBand(int MinScore, SignedPercentage Adjustment);
