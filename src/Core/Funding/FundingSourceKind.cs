namespace PvoFinance.Funding;

/// <summary>The six ways money reaches a PVO.</summary>
public enum FundingSourceKind
{
    /// <summary>A ministry scheme (J&amp;V or another ministry), possibly passed on through an intermediary such as the CCV.</summary>
    NationalScheme,
    /// <summary>A province's fund; may commit several years at once.</summary>
    ProvincialFund,
    /// <summary>A per-inhabitant contribution (inwonersbijdrage) of a region's municipalities.</summary>
    MunicipalLevy,
    /// <summary>A percentage charged on project costs that funds the PVO core.</summary>
    ProjectOverhead,
    /// <summary>Hours given in kind, valued at a rate, kept on memo accounts apart from cash.</summary>
    InKind,
    /// <summary>Contributions of business associations and sponsors.</summary>
    Private,
}
