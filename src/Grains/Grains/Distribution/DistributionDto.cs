namespace PvoFinance.Grains.Distribution;

/// <summary>A distribution as worked out and stored: what was asked and every region's part, in cents.</summary>
/// <param name="Id">The caller's distribution id.</param>
/// <param name="SourceId">The funding source it commits from.</param>
/// <param name="Year">The budget year.</param>
/// <param name="Rule">The rule's API name (<c>per-inhabitant</c>, <c>base-plus-per-inhabitant</c>, <c>scenario</c>).</param>
/// <param name="TotalCents">The whole.</param>
/// <param name="BaseCents">Each region's base (base plus per inhabitant), else 0.</param>
/// <param name="ScenarioId">The scenario weighing the regions (scenario rule), else null.</param>
/// <param name="ScenarioVersion">Its version, else null.</param>
/// <param name="Pay">True when the parts are paid at once after they are committed.</param>
/// <param name="Via">The intermediary the payments pass through, or null.</param>
/// <param name="Parts">One part per region, by region id.</param>
[GenerateSerializer, Immutable]
public sealed record DistributionDto(
    [property: Id(0)] string Id,
    [property: Id(1)] string SourceId,
    [property: Id(2)] int Year,
    [property: Id(3)] string Rule,
    [property: Id(4)] long TotalCents,
    [property: Id(5)] long BaseCents,
    [property: Id(6)] string? ScenarioId,
    [property: Id(7)] int? ScenarioVersion,
    [property: Id(8)] bool Pay,
    [property: Id(9)] string? Via,
    [property: Id(10)] IReadOnlyList<DistributionPartDto> Parts)
{
    /// <summary>True when <paramref name="other"/> asks the same (the parts are not compared: they follow from the request and the counts of the time).</summary>
    public bool SameRequest(DistributionDto other) =>
        other is not null && SourceId == other.SourceId && Year == other.Year && Rule == other.Rule && TotalCents == other.TotalCents
        && BaseCents == other.BaseCents && ScenarioId == other.ScenarioId && ScenarioVersion == other.ScenarioVersion && Pay == other.Pay;
}

/// <summary>One region's part of a distribution.</summary>
/// <param name="RegionId">The region.</param>
/// <param name="Name">Its name.</param>
/// <param name="Weight">Inhabitants, or the scenario's cents.</param>
/// <param name="PopulationYear">The reference year of the inhabitants, or null.</param>
/// <param name="BaseCents">The base in the part.</param>
/// <param name="Cents">The part.</param>
[GenerateSerializer, Immutable]
public sealed record DistributionPartDto(
    [property: Id(0)] string RegionId,
    [property: Id(1)] string Name,
    [property: Id(2)] long Weight,
    [property: Id(3)] int? PopulationYear,
    [property: Id(4)] long BaseCents,
    [property: Id(5)] long Cents);

/// <summary>Where a distribution stands.</summary>
public enum DistributionStatus
{
    /// <summary>Every part is committed; none paid (or payment was not asked).</summary>
    Committed,
    /// <summary>Every part is committed and paid.</summary>
    Paid,
}

/// <summary>A stored distribution with its state.</summary>
/// <param name="Distribution">The distribution.</param>
/// <param name="Status">Where it stands.</param>
[GenerateSerializer, Immutable]
public sealed record DistributionRecordDto(
    [property: Id(0)] DistributionDto Distribution,
    [property: Id(1)] DistributionStatus Status);

/// <summary>The answer to a distribution command: the record, or a refusal as a funding source gives it.</summary>
/// <param name="Record">The distribution; null when refused.</param>
/// <param name="Refusal">Why not; null on success.</param>
/// <param name="AlreadyMade">True when the distribution was committed before (a retry): nothing was booked again.</param>
[GenerateSerializer, Immutable]
public sealed record DistributionReply(
    [property: Id(0)] DistributionRecordDto? Record,
    [property: Id(1)] PvoFinance.Grains.Funding.FundingReply? Refusal,
    [property: Id(2)] bool AlreadyMade);

/// <summary>The durable part of a distribution grain.</summary>
[GenerateSerializer]
public sealed class DistributionState
{
    /// <summary>The distribution being committed (written before the parts are), or committed.</summary>
    [Id(0)] public DistributionDto? Distribution { get; set; }
    /// <summary>Attempts begun; each books under its own keys.</summary>
    [Id(1)] public int Attempt { get; set; }
    /// <summary>True once every part is committed.</summary>
    [Id(2)] public bool Committed { get; set; }
    /// <summary>True once every part is paid.</summary>
    [Id(3)] public bool Paid { get; set; }
}
