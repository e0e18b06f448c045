using PvoFinance.Api.Ledger;
using PvoFinance.Grains.Distribution;

namespace PvoFinance.Api.Funding;

/// <summary>
/// A distribution in a request. <c>rule</c>: per-inhabitant, base-plus-per-inhabitant (with <c>base</c>, each region's
/// fixed amount), scenario (with <c>scenario</c> and optionally <c>version</c>). <c>total</c> and <c>base</c> are exact
/// decimal strings ("10000000.00"). <c>pay</c>: also pay every part at once, through the source's intermediary if it has
/// one. <c>distributionId</c> (a-z, 0-9, '-', ≤ 40) makes a commit idempotent; a preview does not need it.
/// </summary>
public sealed record DistributionBody(string Rule, string Total, string? DistributionId = null, string? Base = null, string? Scenario = null, int? Version = null, bool Pay = false);

/// <summary>One region's part.</summary>
/// <param name="Region">The region's id.</param>
/// <param name="Name">The region's name.</param>
/// <param name="Inhabitants">Inhabitants weighed (per-inhabitant rules), else null.</param>
/// <param name="PopulationYear">The CBS reference year of the inhabitants, else null.</param>
/// <param name="ScenarioAmount">The scenario's figure that weighed it (scenario rule), else null.</param>
/// <param name="Base">The base in the part.</param>
/// <param name="Amount">The part.</param>
/// <param name="CommitmentId">The commitment (and payment) id of the part; null for a part of zero, which commits nothing.</param>
public sealed record DistributionPartView(string Region, string Name, long? Inhabitants, int? PopulationYear, string? ScenarioAmount, string Base, string Amount, string? CommitmentId);

/// <summary>A distribution, previewed or committed.</summary>
/// <param name="DistributionId">Its id (null for a preview without one).</param>
/// <param name="Source">The funding source.</param>
/// <param name="Year">The budget year.</param>
/// <param name="Rule">The rule.</param>
/// <param name="Total">The whole, which the parts add up to exactly.</param>
/// <param name="Base">Each region's base (base plus per inhabitant), else null.</param>
/// <param name="Scenario">The scenario (scenario rule), else null.</param>
/// <param name="Version">The scenario version used, else null.</param>
/// <param name="Pay">True when the parts are paid at once.</param>
/// <param name="Via">The intermediary payments pass through, or null.</param>
/// <param name="Status"><c>preview</c>, <c>committed</c> or <c>paid</c>.</param>
/// <param name="Parts">One part per region, by region id.</param>
public sealed record DistributionView(string? DistributionId, string Source, int Year, string Rule, string Total, string? Base, string? Scenario, int? Version,
    bool Pay, string? Via, string Status, IReadOnlyList<DistributionPartView> Parts)
{
    /// <summary>The view of a stored or previewed distribution.</summary>
    public static DistributionView From(DistributionDto d, string status)
    {
        ArgumentNullException.ThrowIfNull(d);
        var scenarioRule = d.Rule == "scenario";
        return new(d.Id.Length == 0 ? null : d.Id, d.SourceId, d.Year, d.Rule, LedgerViews.Amount(d.TotalCents), d.Rule == "base-plus-per-inhabitant" ? LedgerViews.Amount(d.BaseCents) : null,
            d.ScenarioId, d.ScenarioVersion, d.Pay, d.Via, status,
            [.. d.Parts.Select(p => new DistributionPartView(p.RegionId, p.Name, scenarioRule ? null : p.Weight, p.PopulationYear,
                scenarioRule ? LedgerViews.Amount(p.Weight) : null, LedgerViews.Amount(p.BaseCents), LedgerViews.Amount(p.Cents),
                p.Cents > 0 && d.Id.Length > 0 ? PvoFinance.Funding.DistributionLimits.PartId(d.Id, p.RegionId) : null))]);
    }
}
