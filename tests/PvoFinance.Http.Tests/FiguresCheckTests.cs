using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using PvoFinance.Checker;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.ApplicationTestKit;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// <c>./check.sh</c>'s figures checks on a real service of its own: after issue 13's example (grant 40,000, advance
/// 32,000, determine 28,500, reclaim 3,500) and a direct commitment and payment, the figures the funding sources and
/// the regions' funding serve equal the figures module's computation over the journals; a source that serves a figure
/// one cent off is reported by fund year and by region.
/// </summary>
public sealed class FiguresCheckTests : IAsyncLifetime
{
    private const string Region = "limburg";
    private readonly ServiceFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    private static int Y => int.Parse(Today[..4], CultureInfo.InvariantCulture);

    [Fact]
    public async Task Served_figures_equal_the_journals_and_a_cent_off_is_reported()
    {
        var source = await _fixture.FundAsync("fig-check", "100000.00");
        var appId = $"figc-{Suffix}";
        var (manager, officer, treasurer) = (await _fixture.As(Who.Manager(Region)), await _fixture.As(Who.Officer("Limburg")), await _fixture.As(Who.Treasurer("province:Limburg")));
        await FiguresScenario.DetermineBelowTheAdvanceAsync(_fixture, manager, officer, treasurer, appId, Region, source);
        await treasurer.Act(appId, "record-reclaim", Amount("3500.00", "bank-2"));
        (await officer.PostJsonAsync($"api/funding-sources/{source}/commitments", Commitment("direct-1", Region, (Y, "5000.00")))).Expect(System.Net.HttpStatusCode.OK);
        (await treasurer.PostJsonAsync($"api/funding-sources/{source}/payments", Payment("pay-1", Region, Y, "2000.00"))).Expect(System.Net.HttpStatusCode.Created);

        var reader = await _fixture.Service.ClientAsync("treasurer", scope: "national");
        var honest = new HttpDeploymentSource(reader);
        var report = await new InvariantChecker(honest).RunAsync();
        Assert.True(report.Violations.Count == 0, string.Join('\n', report.Violations));
        Assert.Empty(report.Notes);
        // The figures really were compared: the region's row from the fund is served, and says 30,500 paid (28,500 + 2,000).
        var rows = await honest.RegionFundingAsync([Y], CancellationToken.None);
        Assert.Equal(3_050_000, Assert.Single(rows!, r => r.Region == Region && r.SourceId == source).Paid);

        var lying = await new InvariantChecker(new CentOff(honest, source)).RunAsync();
        Assert.Contains(lying.Violations, v => v.Check == "fund-figures" && v.Subject == $"{source}/{Y}");
        Assert.Contains(lying.Violations, v => v.Check == "region-figures" && v.Subject == $"{Region}/{source}/{Y}");
        Assert.Equal(2, lying.Violations.Count);
    }

    // Serves everything as read, except one cent more paid for one fund.
    private sealed class CentOff(IDeploymentSource inner, string fund) : IDeploymentSource
    {
        public IAsyncEnumerable<string> JournalsAsync(CancellationToken cancellationToken) => inner.JournalsAsync(cancellationToken);

        public Task<IReadOnlyList<AccountTotals>> BalancesAsync(string journalId, CancellationToken cancellationToken) => inner.BalancesAsync(journalId, cancellationToken);

        public Task<ChainFacts> VerifyChainAsync(string journalId, CancellationToken cancellationToken) => inner.VerifyChainAsync(journalId, cancellationToken);

        public IAsyncEnumerable<EntryFacts> EntriesAsync(string journalId, CancellationToken cancellationToken) => inner.EntriesAsync(journalId, cancellationToken);

        public Task<TransferFacts?> TransferAsync(string transferId, CancellationToken cancellationToken) => inner.TransferAsync(transferId, cancellationToken);

        public async Task<IReadOnlyList<FundYearFacts>> FundYearsAsync(CancellationToken cancellationToken) =>
            [.. (await inner.FundYearsAsync(cancellationToken)).Select(y => y.SourceId == fund ? y with { Figures = y.Figures! with { Paid = y.Figures.Paid + 1 } } : y)];

        public async Task<IReadOnlyList<RegionFundingFacts>?> RegionFundingAsync(IReadOnlyList<int> years, CancellationToken cancellationToken) =>
            [.. (await inner.RegionFundingAsync(years, cancellationToken))!.Select(r => r.SourceId == fund ? r with { Paid = r.Paid + 1 } : r)];

        public Task<IReadOnlyList<ApplicationFacts>> ApplicationsAsync(CancellationToken cancellationToken) => inner.ApplicationsAsync(cancellationToken);

        public Task<ExportFacts?> VerifyTransactionsExportAsync(CancellationToken cancellationToken) => inner.VerifyTransactionsExportAsync(cancellationToken);
    }
}
