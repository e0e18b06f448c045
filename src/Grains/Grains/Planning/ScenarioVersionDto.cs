using NodaTime;

namespace PvoFinance.Grains.Planning;

/// <summary>One stored version of a scenario.</summary>
/// <param name="Version">1, 2, ...; never reused.</param>
/// <param name="Json">The scenario in canonical form (<see cref="PvoFinance.Planning.ScenarioDocument"/>).</param>
/// <param name="SavedAt">When it was saved.</param>
/// <param name="SavedBy">Who saved it (the token's subject).</param>
[GenerateSerializer, Immutable]
public sealed record ScenarioVersionDto(
    [property: Id(0)] int Version,
    [property: Id(1)] string Json,
    [property: Id(2)] Instant SavedAt,
    [property: Id(3)] string SavedBy);

/// <summary>Why a scenario was not saved.</summary>
public enum ScenarioRefusal
{
    /// <summary>The id or the scenario is not valid.</summary>
    Invalid,
    /// <summary>A create for an id that already holds another scenario.</summary>
    Conflict,
    /// <summary>A new version of a scenario that does not exist.</summary>
    NotFound,
    /// <summary>Too many versions of this scenario, or too many scenarios.</summary>
    LimitExceeded,
}

/// <summary>
/// The answer to a save: the version kept (and whether the save made the scenario), or a refusal with the field and the
/// reason. How it is shown (status codes, problem details) is the API's business.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ScenarioReply(
    [property: Id(0)] ScenarioRefusal? Refusal,
    [property: Id(1)] string? Field,
    [property: Id(2)] string? Message,
    [property: Id(3)] ScenarioVersionDto? Saved,
    [property: Id(4)] bool Created)
{
    /// <summary>A success with the version kept; <paramref name="created"/> when this save made the scenario.</summary>
    public static ScenarioReply Success(ScenarioVersionDto saved, bool created = false) => new(null, null, null, saved, created);

    /// <summary>A refusal; nothing changed.</summary>
    public static ScenarioReply Refused(ScenarioRefusal refusal, string field, string message) => new(refusal, field, message, null, false);
}

/// <summary>A scenario in the list of scenarios.</summary>
[GenerateSerializer, Immutable]
public sealed record ScenarioEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name);
