using System.Text.RegularExpressions;
using NodaTime;
using PvoFinance.Planning;

namespace PvoFinance.Grains.Planning;

/// <summary>The stored versions of a scenario.</summary>
[GenerateSerializer]
public sealed class ScenarioGrainState
{
    /// <summary>Every version, oldest first.</summary>
    [Id(0)] public List<ScenarioVersionDto> Versions { get; set; } = [];
}

/// <summary>
/// A scenario. Thin: the rules of a valid scenario live in <see cref="ScenarioDocument"/>; this grain only checks the
/// JSON still parses, numbers versions and stores them.
/// </summary>
public sealed partial class ScenarioGrain(
    [PersistentState("scenario", StorageNames.Funding)] IPersistentState<ScenarioGrainState> state,
    IClock clock) : Grain, IScenarioGrain
{
    private string Id => this.GetPrimaryKeyString();

    [GeneratedRegex("^[a-z0-9-]{1,60}$")]
    private static partial Regex IdPattern();

    /// <summary>Whether a scenario id is well formed (1..60 of a-z, 0-9, '-').</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <inheritdoc />
    public async Task<ScenarioReply> Save(string json, string savedBy, bool create)
    {
        if (!IsValidId(Id) || Id == Scenario.StatusQuoId)
        {
            return ScenarioReply.Refused(ScenarioRefusal.Invalid, "id", $"A scenario id is 1..60 of a-z, 0-9 and '-', and not '{Scenario.StatusQuoId}' (built in).");
        }
        Scenario parsed;
        try
        {
            parsed = ScenarioDocument.Deserialize(json);
        }
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException)
        {
            return ScenarioReply.Refused(ScenarioRefusal.Invalid, "body", e.Message);
        }
        var canonical = ScenarioDocument.Serialize(parsed);
        var latest = state.State.Versions.LastOrDefault();
        if (latest is not null && latest.Json == canonical)
        {
            return ScenarioReply.Success(latest);
        }
        if (create && latest is not null)
        {
            return ScenarioReply.Refused(ScenarioRefusal.Conflict, "id", $"A scenario '{Id}' already exists; PUT saves a new version.");
        }
        if (!create && latest is null)
        {
            return ScenarioReply.Refused(ScenarioRefusal.NotFound, "id", $"No scenario '{Id}'.");
        }
        if (state.State.Versions.Count >= PlanningLimits.MaxVersions)
        {
            return ScenarioReply.Refused(ScenarioRefusal.LimitExceeded, "id", $"A scenario keeps at most {PlanningLimits.MaxVersions} versions; save it under a new id.");
        }
        if (latest is null && !await GrainFactory.GetGrain<IScenarioIndexGrain>(0).Register(new ScenarioEntry(Id, parsed.Name)))
        {
            return ScenarioReply.Refused(ScenarioRefusal.LimitExceeded, "id", $"At most {PlanningLimits.MaxScenarios} scenarios are kept.");
        }
        var version = new ScenarioVersionDto((latest?.Version ?? 0) + 1, canonical, clock.GetCurrentInstant(), savedBy);
        state.State.Versions.Add(version);
        try
        {
            await this.WriteOrDropAsync(state);
        }
        catch
        {
            state.State.Versions.RemoveAt(state.State.Versions.Count - 1);
            throw;
        }
        if (latest is not null)
        {
            // A rename shows in the list; the index only ever holds names, never figures.
            await GrainFactory.GetGrain<IScenarioIndexGrain>(0).Register(new ScenarioEntry(Id, parsed.Name));
        }
        return ScenarioReply.Success(version, created: latest is null);
    }

    /// <inheritdoc />
    public Task<ScenarioVersionDto?> Get(int? version) => Task.FromResult(version is null
        ? state.State.Versions.LastOrDefault()
        : state.State.Versions.FirstOrDefault(v => v.Version == version));

    /// <inheritdoc />
    public Task<IReadOnlyList<ScenarioVersionDto>> Versions() => Task.FromResult<IReadOnlyList<ScenarioVersionDto>>([.. state.State.Versions]);
}

/// <summary>The stored list of scenarios.</summary>
[GenerateSerializer]
public sealed class ScenarioIndexState
{
    /// <summary>Names by id.</summary>
    [Id(0)] public Dictionary<string, string> Names { get; set; } = [];
}

/// <summary>The list of scenarios: ids and names only, at most <see cref="PlanningLimits.MaxScenarios"/>.</summary>
public sealed class ScenarioIndexGrain(
    [PersistentState("scenario-index", StorageNames.Funding)] IPersistentState<ScenarioIndexState> state) : Grain, IScenarioIndexGrain
{
    /// <inheritdoc />
    public async Task<bool> Register(ScenarioEntry entry)
    {
        if (state.State.Names.TryGetValue(entry.Id, out var name) && name == entry.Name)
        {
            return true;
        }
        if (!state.State.Names.ContainsKey(entry.Id) && state.State.Names.Count >= PlanningLimits.MaxScenarios)
        {
            return false;
        }
        state.State.Names[entry.Id] = entry.Name;
        await this.WriteOrDropAsync(state);
        return true;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ScenarioEntry>> List() =>
        Task.FromResult<IReadOnlyList<ScenarioEntry>>([.. state.State.Names.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new ScenarioEntry(kv.Key, kv.Value))]);
}
