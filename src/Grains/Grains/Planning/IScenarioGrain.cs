namespace PvoFinance.Grains.Planning;

/// <summary>
/// One planning scenario (key: its id), versioned: every save that changes it adds a version and old versions stay
/// readable, so a projection can always say which scenario version it used and be repeated.
/// </summary>
public interface IScenarioGrain : IGrainWithStringKey
{
    /// <summary>
    /// Saves a new version of the canonical scenario JSON. <paramref name="create"/>: the scenario must not exist yet
    /// (409), unless its latest version is identical (a retried create); otherwise it must exist (404). Saving content
    /// identical to the latest version adds no version.
    /// </summary>
    Task<ScenarioReply> Save(string json, string savedBy, bool create);

    /// <summary>A version (the latest when null); null when there is none.</summary>
    Task<ScenarioVersionDto?> Get(int? version);

    /// <summary>Every version, oldest first.</summary>
    Task<IReadOnlyList<ScenarioVersionDto>> Versions();
}

/// <summary>The list of scenario ids and names (key: 0), bounded by <see cref="PvoFinance.Planning.PlanningLimits.MaxScenarios"/>.</summary>
public interface IScenarioIndexGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or renames an entry; false when the list is full and the id is new.</summary>
    Task<bool> Register(ScenarioEntry entry);

    /// <summary>Every entry, by id (ordinal).</summary>
    Task<IReadOnlyList<ScenarioEntry>> List();
}
