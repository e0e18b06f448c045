namespace PvoFinance.Grains.Contracts;

/// <summary>
/// One PVO region (the key is its id, e.g. <c>limburg</c>): its profile and its inhabitants per municipality for every
/// reference year. Refusals come back as a <see cref="RegionReply"/> naming the field; nothing changes on a refusal.
/// Access is checked by the caller (the HTTP layer); the grain checks only the rules of the data.
/// </summary>
public interface IRegionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Seeds the profile (from the field report) and the catalog's population year (CBS 2024) if they are not there
    /// yet. Idempotent: never overwrites a profile a user edited or a year already recorded.
    /// </summary>
    Task<SeedReportDto> EnsureSeeded();

    /// <summary>Profile, the years recorded and the latest year's counts. Seeds first if needed.</summary>
    Task<RegionDetailsDto> GetDetails();

    /// <summary>The counts of one reference year (the latest when <paramref name="year"/> is null), or null when that year is not recorded.</summary>
    Task<PopulationYearDto?> GetPopulation(int? year);

    /// <summary>Replaces the profile after validating it; marks it as edited by a user, so seeding never overwrites it.</summary>
    Task<RegionReply> UpdateProfile(RegionProfileDto profile);

    /// <summary>Adds a reference year: every municipality of the region exactly once. A recorded year never changes; the same numbers again are a harmless repeat.</summary>
    Task<RegionReply> RecordPopulation(int year, IReadOnlyList<MunicipalityCountDto> municipalities);
}
