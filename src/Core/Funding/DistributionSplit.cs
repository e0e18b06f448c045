namespace PvoFinance.Funding;

/// <summary>
/// The exact split of a distribution: each region's part is the floor of its exact share of the total (in cents); the
/// cents left over go one each to the regions with the largest remainders. Ties (equal remainders) go to the region
/// whose id sorts first (ordinal), so the result never depends on the order the regions are given in: the input is
/// sorted by region id before <see cref="Allocation.Split"/> (whose ties go to the earlier part) runs. The parts always
/// add up to the whole, and each lies within one cent of its exact share.
/// </summary>
public static class DistributionSplit
{
    /// <summary>
    /// Splits <paramref name="total"/> cents over <paramref name="weights"/> (region id → weight ≥ 0, at least one
    /// positive); returns the parts by region id (ordinal order).
    /// </summary>
    /// <exception cref="ArgumentException">No weights, a duplicate region, a negative weight, or all weights zero.</exception>
    public static IReadOnlyList<(string RegionId, long Cents)> Split(long total, IReadOnlyList<(string RegionId, long Weight)> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var sorted = weights.OrderBy(w => w.RegionId, StringComparer.Ordinal).ToList();
        if (sorted.Select(w => w.RegionId).Distinct(StringComparer.Ordinal).Count() != sorted.Count)
        {
            throw new ArgumentException("Each region is weighed once.", nameof(weights));
        }
        var parts = Allocation.Split(new Money(total), [.. sorted.Select(w => w.Weight)]);
        return [.. sorted.Select((w, i) => (w.RegionId, parts[i].Cents))];
    }
}
