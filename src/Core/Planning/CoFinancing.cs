using PvoFinance.Funding;

namespace PvoFinance.Planning;

/// <summary>
/// The ministry co-finances a region's budget with a bonus or malus on its maturity score. Without a pot the base is
/// <see cref="Rate"/> of the region's costs; with a <see cref="Pot"/> the scenario is budget-neutral: the pot is split
/// over the ten regions by inhabitants, maluses are taken off and paid out as bonuses pro rata to the bonus each
/// region earns, so the ministry's total is exactly the pot every year.
/// </summary>
/// <param name="Rate">The share of a region's costs the ministry co-finances before bonus or malus (ignored with a pot).</param>
/// <param name="Rules">Weights and score bands.</param>
/// <param name="Pot">The ministry's fixed yearly pot; null when not budget-neutral.</param>
public sealed record CoFinancing(Percentage Rate, MaturityRules Rules, Money? Pot)
{
    /// <summary>True when the ministry's total is fixed.</summary>
    public bool BudgetNeutral => Pot is not null;
}
