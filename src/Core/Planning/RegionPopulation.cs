namespace PvoFinance.Planning;

/// <summary>
/// A region's inhabitants per municipality as recorded for a reference year (the region grain's latest population
/// year). A projection grows these counts from <see cref="Year"/> on instead of the shipped CBS counts of 2024.
/// </summary>
/// <param name="RegionId">The region.</param>
/// <param name="Year">The reference year (1 January).</param>
/// <param name="Counts">Inhabitants by CBS municipality code; must name every municipality of the region.</param>
public sealed record RegionPopulation(string RegionId, int Year, IReadOnlyDictionary<string, int> Counts);
