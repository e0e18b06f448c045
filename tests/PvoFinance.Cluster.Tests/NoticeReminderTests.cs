using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Orleans.TestingHost;
using PvoFinance.Access;
using PvoFinance.Applications;
using PvoFinance.Funding;
using PvoFinance.Grains.Applications;
using PvoFinance.Grains.Funding;
using PvoFinance.Grains.Notices;
using PvoFinance.Notices;
using PvoFinance.Silo.Hosting;
using PvoFinance.Silo.Storage;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// Two real silos on Azurite with the notice reminders registered at start (ticking every minute here), a
/// <see cref="SettableClock"/> they share, and storage of their own.
/// </summary>
public sealed class NoticeClusterFixture : IAsyncLifetime
{
    /// <summary>The running cluster.</summary>
    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The clock both silos read; noon today in Amsterdam.</summary>
    public SettableClock Clock { get; } = new(SystemClock.Instance.GetCurrentInstant().InZone(LegalClocks.Zone).Date
        .At(new LocalTime(12, 0)).InZoneLeniently(LegalClocks.Zone).ToInstant());

    /// <summary>The storage the silos use.</summary>
    public StorageSettings Storage { get; } = new("AzureTable", ClusterFixture.ConnectionString(), "n" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>A client connected to the cluster.</summary>
    public IClusterClient Client => Cluster.Client;

    /// <summary>The notices table, read as the silos write it.</summary>
    public INoticeStore Notices => new AzureTableNoticeStore(new TableStorageOptions
    {
        ConnectionString = Storage.ConnectionString,
        TableName = Storage.TableName(NoticeExtensions.NoticeTablePurpose),
    });

    /// <summary>The Orleans reminder table of the silos.</summary>
    public TableClient Reminders => new(Storage.ConnectionString, Storage.TableName(NoticeExtensions.ReminderTablePurpose));

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Cluster = await TestSilos.StartAsync(Storage, Clock, silo => silo.AddPvoNoticeSweeps(new NoticeSweepSettings(NoticeSweepSettings.MinPeriod)));
    }

    /// <inheritdoc />
    public Task DisposeAsync() => TestSilos.StopAsync(Cluster);
}

/// <summary>The notice tests on their own cluster.</summary>
[CollectionDefinition(Name)]
public sealed class NoticeClusterCollection : ICollectionFixture<NoticeClusterFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "notice-cluster";
}

/// <summary>
/// Deadlines become notices by Orleans reminders: registered at silo start in the reminder table (one per region,
/// not duplicated by a second silo or a restart), a tick makes exactly the notices the rules call for, once, and a
/// tick after a silo was killed and replaced makes none again.
/// </summary>
[Collection(NoticeClusterCollection.Name)]
public sealed class NoticeReminderTests(NoticeClusterFixture fixture)
{
    private static readonly ActorDto Manager = new("notice-manager", Role.PvoManager, "region:limburg");
    private static readonly TickStatus Tick = new(DateTime.UtcNow, TimeSpan.FromMinutes(1), DateTime.UtcNow);

    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task Every_region_has_one_sweep_reminder_in_the_reminder_table_even_after_a_silo_restart()
    {
        Assert.Equal(RegionDefinitionIds(), await SweepReminders());
        await fixture.Cluster.KillSiloAsync(fixture.Cluster.Silos[^1]);
        await fixture.Cluster.StartAdditionalSiloAsync();
        Assert.False(await Grains.GetGrain<INoticeSweeperGrain>("limburg").Start());
        Assert.Equal(RegionDefinitionIds(), await SweepReminders());
    }

