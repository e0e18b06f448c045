using PvoFinance.Grains.Contracts;

namespace PvoFinance.Grains;

/// <summary>The stored state of one region.</summary>
[GenerateSerializer]
public sealed class RegionState
{
    /// <summary>The profile; null until seeded.</summary>
    [Id(0)] public RegionProfileDto? Profile { get; set; }

    /// <summary>True once a user changed the profile: seeding never touches it again.</summary>
    [Id(1)] public bool ProfileEdited { get; set; }

    /// <summary>Inhabitants per reference year, per municipality code. Years are only ever added.</summary>
    [Id(2)] public Dictionary<int, Dictionary<string, int>> Population { get; set; } = [];
}
