using PvoFinance.Access;
using PvoFinance.Regions;

namespace PvoFinance.Core.Tests.Access;

public sealed class AccessRulesTests
{
    private static readonly AccessRules Rules = new(RegionCatalog.Shipped);

    private static Caller Manager(string region) => Caller.Create(Role.PvoManager, Scope.Region(region));
    private static Caller Officer(string province) => Caller.Create(Role.ProvincialOfficer, Scope.Province(province));
    private static Caller Treasurer(Scope scope) => Caller.Create(Role.Treasurer, scope);
    private static readonly Caller Ministry = Caller.Create(Role.Ministry, Scope.National);

    [Fact]
    public void A_manager_reads_own_region_national_and_overlapping_provinces_only()
    {
        var m = Manager("oost-nederland");
        Assert.True(Rules.CanRead(m, Scope.Region("oost-nederland")));
        Assert.True(Rules.CanRead(m, Scope.National));
        Assert.True(Rules.CanRead(m, Scope.Province("Gelderland")));
        Assert.True(Rules.CanRead(m, Scope.Province("Overijssel")));
        Assert.False(Rules.CanRead(m, Scope.Province("Limburg")));
        Assert.False(Rules.CanRead(m, Scope.Region("limburg")));
    }

    [Fact]
    public void A_provincial_officer_reads_regions_touching_the_province()
    {
        var o = Officer("Noord-Brabant");
        Assert.True(Rules.CanRead(o, Scope.Region("oost-brabant")));
        Assert.True(Rules.CanRead(o, Scope.Region("zeeland-west-brabant")));
        Assert.False(Rules.CanRead(o, Scope.Region("limburg")));
        Assert.False(Rules.CanRead(o, Scope.Province("Limburg")));
    }

    [Fact]
    public void Managing_follows_ownership()
    {
        Assert.True(Rules.CanManage(Ministry, Scope.National));
        Assert.False(Rules.CanManage(Ministry, Scope.Region("limburg")));
        Assert.False(Rules.CanManage(Ministry, Scope.Province("Limburg")));
        Assert.True(Rules.CanManage(Officer("Limburg"), Scope.Province("Limburg")));
        Assert.False(Rules.CanManage(Officer("Limburg"), Scope.Region("limburg")));
        Assert.True(Rules.CanManage(Manager("limburg"), Scope.Region("limburg")));
        Assert.False(Rules.CanManage(Manager("limburg"), Scope.Region("rotterdam")));
        Assert.False(Rules.CanManage(Treasurer(Scope.National), Scope.Region("limburg")));
    }

    [Fact]
    public void Treasurers_record_money_within_their_reach_only()
    {
        Assert.True(Rules.CanRecord(Treasurer(Scope.Region("limburg")), Scope.Region("limburg")));
        Assert.False(Rules.CanRecord(Treasurer(Scope.Region("limburg")), Scope.Region("rotterdam")));
        Assert.True(Rules.CanRecord(Treasurer(Scope.Province("Zuid-Holland")), Scope.Region("rotterdam")));
        Assert.False(Rules.CanRecord(Treasurer(Scope.Province("Zuid-Holland")), Scope.Province("Limburg")));
        Assert.True(Rules.CanRecord(Treasurer(Scope.National), Scope.Province("Limburg")));
        Assert.False(Rules.CanRecord(Treasurer(Scope.Region("limburg")), Scope.National));
    }

    [Fact]
    public void Callers_with_an_impossible_reach_cannot_be_made()
    {
        Assert.Throws<ArgumentException>(() => Caller.Create(Role.PvoManager, Scope.National));
        Assert.Throws<ArgumentException>(() => Caller.Create(Role.ProvincialOfficer, Scope.Region("limburg")));
        Assert.Throws<ArgumentException>(() => Caller.Create(Role.Ministry, Scope.Province("Limburg")));
    }

    [Theory]
    [InlineData("national")]
    [InlineData("province:Fryslân")]
    [InlineData("region:limburg")]
    public void Scopes_round_trip_as_text(string text)
    {
        Assert.True(Scope.TryParse(text, out var scope));
        Assert.Equal(text, scope.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("province:")]
    [InlineData("planet:mars")]
    public void Malformed_scopes_do_not_parse(string text) => Assert.False(Scope.TryParse(text, out _));
}
