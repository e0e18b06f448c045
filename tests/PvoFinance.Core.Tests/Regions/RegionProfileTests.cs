using PvoFinance.Regions;

namespace PvoFinance.Core.Tests.Regions;

public class RegionProfileTests
{
    private static readonly RegionProfile Valid = new(
        OrganisationForm.Foundation, "A. Chair", ["police", "OM", "MKB-Nederland"], 50, "police", 20, "notes");

    [Fact]
    public void A_valid_profile_has_no_problem() => Assert.Null(Valid.Validate());

    [Fact]
    public void Empty_chair_provider_notes_and_table_are_allowed_and_unknown_figures_are_null()
    {
        var informal = new RegionProfile(OrganisationForm.InformalNetwork, "", [], null, "", null, "");
        Assert.Null(informal.Validate());
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(500, null)]
    [InlineData(501, "managerFte")]
    [InlineData(-1, "managerFte")]
    public void Manager_fte_is_0_to_5_00(int fte, string? field) =>
        Assert.Equal(field, (Valid with { ManagerFte = fte }).Validate()?.Field);

    [Theory]
    [InlineData(0, null)]
    [InlineData(50, null)]
    [InlineData(51, "ccvAdviserDaysPerWeek")]
    [InlineData(-1, "ccvAdviserDaysPerWeek")]
    public void Ccv_days_are_0_to_5_0(int days, string? field) =>
        Assert.Equal(field, (Valid with { CcvAdviserDaysPerWeek = days }).Validate()?.Field);

    [Fact]
    public void Undefined_form_is_refused() =>
        Assert.Equal("form", (Valid with { Form = (OrganisationForm)42 }).Validate()?.Field);

    [Fact]
    public void Text_fields_are_at_most_500_characters_without_control_characters()
    {
        Assert.Null((Valid with { Chair = new string('x', 500) }).Validate());
        Assert.Equal("chair", (Valid with { Chair = new string('x', 501) }).Validate()?.Field);
        Assert.Equal("chair", (Valid with { Chair = "a\u0000b" }).Validate()?.Field);
        Assert.Equal("chair", (Valid with { Chair = null! }).Validate()?.Field);
        Assert.Equal("managerProvidedBy", (Valid with { ManagerProvidedBy = new string('x', 501) }).Validate()?.Field);
        Assert.Equal("notes", (Valid with { Notes = new string('x', 501) }).Validate()?.Field);
        Assert.Null((Valid with { Notes = "line 1\nline 2" }).Validate());
    }

    [Fact]
    public void At_most_30_participants_each_named_once_and_at_most_100_characters()
    {
        var thirty = Enumerable.Range(1, 30).Select(i => $"party {i}").ToArray();
        Assert.Null((Valid with { AtTheTable = thirty }).Validate());
        Assert.Equal("atTheTable", (Valid with { AtTheTable = [.. thirty, "one more"] }).Validate()?.Field);
        Assert.Equal("atTheTable[1]", (Valid with { AtTheTable = ["police", new string('x', 101)] }).Validate()?.Field);
        Assert.Null((Valid with { AtTheTable = ["police", new string('x', 100)] }).Validate());
        Assert.Equal("atTheTable[2]", (Valid with { AtTheTable = ["police", "OM", " "] }).Validate()?.Field);
        Assert.Equal("atTheTable[1]", (Valid with { AtTheTable = ["KHN", "khn"] }).Validate()?.Field);
        Assert.Equal("atTheTable", (Valid with { AtTheTable = null! }).Validate()?.Field);
    }

    [Fact]
    public void Equality_compares_participants_by_content()
    {
        Assert.Equal(Valid, Valid with { AtTheTable = ["police", "OM", "MKB-Nederland"] });
        Assert.Equal(Valid.GetHashCode(), (Valid with { AtTheTable = ["police", "OM", "MKB-Nederland"] }).GetHashCode());
        Assert.NotEqual(Valid, Valid with { AtTheTable = ["OM", "police", "MKB-Nederland"] });
    }
}

public class FixedPointTests
{
    [Theory]
    [InlineData("0.50", 2, 50)]
    [InlineData("1", 2, 100)]
    [InlineData("1.5", 2, 150)]
    [InlineData("6.00", 2, 600)]
    [InlineData("2.0", 1, 20)]
    [InlineData("0", 1, 0)]
    public void Parses_exact_text(string text, int decimals, int expected)
    {
        Assert.True(FixedPoint.TryParse(text, decimals, out var units));
        Assert.Equal(expected, units);
    }

    [Theory]
    [InlineData("0.505", 2)]
    [InlineData("-0.50", 2)]
    [InlineData("+1", 2)]
    [InlineData("1e2", 2)]
    [InlineData(".5", 2)]
    [InlineData("1.", 2)]
    [InlineData(" 1", 2)]
    [InlineData("1,5", 2)]
    [InlineData("", 2)]
    [InlineData(null, 2)]
    [InlineData("2.05", 1)]
    [InlineData("99999999999", 2)]
    public void Refuses_anything_inexact_or_odd(string? text, int decimals) =>
        Assert.False(FixedPoint.TryParse(text, decimals, out _));

    [Theory]
    [InlineData(50, 2, "0.50")]
    [InlineData(600, 2, "6.00")]
    [InlineData(83, 2, "0.83")]
    [InlineData(20, 1, "2.0")]
    [InlineData(5, 1, "0.5")]
    public void Formats_with_fixed_decimals(int units, int decimals, string expected) =>
        Assert.Equal(expected, FixedPoint.Format(units, decimals));
}
