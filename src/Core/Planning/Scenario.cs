namespace PvoFinance.Planning;

/// <summary>
/// A named parameter set applied to the status quo. Scenarios never hold actuals: the ledger's figures are shown
/// beside a projection, never fed into a scenario. Combinations are expressed by setting both parts.
/// </summary>
/// <param name="Name">Display name, 1..<see cref="PlanningLimits.MaxNameChars"/> characters.</param>
/// <param name="Description">Free text.</param>
/// <param name="Mandate">A binding amount per inhabitant, or null for the current levies.</param>
/// <param name="CoFinancing">Ministry co-financing with bonus/malus (budget-neutral with a pot), or null for none.</param>
/// <param name="Assumptions">Indexation and population growth.</param>
public sealed record Scenario(string Name, string Description, PerInhabitantMandate? Mandate, CoFinancing? CoFinancing, PlanningAssumptions Assumptions)
{
    /// <summary>The id of the built-in status-quo scenario (each region's current arrangements); it cannot be stored over.</summary>
    public const string StatusQuoId = "status-quo";

    /// <summary>The status quo: no mandate, no co-financing, default assumptions.</summary>
    public static Scenario StatusQuo { get; } = new("Status quo", "Each region's current arrangements (docs/planning.md).", null, null, PlanningAssumptions.Default);

    /// <summary>The kinds this scenario combines, e.g. <c>per-inhabitant+co-financing</c>, or <c>status-quo</c>.</summary>
    public string Kind
    {
        get
        {
            var parts = new List<string>();
            if (Mandate is not null)
            {
                parts.Add("per-inhabitant");
            }
            if (CoFinancing is not null)
            {
                parts.Add(CoFinancing.BudgetNeutral ? "budget-neutral-co-financing" : "co-financing");
            }
            return parts.Count == 0 ? "status-quo" : string.Join('+', parts);
        }
    }

    /// <summary>The rule maturity scores are shown with: the scenario's, or the default.</summary>
    public MaturityRules Rules => CoFinancing?.Rules ?? MaturityRules.Default;
}
