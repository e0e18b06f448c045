namespace PvoFinance.Exports;

/// <summary>
/// One row of <c>budgets.csv</c>: one region, one fiscal year and one line — a planned figure of the projection
/// (<c>income</c>, <c>in-kind</c>, <c>cost</c>, <c>gap</c>: indicative, with the scenario that produced it) or one
/// funding source as the ledger shows it (<c>source</c>: committed, no scenario).
/// </summary>
public sealed record BudgetRow
{
    /// <summary>The region's id.</summary>
    public required string RegionCode { get; init; }
    /// <summary>The region's name.</summary>
    public required string RegionName { get; init; }
    /// <summary><c>income</c>, <c>in-kind</c>, <c>cost</c>, <c>gap</c> (plan) or <c>source</c> (ledger).</summary>
    public required string Line { get; init; }
    /// <summary>The projection's line name (e.g. <c>private</c>, <c>pvo-manager</c>, <c>gap</c>) or the funding source's id.</summary>
    public required string Source { get; init; }
    /// <summary>The funding kind whose ledger money the row's actual is read from; empty when none.</summary>
    public required string SourceKind { get; init; }
    /// <summary>The fiscal year (a calendar year).</summary>
    public required int FiscalYear { get; init; }
    /// <summary><c>indicative</c> for a plan row, <c>committed</c> for a ledger row (IATI BudgetStatus 1 and 2).</summary>
    public required string BudgetStatus { get; init; }
    /// <summary>The scenario id of a plan row; empty on ledger rows.</summary>
    public required string ScenarioId { get; init; }
    /// <summary>The scenario version of a plan row; empty on ledger rows.</summary>
    public required string ScenarioVersion { get; init; }
    /// <summary>The projection's figure; zero on ledger rows.</summary>
    public required long PlanCents { get; init; }
    /// <summary>What funders committed (or what was invoiced or contributed to own pots) as of the cut-off.</summary>
    public required long CommittedCents { get; init; }
    /// <summary>What actually came in as of the cut-off; zero where the ledger has no actual (<see cref="ActualBasis"/> is <c>none</c>).</summary>
    public required long ActualCents { get; init; }
    /// <summary>Actual less plan (income), actual less committed (source), zero where there is no actual.</summary>
    public required long DifferenceCents { get; init; }
    /// <summary><c>ledger</c> when <see cref="ActualCents"/> is read from the ledger, <c>none</c> when the ledger holds no actual for the line.</summary>
    public required string ActualBasis { get; init; }
}
