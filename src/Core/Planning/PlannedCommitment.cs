namespace PvoFinance.Planning;

/// <summary>Money already committed to a region for a year, read from the ledger (a national scheme's or a province's commitment).</summary>
/// <param name="RegionId">The region.</param>
/// <param name="Year">The budget year.</param>
/// <param name="Source"><see cref="IncomeSource.RijkScheme"/> or <see cref="IncomeSource.Province"/>.</param>
/// <param name="Amount">What is committed, not negative.</param>
/// <param name="SourceId">
/// The funding source that committed it, so a projection can say whose commitment a year rests on and when it ends; empty
/// when the reader does not name it (the amounts still count, the end of a commitment is then not shown per source).
/// </param>
public sealed record PlannedCommitment(string RegionId, int Year, IncomeSource Source, Money Amount, string SourceId = "");
