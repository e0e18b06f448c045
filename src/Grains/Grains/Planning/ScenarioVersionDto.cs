namespace PvoFinance.Grains.Planning;

/// <summary>One stored version of a scenario.</summary>
/// <param name="Version">1, 2, ...; never reused.</param>
/// <param name="Json">The scenario in canonical form (<see cref="PvoFinance.Planning.ScenarioDocument"/>).</param>
/// <param name="SavedAt">When it was saved (ISO instant).</param>
/// <param name="SavedBy">Who saved it (the token's subject).</param>
[GenerateSerializer, Immutable]
public sealed record ScenarioVersionDto(
    [property: Id(0)] int Version,
    [property: Id(1)] string Json,
    [property: Id(2)] string SavedAt,
    [property: Id(3)] string SavedBy);

/// <summary>The answer to a save: the version kept, or a refusal with an HTTP status, code, field and reason.</summary>
[GenerateSerializer, Immutable]
public sealed record ScenarioReply(
    [property: Id(0)] int Status,
    [property: Id(1)] string? Code,
    [property: Id(2)] string? Field,
    [property: Id(3)] string? Message,
    [property: Id(4)] ScenarioVersionDto? Saved)
{
    /// <summary>A success with the version kept.</summary>
    public static ScenarioReply Success(int status, ScenarioVersionDto saved) => new(status, null, null, null, saved);

    /// <summary>A refusal; nothing changed.</summary>
    public static ScenarioReply Refused(int status, string code, string field, string message) => new(status, code, field, message, null);
}

/// <summary>A scenario in the list of scenarios.</summary>
[GenerateSerializer, Immutable]
public sealed record ScenarioEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name);
