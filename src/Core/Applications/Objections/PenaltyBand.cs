namespace PvoFinance.Applications;

/// <summary>One band of the penalty for a late decision: the daily amount owed for days <see cref="FromDay"/>..<see cref="ToDay"/> (1-based).</summary>
/// <param name="FromDay">The first day of the band, counted from the penalty's first day as day 1.</param>
/// <param name="ToDay">The last day of the band (inclusive).</param>
/// <param name="Daily">What each day of the band costs.</param>
public sealed record PenaltyBand(int FromDay, int ToDay, Money Daily);
