using PvoFinance.Funding;
using PvoFinance.Planning;
using PvoFinance.Regions;

namespace PvoFinance.Core.Tests.Planning;

/// <summary>
/// Issue 13, item 5: a province commits 150,000 a year for 2026–2028 to Limburg. The projection over 2026–2030 shows the
/// commitment in its years (committed), the status-quo assumption of 250,000 after it (assumed, saying the commitment
/// ended in 2028), and without the commitment the assumption in every year. Figures computed by hand from the status
/// quo (docs/planning.md) in 2026 prices.
/// </summary>
public sealed class CommittedProjectionTests
{
    private const string Fund = "prov-limburg-plan";

    private static RegionProjection Limburg(bool committed)
    {
        IReadOnlyList<PlannedCommitment> commitments = committed
            ? [.. Enumerable.Range(2026, 3).Select(y => new PlannedCommitment("limburg", y, IncomeSource.Province, Money.FromCents(150_000_00), Fund))]
            : [];
        var b = PlanningBase.Create(RegionCatalog.Shipped, 2026, 5, commitments);
        return RegionProjections.Build(ProjectionEngine.Run(b, Scenario.StatusQuo), "limburg", "status-quo", 1);
    }

    private static ProjectionLine Province(ProjectionYear y) => y.Income.Single(l => l.Line == "province");

    [Fact]
    public void The_committed_years_show_the_commitment_and_the_years_after_the_assumption()
    {
        var p = Limburg(committed: true);
        Assert.Equal([2026, 2027, 2028, 2029, 2030], p.Years.Select(y => y.Year));
        Assert.Equal(["150000.00", "150000.00", "150000.00", "250000.00", "250000.00"], p.Years.Select(y => Province(y).Amount));
        Assert.Equal(["committed", "committed", "committed", "assumed", "assumed"], p.Years.Select(y => Province(y).Basis));
        // The parts: one source each year; 2028 is its last year (nothing committed for 2029).
        Assert.Equal([false, false, true], p.Years.Take(3).Select(y => Province(y).Commitments!.Single().LastYear));
        Assert.All(p.Years.Take(3), y => Assert.Equal((Fund, "150000.00"), (Province(y).Commitments!.Single().Source, Province(y).Commitments!.Single().Amount)));
        Assert.Null(Province(p.Years[0]).Note);
        Assert.Contains("last year committed by " + Fund, Province(p.Years[2]).Note, StringComparison.Ordinal);
        // After it: the assumption, saying the commitment ended in 2028.
        Assert.All(p.Years.Skip(3), y =>
        {
            Assert.Equal(2028, Province(y).EndedIn);
            Assert.Null(Province(y).Commitments);
            Assert.Contains("ended in 2028", Province(y).Note, StringComparison.Ordinal);
        });
        // Nothing else is committed: every other line and every cost is assumed.
        Assert.All(p.Years, y => Assert.All(y.Income.Where(l => l.Line != "province").Concat(y.Costs).Concat(y.InKind), l => Assert.Equal("assumed", l.Basis)));
    }

    [Fact]
    public void Without_the_commitment_every_year_is_the_assumption()
    {
        var p = Limburg(committed: false);
        Assert.All(p.Years, y =>
        {
            Assert.Equal("250000.00", Province(y).Amount);
            Assert.Equal("assumed", Province(y).Basis);
            Assert.Null(Province(y).EndedIn);
            Assert.Null(Province(y).Note);
        });
    }

