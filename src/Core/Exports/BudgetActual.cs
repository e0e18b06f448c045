namespace PvoFinance.Exports;

/// <summary>
/// What the ledger shows for one funding source, region and fiscal year as it stood at an export's cut-off: the
/// committed money and what actually came in (the <c>budgets.csv</c> actuals, never a plan figure).
/// </summary>
/// <param name="RegionId">The region.</param>
/// <param name="Year">The fiscal year (the source's budget year; received money by value date in the year).</param>
/// <param name="SourceId">The funding source's id.</param>
/// <param name="Kind">The source's kind as the API names it: <c>national-scheme</c>, <c>provincial-fund</c>, <c>municipal-levy</c>, <c>project-overhead</c>, <c>private</c>, <c>in-kind</c>.</param>
/// <param name="CommittedCents">For a scheme or province, what it committed to the region for the year; for the region's own pots, what was invoiced or contributed; for hours in kind, zero.</param>
/// <param name="ActualCents">For a scheme or province, what reached the region's journal with a value date in the year; for own pots, what was received; for hours in kind, their value.</param>
public sealed record BudgetActual(string RegionId, int Year, string SourceId, string Kind, long CommittedCents, long ActualCents);
