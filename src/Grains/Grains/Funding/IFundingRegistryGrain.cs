namespace PvoFinance.Grains.Funding;

/// <summary>An entry of the registry: enough to list, filter by scope and keep names unique.</summary>
[GenerateSerializer, Immutable]
public sealed record FundingRegistryEntry([property: Id(0)] string Id, [property: Id(1)] string Name, [property: Id(2)] string Kind, [property: Id(3)] string Owner);

/// <summary>
/// The list of funding sources (key 0). It changes only when a source is created or renamed — never on a
/// money movement — so one grain is not a hot spot.
/// </summary>
public interface IFundingRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or renames a source; false when another source has the name already.</summary>
    Task<bool> Register(FundingRegistryEntry entry);

    /// <summary>Every source.</summary>
    Task<IReadOnlyList<FundingRegistryEntry>> List();
}