    [Fact]
    public async Task A_tick_makes_the_decision_notice_once_and_never_again_after_a_silo_restart()
    {
        var app = await SubmittedAsync("Winkelsurveillance Venlo");
        var sweeper = Grains.GetGrain<INoticeSweeperGrain>("limburg");
        // Fifteen days before the decision term ends: nothing yet.
        fixture.Clock.Advance(Duration.FromDays(56 - 15));
        await sweeper.ReceiveReminder(NoticeSweeperGrain.ReminderName, Tick);
        Assert.Empty(await NoticesOf(app));

        // Fourteen days before: the notice, through the reminder's own entry point.
        fixture.Clock.Advance(Duration.FromDays(1));
        var madeAt = fixture.Clock.GetCurrentInstant();
        await sweeper.ReceiveReminder(NoticeSweeperGrain.ReminderName, Tick);
        var notice = Assert.Single(await NoticesOf(app));
        Assert.Equal((DeadlineKind.Decision, fixture.Clock.Today.PlusDays(14), "Winkelsurveillance Venlo", "province:Limburg"),
            (notice.Kind, notice.Due, notice.Title, notice.FundOwner));
        Assert.Equal(NoticeAudience.FundOwner | NoticeAudience.RegionManager, notice.Audience);

        // Ticks later the same day and days later plan it again; storage keeps the first.
        fixture.Clock.Advance(Duration.FromDays(3));
        await sweeper.ReceiveReminder(NoticeSweeperGrain.ReminderName, Tick);
        var result = await sweeper.Sweep();
        Assert.True(result.Planned >= 1);
        Assert.Equal(0, result.Made);
        Assert.Equal(madeAt, Assert.Single(await NoticesOf(app)).Made);

        // A silo killed and replaced: the sweeper activates afresh (it has no state) and makes nothing twice.
        await fixture.Cluster.KillSiloAsync(fixture.Cluster.Silos[0]);
        await fixture.Cluster.StartAdditionalSiloAsync();
        await Grains.GetGrain<INoticeSweeperGrain>("limburg").ReceiveReminder(NoticeSweeperGrain.ReminderName, Tick);
        Assert.Equal(0, (await Grains.GetGrain<INoticeSweeperGrain>("limburg").Sweep()).Made);
        Assert.Equal(madeAt, Assert.Single(await NoticesOf(app)).Made);
    }

    [Fact]
    public async Task The_reminder_fires_by_itself_while_no_one_asks()
    {
        var app = await SubmittedAsync("Keurmerk Veilig Ondernemen Roermond");
        fixture.Clock.Advance(Duration.FromDays(56 - 14));
        // The reminders tick every minute here; nothing but them sweeps in this test.
        var deadline = DateTime.UtcNow.AddSeconds(150);
        while ((await NoticesOf(app)).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        Assert.Equal(DeadlineKind.Decision, Assert.Single(await NoticesOf(app)).Kind);
    }

    private async Task<string> SubmittedAsync(string title)
    {
        var source = Ledger.Unique("nt").Replace(".", "-", StringComparison.Ordinal);
        Assert.True((await Grains.GetGrain<IFundingSourceGrain>(source).Create(new FundingSourceDto
        {
            Id = source,
            Name = $"Fonds {source}",
            Kind = nameof(FundingSourceKind.ProvincialFund),
            Owner = "province:Limburg",
            Funder = "Provincie Limburg",
        })).Ok);
        var id = Ledger.Unique("nt-app");
        var app = Grains.GetGrain<IApplicationGrain>(id);
        Assert.Equal(201, (await app.Create(Manager, Drafts.Of("limburg", source, title, "40000.00"))).Status);
        var submitted = await app.FireJson(Manager, ApplicationTrigger.Submit, null, null, "1");
        Assert.True(submitted.Ok, submitted.Reason);
        // The list row is written off the caller's path; the sweep reads it through the list reader, which overlays what is queued.
        return id;
    }

    private async Task<IReadOnlyList<Notice>> NoticesOf(string app) =>
        [.. (await fixture.Notices.ListAsync("limburg", NoticeLimits.MaxPerRegion)).Where(n => n.ApplicationId == app)];

    private async Task<string[]> SweepReminders()
    {
        var regions = new List<string>();
        await foreach (var e in fixture.Reminders.QueryAsync<TableEntity>())
        {
            if (e.GetString("ReminderName") == NoticeSweeperGrain.ReminderName)
            {
                regions.Add(e.GetString("GrainReference") ?? "?");
            }
        }
        return [.. regions.Select(g => RegionDefinitionIds().Single(r => g.EndsWith("/" + r, StringComparison.Ordinal) || g.EndsWith(r, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)];
    }

    private static string[] RegionDefinitionIds() => [.. PvoFinance.Regions.RegionDefinition.All.Select(r => r.Id).Order(StringComparer.Ordinal)];
}