    [Fact]
    public void Limburg_2026_by_hand_with_and_without_the_commitment()
    {
        // 2026 is the price year: no indexation. Income: Rijk schemes 60,000 (assumed), province 150,000 committed (or
        // 250,000 assumed), overhead 15 % × pipeline 400,000 = 60,000, private 25,000, no levy, no mandate, no
        // co-financing in the status quo: 295,000 (or 395,000). Costs: manager 1.00 FTE × 90,000 + projects 400,000 (no
        // CCV days) = 490,000, nothing in kind. Gap: 490,000 − 295,000 = 195,000 (or 95,000).
        var with = Limburg(committed: true).Years[0];
        var without = Limburg(committed: false).Years[0];
        Assert.Equal(("295000.00", "490000.00", "0.00", "195000.00"), (with.CashIncome, with.CostTotal, with.InKindTotal, with.Gap));
        Assert.Equal(("395000.00", "490000.00", "0.00", "95000.00"), (without.CashIncome, without.CostTotal, without.InKindTotal, without.Gap));
        // The cash total rests on assumptions (overhead, private, the Rijk schemes) either way.
        Assert.Equal("assumed", with.CashIncomeBasis);
        // 2029: the assumption again, so the commitment's end costs nothing against the plan without it.
        Assert.Equal(Limburg(committed: false).Years[3].Gap, Limburg(committed: true).Years[3].Gap);
    }

    private static PlannedCommitment Committed(int year) => new("limburg", year, IncomeSource.Province, Money.FromCents(150_000_00), Fund);

    private static RegionProjection Horizon(int from, int years, EdgeCommitments? edges)
    {
        var b = PlanningBase.Create(RegionCatalog.Shipped, from, years, [.. Enumerable.Range(2026, 3).Select(Committed)]);
        return RegionProjections.Build(ProjectionEngine.Run(b, Scenario.StatusQuo), "limburg", "status-quo", 1, edges: edges);
    }

    [Fact]
    public void A_commitment_that_ended_just_before_the_horizon_is_named_when_that_year_was_read()
    {
        // 2029–2030: the commitment (2026–2028) lies before the horizon. Read with the year before: the end is named.
        var read = Horizon(2029, 2, new EdgeCommitments([Committed(2028)], []));
        Assert.All(read.Years, y => Assert.Equal(("250000.00", "assumed", (int?)2028), (Province(y).Amount, Province(y).Basis, Province(y).EndedIn)));
        // Not read: the assumption, without a claim about an end.
        Assert.All(Horizon(2029, 2, null).Years, y => Assert.Null(Province(y).EndedIn));
    }

    [Fact]
    public void The_last_year_of_the_horizon_is_marked_only_when_the_year_after_it_was_read()
    {
        // 2026–2028: the commitment's last year is the horizon's last year.
        Assert.False(Province(Horizon(2026, 3, null).Years[2]).Commitments!.Single().LastYear);
        Assert.True(Province(Horizon(2026, 3, new EdgeCommitments([], [])).Years[2]).Commitments!.Single().LastYear);
        // 2026–2027 with 2028 read: the commitment goes on, so 2027 is not its last year.
        Assert.False(Province(Horizon(2026, 2, new EdgeCommitments([], [Committed(2028)])).Years[1]).Commitments!.Single().LastYear);
    }

    [Fact]
    public void The_csv_marks_every_figure_with_its_basis_and_the_commitments_end()
    {
        var lines = ProjectionCsv.Write(Limburg(committed: true)).Split("\r\n");
        Assert.Equal("region,scenario,version,year,section,line,amount,basis,note", lines[0]);
        Assert.Contains("limburg,status-quo,1,2026,income,province,150000.00,committed,", lines);
        Assert.Contains($"limburg,status-quo,1,2026,commitment,{Fund},150000.00,committed,", lines);
        Assert.Contains($"limburg,status-quo,1,2028,commitment,{Fund},150000.00,committed,last committed year", lines);
        Assert.Contains($"limburg,status-quo,1,2029,income,province,250000.00,assumed,The commitment of {Fund} ended in 2028; the status-quo assumption applies again.", lines);
        Assert.Contains("limburg,status-quo,1,2030,income,rijk-scheme,60000.00,assumed,", lines);
        // Every data row has a basis of the three.
        Assert.All(lines.Skip(1).Where(l => l.Length > 0), l => Assert.Contains(l.Split(',')[7], new[] { "committed", "assumed", "actual" }));
    }
}
