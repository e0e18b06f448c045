namespace PvoFinance.Access;

/// <summary>Which provinces a region's municipalities lie in; a police region can span several provinces.</summary>
public interface IRegionGeography
{
    /// <summary>True when <paramref name="regionId"/> is one of the ten regions.</summary>
    bool IsRegion(string regionId);

    /// <summary>True when <paramref name="province"/> is one of the twelve provinces.</summary>
    bool IsProvince(string province);

    /// <summary>The provinces with at least one municipality of the region.</summary>
    IReadOnlySet<string> ProvincesOf(string regionId);
}
