using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Orleans.TestingHost;
using PvoFinance.Funding;
using PvoFinance.Grains;
using PvoFinance.Grains.Contracts;
using PvoFinance.Grains.Funding;
using PvoFinance.Silo.Hosting;
using PvoFinance.Silo.Storage;
using PvoFinance.Storage;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// Data written by the previous version keeps working: a cluster with the old grain state layout (and the old JSON)
/// creates a funding source and commits from it; a cluster of the new version started on the same tables copies the
/// old rows once, and then answers with exactly what the old one stored — and keeps working on it.
/// </summary>
public sealed class LegacyStateUpgradeTests
{
    [Fact]
    public async Task State_written_in_the_old_layout_is_read_and_extended_after_the_upgrade()
    {
        var storage = new StorageSettings("AzureTable", ClusterFixture.ConnectionString(), "u" + Guid.NewGuid().ToString("N")[..12]);
        var id = "legacy-" + Guid.NewGuid().ToString("N")[..8];
        FundingSourceDetailsDto? before;

        // Rows are keyed by the service id, which stays the same across an upgrade (in production: "dev" unless configured).
        var serviceId = "upgrade-" + Guid.NewGuid().ToString("N")[..8];
        await using (var old = await StartAsync(serviceId, silo =>
        {
            silo.Services.AddSingleton<IJournalStore>(_ => new AzureTableJournalStore(new TableStorageOptions { ConnectionString = storage.ConnectionString, TableName = storage.TableName("Journals") }));
            // Commitments are rows since issue 14; the old layout concerns the grain state only.
            silo.AddPvoFundingRows(storage);
            LegacyTableGrainStorage.Register(silo, storage.ConnectionString!, storage.TableName(GrainStorageRegistration.LegacyTablePurpose), StorageNames.All);
        }))
        {
            var source = old.Client.GetGrain<IFundingSourceGrain>(id);
            Assert.True((await source.Create(new FundingSourceDto { Id = id, Name = "Oude regeling", Kind = nameof(FundingSourceKind.NationalScheme), Owner = "national", Funder = "JenV" })).Ok);
            Assert.True((await source.SetCeiling(2026, 100_000_00)).Ok);
            Assert.True((await source.Commit("c1", "limburg", new Dictionary<int, long> { [2026] = 30_000_00 }, null)).Ok);
            before = await source.Get();
            await old.StopAllSilosAsync();
        }
        Assert.NotNull(before);

        await using var upgraded = await StartAsync(serviceId, silo => silo.AddPvoStorage(storage));
        var after = upgraded.Client.GetGrain<IFundingSourceGrain>(id);
        var read = await after.Get();
        Assert.NotNull(read);
        // Everything the old version answered, field by field (as JSON: the records hold lists, compared by reference).
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(before), System.Text.Json.JsonSerializer.Serialize(read));
        Assert.Equal(30_000_00, read!.Years.Single().Committed);
        Assert.Equal(["c1"], read.Commitments.Select(c => c.CommitmentId));
        // The copied state is the grain's state now: new commitments add to what the old version committed.
        Assert.True((await after.Commit("c2", "limburg", new Dictionary<int, long> { [2026] = 20_000_00 }, null)).Ok);
        Assert.Equal(50_000_00, (await after.Get())!.Years.Single().Committed);
        await upgraded.StopAllSilosAsync();
    }

    private static async Task<InProcessTestCluster> StartAsync(string serviceId, Action<ISiloBuilder> configure)
    {
        var builder = new InProcessTestClusterBuilder(1).WithPvoSerializer();
        builder.Options.ServiceId = serviceId;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<IClock>(SystemClock.Instance);
            configure(silo);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
