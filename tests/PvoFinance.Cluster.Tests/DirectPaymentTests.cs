using System.Text.Json;
using NodaTime;
using PvoFinance.Access;
using PvoFinance.Applications;
using PvoFinance.Funding;
using PvoFinance.Grains.Applications;
using PvoFinance.Grains.Funding;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// A direct payment of a funding source (<c>POST …/payments</c>) pays what the source itself committed to a region,
/// never what an application's grant committed on the same ledger account: that money is paid through the application
/// (advances, the payment after the determination), and paying it directly would leave the application unable to pay.
/// Found by the storage-fault workload, whose fault-free run mixed both on one region.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DirectPaymentTests(ClusterFixture fixture)
{
    private static readonly ActorDto Manager = new("dp-manager", Role.PvoManager, "region:limburg");
    private static readonly ActorDto Ministry = new("dp-ministry", Role.Ministry, "national");
    private static readonly ActorDto Treasurer = new("dp-treasurer", Role.Treasurer, "national");

    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task A_direct_payment_cannot_spend_what_an_application_was_granted_and_pays_only_direct_commitments()
    {
        var today = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/Amsterdam"]).Date;
        var year = today.Year;
        var source = Ledger.Unique("dp").Replace(".", "-", StringComparison.Ordinal);
        var (fund, app) = await GrantedApplication.StartAsync(Grains, source, Ledger.Unique("dp-app"), today, Manager, Ministry);

        // Nothing was committed directly to Limburg: a direct payment finds nothing to pay, the grant's money untouched.
        var refused = await fund.Pay("p1", "limburg", year, 30_000_00);
        Assert.False(refused.Ok);
        Assert.Equal(((FundingRefusalCode?)FundingRefusalCode.LimitExceeded, "amount"), (refused.Code, refused.Field));

        // A direct commitment is paid up to its amount, and no further.
        Assert.True((await fund.Commit("c1", "limburg", new Dictionary<int, long> { [year] = 5_000_00 }, null)).Ok);
        Assert.True((await fund.Pay("p2", "limburg", year, 4_000_00)).Ok);
        Assert.True((await fund.Pay("p2", "limburg", year, 4_000_00)).Ok, "the same payment again is a replay");
        var over = await fund.Pay("p3", "limburg", year, 1_000_01);
        Assert.Equal(((FundingRefusalCode?)FundingRefusalCode.LimitExceeded, "amount"), (over.Code, over.Field));
        Assert.True((await fund.Pay("p4", "limburg", year, 1_000_00)).Ok);
        var conflict = await fund.Pay("p4", "limburg", year, 999_00);
        Assert.Equal(((FundingRefusalCode?)FundingRefusalCode.IdempotencyConflict, "paymentId"), (conflict.Code, conflict.Field));

        // The application still pays its advance, and its figures match its decisions.
        var advanced = await app.FireJson(Treasurer, ApplicationTrigger.PayAdvance, """{"amount":"15000.00","reference":"bank-1"}""", null, "a");
        Assert.True(advanced.Ok, $"{advanced.Status} {advanced.Code} {advanced.Reason}");
        var figures = JsonDocument.Parse(advanced.Json!).RootElement.GetProperty("figures");
        Assert.True(figures.GetProperty("matchesDecisions").GetBoolean(), figures.GetRawText());
        Assert.Equal("15000.00", figures.GetProperty("paid").GetString());
        var details = (await fund.Get())!;
        Assert.Equal(35_000_00, details.Years.Single(y => y.Year == year).Committed);
        Assert.Equal(20_000_00, details.Years.Single(y => y.Year == year).Paid);
    }
}
