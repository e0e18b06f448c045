using PvoFinance.Access;
using PvoFinance.Funding;
using PvoFinance.Regions;

namespace PvoFinance.Core.Tests.Funding;

public sealed class FundingValidationTests
{
    private static FundingSourceDefinition Scheme() => new(
        "jenv-pvo", "J&V PVO-regeling", FundingSourceKind.NationalScheme, Scope.National, "Ministerie van Justitie en Veiligheid",
        ["cybercrime"], new Percentage(5_000), "ccv", null, [], null, null);

    private static FundingSourceDefinition Levy(params string[] participants) => new(
        "levy-ob", "Veiligheidsfonds", FundingSourceKind.MunicipalLevy, Scope.Region("oost-brabant"), "Gemeenten",
        [], null, null, new Rate(2_500), participants, null, null);

    private static FieldError? Check(FundingSourceDefinition d) => FundingValidation.Check(d, RegionCatalog.Shipped);

    [Fact]
    public void Well_formed_sources_pass()
    {
        Assert.Null(Check(Scheme()));
        Assert.Null(Check(Levy()));
        Assert.Null(Check(Levy("GM0743")));
    }

    [Theory]
    [InlineData("Bad Id")]
    [InlineData("-x")]
    [InlineData("")]
    [InlineData("a.b")]
    public void Ids_are_lower_case_letters_digits_and_dashes(string id) => Assert.Equal("id", Check(Scheme() with { Id = id })?.Field);

    [Fact]
    public void A_national_scheme_owned_by_a_region_is_refused() =>
        Assert.Equal("region", Check(Scheme() with { Owner = Scope.Region("limburg") })?.Field);

    [Fact]
    public void A_provincial_fund_needs_a_real_province()
    {
        var fund = Scheme() with { Kind = FundingSourceKind.ProvincialFund, Owner = Scope.Province("Atlantis"), Intermediary = null };
        Assert.Equal("province", Check(fund)?.Field);
        Assert.Null(Check(fund with { Owner = Scope.Province("Limburg") }));
    }

    [Fact]
    public void A_levy_participant_must_lie_in_the_region()
    {
        Assert.Equal("participants", Check(Levy("GM0014"))?.Field); // Groningen is in Noord-Nederland
        Assert.Equal("participants", Check(Levy("GM0743", "GM0743"))?.Field);
    }

    [Fact]
    public void Kind_specific_fields_belong_to_their_kind()
    {
        Assert.Equal("levyRate", Check(Levy() with { LevyRate = null })?.Field);
        Assert.Equal("overhead", Check(Levy() with { Overhead = new Percentage(750) })?.Field);
        Assert.Equal("intermediary", Check(Levy() with { Intermediary = "ccv" })?.Field);
        Assert.Equal("themes", Check(Levy() with { Themes = ["cyber"] })?.Field);
        Assert.Equal("hourlyRate", Check(Levy() with { Kind = FundingSourceKind.InKind, LevyRate = null })?.Field);
    }

    [Fact]
    public void Themes_are_distinct_and_bounded()
    {
        Assert.Equal("themes", Check(Scheme() with { Themes = ["Cyber", "cyber"] })?.Field);
        Assert.Equal("themes", Check(Scheme() with { Themes = [.. Enumerable.Range(0, 21).Select(i => $"t{i}")] })?.Field);
    }
}
