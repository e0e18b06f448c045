using Microsoft.Extensions.Logging;
using PvoFinance.Grains.Contracts;
using PvoFinance.Regions;

namespace PvoFinance.Grains;

/// <summary>
/// A thin shell around one region's <see cref="RegionProfile"/> and <see cref="PopulationHistory"/>: the core decides,
/// this grain stores. A refused change writes nothing. If a write fails, the activation is dropped so the next call
/// reloads exactly what storage holds.
/// </summary>
public sealed class RegionGrain(
    [PersistentState("region", StorageNames.Regions)] IPersistentState<RegionState> state,
    ILogger<RegionGrain> logger) : Grain, IRegionGrain
{
    private static readonly RegionCatalog Catalog = RegionCatalog.Shipped;
    private PopulationHistory _history = null!;

    private string Id => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!Catalog.IsRegion(Id))
        {
            throw new ArgumentException($"'{Id}' is not one of the ten regions.");
        }
        _history = PopulationHistory.Load(Id, Catalog,
            state.State.Population.Select(kv => KeyValuePair.Create(kv.Key, (IReadOnlyDictionary<string, int>)kv.Value)));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<SeedReportDto> EnsureSeeded()
    {
        var profileSeeded = false;
        int? yearSeeded = null;
        if (state.State.Profile is null && !state.State.ProfileEdited)
        {
            state.State.Profile = RegionProfileDto.From(RegionProfiles.Seed[Id]);
            profileSeeded = true;
        }
        var municipalities = Catalog.MunicipalitiesOf(Id);
        foreach (var year in municipalities.Select(m => m.ReferenceYear).Distinct())
        {
            if (_history.CountsFor(year) is null)
            {
                var counts = municipalities.Where(m => m.ReferenceYear == year).Select(m => new MunicipalityCount(m.Code, m.Inhabitants)).ToList();
                var (status, problem) = _history.Record(year, counts);
                if (status != PopulationRecordStatus.Recorded)
                {
                    throw new InvalidOperationException($"The catalog's {year} population of {Id} is refused: {problem?.Field}: {problem?.Reason}");
                }
                state.State.Population[year] = counts.ToDictionary(c => c.Code, c => c.Inhabitants, StringComparer.Ordinal);
                yearSeeded = year;
            }
        }
        if (profileSeeded || yearSeeded is not null)
        {
            await WriteAsync();
            logger.LogInformation("Region {RegionId} seeded: profile {ProfileSeeded}, population year {Year}", Id, profileSeeded, yearSeeded);
        }
        return new SeedReportDto(Id, profileSeeded, yearSeeded);
    }

    /// <inheritdoc />
    public async Task<RegionDetailsDto> GetDetails()
    {
        await EnsureSeeded();
        return new RegionDetailsDto(Id, state.State.Profile!, state.State.ProfileEdited, _history.Years,
            _history.LatestYear is { } latest ? Year(latest) : null);
    }

    /// <inheritdoc />
    public async Task<PopulationYearDto?> GetPopulation(int? year)
    {
        await EnsureSeeded();
        var wanted = year ?? _history.LatestYear;
        return wanted is { } y && _history.CountsFor(y) is not null ? Year(y) : null;
    }

    /// <inheritdoc />
    public async Task<RegionReply> UpdateProfile(RegionProfileDto profile)
    {
        await EnsureSeeded();
        if (profile is null)
        {
            return new RegionReply(RegionReplyStatus.Refused, "body", "A profile is required.");
        }
        var candidate = profile.ToProfile();
        if (candidate.Validate() is { } problem)
        {
            return new RegionReply(RegionReplyStatus.Refused, problem.Field, problem.Reason);
        }
        if (state.State.ProfileEdited && state.State.Profile!.ToProfile().Equals(candidate))
        {
            return new RegionReply(RegionReplyStatus.Unchanged, null, null);
        }
        state.State.Profile = RegionProfileDto.From(candidate);
        state.State.ProfileEdited = true;
        await WriteAsync();
        logger.LogInformation("Region {RegionId} profile updated", Id);
        return new RegionReply(RegionReplyStatus.Changed, null, null);
    }

    /// <inheritdoc />
    public async Task<RegionReply> RecordPopulation(int year, IReadOnlyList<MunicipalityCountDto> municipalities)
    {
        await EnsureSeeded();
        var counts = municipalities?.Select(m => m is null ? null! : new MunicipalityCount(m.Code, m.Inhabitants)).ToList();
        var (status, problem) = _history.Record(year, counts);
        switch (status)
        {
            case PopulationRecordStatus.Refused:
                return new RegionReply(RegionReplyStatus.Refused, problem!.Field, problem.Reason);
            case PopulationRecordStatus.Unchanged:
                return new RegionReply(RegionReplyStatus.Unchanged, null, null);
        }
        state.State.Population[year] = counts!.ToDictionary(c => c.Code, c => c.Inhabitants, StringComparer.Ordinal);
        await WriteAsync();
        logger.LogInformation("Region {RegionId} population {Year} recorded: {Total} inhabitants", Id, year, _history.TotalFor(year));
        return new RegionReply(RegionReplyStatus.Changed, null, null);
    }

    private PopulationYearDto Year(int year)
    {
        var counts = _history.CountsFor(year)!;
        return new PopulationYearDto(year, _history.TotalFor(year)!.Value,
            [.. counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new MunicipalityCountDto(kv.Key, kv.Value))]);
    }

    private async Task WriteAsync()
    {
        // The in-memory state is ahead of storage if this fails; the activation reloads on the next call.
        await this.WriteOrDropAsync(state);
    }
}
