namespace PvoFinance.Regions;

/// <summary>How a PVO is organised (field report 2019, appendix 2, "Organisatiestructuur").</summary>
public enum OrganisationForm
{
    /// <summary>An informal or virtual network without legal form.</summary>
    InformalNetwork,
    /// <summary>A foundation (stichting) with its own board.</summary>
    Foundation,
    /// <summary>Housed in an existing regional cooperation (e.g. RVS, RSIV, VAR).</summary>
    EmbeddedInRegionalCooperation,
    /// <summary>Still being set up (in oprichting).</summary>
    BeingSetUp,
}
