using PvoFinance.Planning;

namespace PvoFinance.Api.Planning;

/// <summary>A scenario as a client sends it: an id (on create; on update it may repeat the address's id) and the document.</summary>
public sealed record ScenarioBody(
    string? Id = null,
    string? Name = null,
    string? Description = null,
    MandateDocument? PerInhabitant = null,
    CoFinancingDocument? CoFinancing = null,
    string? Indexation = null,
    string? PopulationGrowth = null)
{
    /// <summary>The document part.</summary>
    public ScenarioDocument Document => new(Name, Description, PerInhabitant, CoFinancing, Indexation, PopulationGrowth);
}

/// <summary>A stored scenario version as shown.</summary>
public sealed record ScenarioView(string Id, int Version, string Kind, string SavedAt, string SavedBy, ScenarioDocument Scenario);

/// <summary>A version in a scenario's history.</summary>
public sealed record ScenarioVersionView(int Version, string Kind, string Name, string SavedAt, string SavedBy);

/// <summary>A scenario in the list.</summary>
public sealed record ScenarioListEntry(string Id, string Name);

/// <summary>What the solver is asked.</summary>
/// <param name="Mode"><c>per-inhabitant</c> or <c>co-financing-rate</c>.</param>
/// <param name="Scenario">The scenario whose other settings stay (default <c>status-quo</c>).</param>
/// <param name="Version">Its version (default the latest).</param>
/// <param name="From">First year (default this year).</param>
/// <param name="Years">Horizon (default 5).</param>
public sealed record SolveBody(string? Mode = null, string? Scenario = null, int? Version = null, int? From = null, int? Years = null);

/// <summary>The solver's answer with the scenario version and horizon it solved on.</summary>
public sealed record SolveView(string Scenario, int Version, int From, int Years, SolveResult Result);
