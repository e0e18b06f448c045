namespace PvoFinance.Planning;

/// <summary>
/// What the ledger shows for a region in a past or current year, placed beside the plan (never mixed into a scenario).
/// </summary>
/// <param name="RegionId">The region.</param>
/// <param name="Year">The year.</param>
/// <param name="Received">Cash received by income line; lines without money may be left out.</param>
/// <param name="Committed">What funders committed for the year (schemes and provinces).</param>
/// <param name="InKind">Hours given in kind, valued.</param>
public sealed record LedgerActuals(string RegionId, int Year, IReadOnlyDictionary<IncomeSource, Money> Received, Money Committed, Money InKind);
