namespace PvoFinance;

/// <summary>
/// Splits an amount over weights so that the parts always add up exactly to the whole
/// (largest-remainder method), with a deterministic tie-break: the same inputs give the same cents.
/// </summary>
public static class Allocation
{
    /// <summary>The most parts one split may produce; a split is a loop over them, so it gets a bound.</summary>
    public const int MaxParts = 100_000;

    /// <summary>
    /// Splits <paramref name="total"/> in proportion to <paramref name="weights"/> (for example inhabitants,
    /// or co-financing shares in basis points). Each part is the floor of its exact share; the cents left
    /// over go one each to the parts with the largest remainders, ties to the earlier part.
    /// A negative total is split as its magnitude and negated, so the rule is symmetric.
    /// </summary>
    /// <exception cref="ArgumentException">No weights, a negative weight, all weights zero, or too many parts.</exception>
    public static Money[] Split(Money total, IReadOnlyList<long> weights)
    {
        if (weights.Count == 0 || weights.Count > MaxParts)
        {
            throw new ArgumentException($"A split needs 1..{MaxParts} weights; got {weights.Count}.", nameof(weights));
        }
        Int128 sum = 0;
        foreach (var w in weights)
        {
            if (w < 0)
            {
                throw new ArgumentException("Weights may not be negative.", nameof(weights));
            }
            sum += w;
        }
        if (sum == 0)
        {
            throw new ArgumentException("At least one weight must be positive.", nameof(weights));
        }

        var negative = total.Cents < 0;
        Int128 whole = negative ? -(Int128)total.Cents : total.Cents;
        var parts = new long[weights.Count];
        var remainders = new Int128[weights.Count];
        Int128 given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            // Int128 keeps cents × weight exact: 10^17 cents × 10^18 weight still fits.
            var exact = whole * weights[i];
            parts[i] = (long)(exact / sum);
            remainders[i] = exact % sum;
            given += parts[i];
        }
        var left = (long)(whole - given);
        System.Diagnostics.Debug.Assert(left >= 0 && left < weights.Count, "largest remainder leaves fewer cents than parts");
        if (left > 0)
        {
            var order = Enumerable.Range(0, weights.Count)
                .OrderByDescending(i => remainders[i])
                .ThenBy(i => i)
                .Take((int)left);
            foreach (var i in order)
            {
                parts[i]++;
            }
        }
        var result = new Money[parts.Length];
        long check = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            result[i] = new Money(negative ? -parts[i] : parts[i]);
            check += result[i].Cents;
        }
        if (check != total.Cents)
        {
            throw new InvalidOperationException("Invariant broken: split parts do not add up to the total.");
        }
        return result;
    }
}
