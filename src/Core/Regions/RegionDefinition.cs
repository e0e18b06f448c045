namespace PvoFinance.Regions;

/// <summary>One of the ten PVO regions: one per regional unit of the National Police.</summary>
/// <param name="Id">Stable id, e.g. <c>amsterdam-amstelland</c>.</param>
/// <param name="Name">Display name, e.g. <c>Amsterdam-Amstelland</c>.</param>
/// <param name="PoliceUnit">The police unit's name in the CBS data, e.g. <c>Amsterdam</c>.</param>
public sealed record RegionDefinition(string Id, string Name, string PoliceUnit)
{
    /// <summary>The ten regions, in the order the field report lists them.</summary>
    public static IReadOnlyList<RegionDefinition> All { get; } =
    [
        new("noord-nederland", "Noord-Nederland", "Noord-Nederland"),
        new("oost-nederland", "Oost-Nederland", "Oost-Nederland"),
        new("midden-nederland", "Midden-Nederland", "Midden-Nederland"),
        new("noord-holland", "Noord-Holland", "Noord-Holland"),
        new("amsterdam-amstelland", "Amsterdam-Amstelland", "Amsterdam"),
        new("den-haag", "Den Haag", "Den Haag"),
        new("rotterdam", "Rotterdam", "Rotterdam"),
        new("zeeland-west-brabant", "Zeeland-West-Brabant", "Zeeland-West-Brabant"),
        new("oost-brabant", "Oost-Brabant", "Oost-Brabant"),
        new("limburg", "Limburg", "Limburg"),
    ];
}
