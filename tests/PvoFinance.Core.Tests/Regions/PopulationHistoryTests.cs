using PvoFinance.Regions;

namespace PvoFinance.Core.Tests.Regions;

public class PopulationHistoryTests
{
    private const string Region = "amsterdam-amstelland";
    private static readonly RegionCatalog Catalog = RegionCatalog.Shipped;

    private static List<MunicipalityCount> Counts2024() =>
        [.. Catalog.MunicipalitiesOf(Region).Select(m => new MunicipalityCount(m.Code, m.Inhabitants))];

    private static List<MunicipalityCount> Counts2025() =>
        [.. Catalog.MunicipalitiesOf(Region).Select(m => new MunicipalityCount(m.Code, m.Inhabitants + 1_000))];

    private static PopulationHistory With2024()
    {
        var history = new PopulationHistory(Region, Catalog);
        Assert.Equal(PopulationRecordStatus.Recorded, history.Record(2024, Counts2024()).Status);
        return history;
    }

    [Fact]
    public void Adding_a_year_keeps_earlier_years_as_they_were()
    {
        var history = With2024();
        var before = history.CountsFor(2024)!.ToDictionary();
        Assert.Equal(1_138_700L, history.TotalFor(2024));

        var (status, problem) = history.Record(2025, Counts2025());

        Assert.Equal(PopulationRecordStatus.Recorded, status);
        Assert.Null(problem);
        Assert.Equal([2024, 2025], history.Years);
        Assert.Equal(2025, history.LatestYear);
        Assert.Equal(before, history.CountsFor(2024)!.ToDictionary());
        Assert.Equal(1_138_700L, history.TotalFor(2024));
        Assert.Equal(1_144_700L, history.TotalFor(2025));
        Assert.Null(history.TotalFor(2023));
    }

    [Fact]
    public void Years_are_kept_in_order_whatever_order_they_arrive_in()
    {
        var history = With2024();
        history.Record(2030, Counts2025());
        history.Record(2020, Counts2025());
        Assert.Equal([2020, 2024, 2030], history.Years);
        Assert.Equal(2030, history.LatestYear);
    }

    [Fact]
    public void The_same_year_with_the_same_numbers_is_a_harmless_repeat()
    {
        var history = With2024();
        var reordered = Counts2024();
        reordered.Reverse();
        Assert.Equal((PopulationRecordStatus.Unchanged, (RegionProblem?)null), history.Record(2024, reordered));
        Assert.Equal([2024], history.Years);
    }

    [Fact]
    public void The_same_year_with_other_numbers_is_refused_and_nothing_changes()
    {
        var history = With2024();
        var (status, problem) = history.Record(2024, Counts2025());
        Assert.Equal(PopulationRecordStatus.Refused, status);
        Assert.Equal("year", problem!.Field);
        Assert.Equal(1_138_700L, history.TotalFor(2024));
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(1800)]
    [InlineData(2101)]
    public void Years_outside_2000_to_2100_are_refused(int year)
    {
        var history = With2024();
        Assert.Equal("year", history.Record(year, Counts2025()).Problem?.Field);
        Assert.Equal([2024], history.Years);
    }

    [Theory]
    [InlineData(2000)]
    [InlineData(2100)]
    public void The_bounds_themselves_are_accepted(int year) =>
        Assert.Equal(PopulationRecordStatus.Recorded, With2024().Record(year, Counts2025()).Status);

    [Fact]
    public void An_unknown_municipality_code_is_refused()
    {
        var counts = Counts2025();
        counts[2] = new("GM9999", 10);
        AssertRefused(counts, "municipalities[2].code", "not a known");
    }

    [Fact]
    public void A_municipality_of_another_region_is_refused()
    {
        var counts = Counts2025();
        counts[1] = new("GM0518", 566_221); // 's-Gravenhage, region den-haag
        AssertRefused(counts, "municipalities[1].code", "den-haag");
    }

    [Fact]
    public void A_negative_count_is_refused()
    {
        var counts = Counts2025();
        counts[3] = counts[3] with { Inhabitants = -1 };
        AssertRefused(counts, "municipalities[3].inhabitants", "-1");
    }

    [Fact]
    public void A_count_larger_than_the_country_is_refused()
    {
        var counts = Counts2025();
        counts[0] = counts[0] with { Inhabitants = PopulationHistory.MaxInhabitants + 1 };
        AssertRefused(counts, "municipalities[0].inhabitants", "between");
    }

    [Fact]
    public void Zero_inhabitants_is_allowed() // a municipality may be empty on paper, e.g. during a reorganisation
    {
        var counts = Counts2025();
        counts[0] = counts[0] with { Inhabitants = 0 };
        Assert.Equal(PopulationRecordStatus.Recorded, With2024().Record(2025, counts).Status);
    }

    [Fact]
    public void Leaving_out_a_municipality_is_refused_naming_it()
    {
        var counts = Counts2025().Where(c => c.Code != "GM0384").ToList();
        AssertRefused(counts, "municipalities", "GM0384");
    }

    [Fact]
    public void A_municipality_listed_twice_is_refused()
    {
        var counts = Counts2025();
        counts[5] = counts[0];
        AssertRefused(counts, "municipalities[5].code", "twice");
    }

    [Fact]
    public void An_empty_or_missing_list_is_refused()
    {
        AssertRefused([], "municipalities", "each");
        Assert.Equal("municipalities", With2024().Record(2025, null).Problem?.Field);
    }

    [Fact]
    public void Load_rebuilds_stored_years_and_fails_loudly_on_damaged_ones()
    {
        var stored = With2024();
        stored.Record(2025, Counts2025());
        var loaded = PopulationHistory.Load(Region, Catalog, stored.Years.Select(y => KeyValuePair.Create(y, stored.CountsFor(y)!)));
        Assert.Equal(stored.Years, loaded.Years);
        Assert.Equal(stored.TotalFor(2025), loaded.TotalFor(2025));

        var damaged = new Dictionary<string, int>(stored.CountsFor(2024)!) { ["GM0518"] = 1 };
        Assert.Throws<InvalidDataException>(() => PopulationHistory.Load(Region, Catalog, [KeyValuePair.Create(2024, (IReadOnlyDictionary<string, int>)damaged)]));
    }

    private static void AssertRefused(List<MunicipalityCount> counts, string field, string reasonContains)
    {
        var history = With2024();
        var (status, problem) = history.Record(2025, counts);
        Assert.Equal(PopulationRecordStatus.Refused, status);
        Assert.Equal(field, problem!.Field);
        Assert.Contains(reasonContains, problem.Reason);
        Assert.Equal([2024], history.Years);
    }
}
