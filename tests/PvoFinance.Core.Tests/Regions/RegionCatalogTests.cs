using PvoFinance.Regions;

namespace PvoFinance.Core.Tests.Regions;

/// <summary>The shipped CBS catalog (Bron: CBS): ten regions, 342 municipalities, 17,942,942 inhabitants on 1 January 2024.</summary>
public class RegionCatalogTests
{
    private static readonly RegionCatalog Catalog = RegionCatalog.Shipped;

    [Fact]
    public void Ten_regions_342_municipalities_and_17_942_942_inhabitants()
    {
        Assert.Equal(10, RegionDefinition.All.Count);
        Assert.Equal(10, RegionDefinition.All.Select(r => r.Id).Distinct().Count());
        Assert.Equal(342, Catalog.Municipalities.Count);
        Assert.Equal(342, Catalog.Municipalities.Select(m => m.Code).Distinct().Count());
        Assert.Equal(17_942_942L, Catalog.Municipalities.Sum(m => (long)m.Inhabitants));
        Assert.Equal(17_942_942L, RegionDefinition.All.Sum(r => Catalog.MunicipalitiesOf(r.Id).Sum(m => (long)m.Inhabitants)));
        Assert.All(Catalog.Municipalities, m => Assert.Equal(2024, m.ReferenceYear));
    }

    [Theory]
    [InlineData("oost-nederland", 76)]
    [InlineData("noord-nederland", 40)]
    [InlineData("midden-nederland", 38)]
    [InlineData("zeeland-west-brabant", 37)]
    [InlineData("noord-holland", 32)]
    [InlineData("oost-brabant", 32)]
    [InlineData("limburg", 31)]
    [InlineData("den-haag", 27)]
    [InlineData("rotterdam", 23)]
    [InlineData("amsterdam-amstelland", 6)]
    public void Municipalities_per_region_as_in_the_CSV(string region, int expected) =>
        Assert.Equal(expected, Catalog.MunicipalitiesOf(region).Count);

    [Theory]
    [InlineData("oost-nederland", "Gelderland,Overijssel")]
    [InlineData("noord-nederland", "Drenthe,Fryslân,Groningen")]
    [InlineData("midden-nederland", "Flevoland,Noord-Holland,Utrecht")]
    [InlineData("zeeland-west-brabant", "Noord-Brabant,Zeeland")]
    [InlineData("amsterdam-amstelland", "Noord-Holland")]
    [InlineData("limburg", "Limburg")]
    [InlineData("den-haag", "Zuid-Holland")]
    public void Provinces_of_a_region(string region, string provinces) =>
        Assert.Equal(provinces.Split(','), Catalog.ProvincesOf(region).Order(StringComparer.Ordinal));

    [Fact]
    public void Municipalities_know_their_region_and_unknown_codes_have_none()
    {
        Assert.Equal("amsterdam-amstelland", Catalog.RegionOf("GM0363"));
        Assert.Equal("den-haag", Catalog.RegionOf("GM0518"));
        Assert.Equal("noord-nederland", Catalog.RegionOf("GM0014"));
        Assert.Null(Catalog.RegionOf("GM9999"));
        Assert.Equal(["GM0358", "GM0362", "GM0363", "GM0384", "GM0437", "GM0451"], Catalog.MunicipalitiesOf("amsterdam-amstelland").Select(m => m.Code));
        Assert.Throws<KeyNotFoundException>(() => Catalog.MunicipalitiesOf("atlantis"));
    }

    [Fact]
    public void Every_region_has_a_seeded_profile_and_every_seed_is_valid()
    {
        Assert.Equal(RegionDefinition.All.Select(r => r.Id).Order(), RegionProfiles.Seed.Keys.Order());
        Assert.All(RegionProfiles.Seed, kv => Assert.Null(kv.Value.Validate()));
    }

    [Theory]
    [InlineData("noord-nederland", OrganisationForm.InformalNetwork, "police")]
    [InlineData("oost-nederland", OrganisationForm.InformalNetwork, "police")]
    [InlineData("midden-nederland", OrganisationForm.EmbeddedInRegionalCooperation, "police")]
    [InlineData("noord-holland", OrganisationForm.Foundation, "police")]
    [InlineData("amsterdam-amstelland", OrganisationForm.EmbeddedInRegionalCooperation, "municipality")]
    [InlineData("den-haag", OrganisationForm.EmbeddedInRegionalCooperation, "municipality")]
    [InlineData("rotterdam", OrganisationForm.EmbeddedInRegionalCooperation, "municipality")]
    [InlineData("zeeland-west-brabant", OrganisationForm.BeingSetUp, "CCV")]
    [InlineData("oost-brabant", OrganisationForm.BeingSetUp, "CCV")]
    [InlineData("limburg", OrganisationForm.Foundation, "Smart Service Campus")]
    public void Seeded_form_and_manager_provider_follow_the_field_report(string region, OrganisationForm form, string providedBy)
    {
        var profile = RegionProfiles.Seed[region];
        Assert.Equal(form, profile.Form);
        Assert.Equal(providedBy, profile.ManagerProvidedBy);
    }

    [Fact]
    public void Seeded_figures_the_report_gives()
    {
        Assert.Equal(0, RegionProfiles.Seed["oost-brabant"].ManagerFte);        // "nog geen vaste PVO-manager"
        Assert.Equal(100, RegionProfiles.Seed["noord-holland"].ManagerFte);     // "een volle werkweek"
        Assert.Equal(83, RegionProfiles.Seed["amsterdam-amstelland"].ManagerFte); // 30 of 36 hours
        Assert.Equal(20, RegionProfiles.Seed["den-haag"].CcvAdviserDaysPerWeek);
        Assert.Null(RegionProfiles.Seed["limburg"].ManagerFte);
        Assert.Contains("MKB Limburg", RegionProfiles.Seed["limburg"].AtTheTable);
        Assert.Contains("KHN", RegionProfiles.Seed["noord-nederland"].AtTheTable);
    }
}
