using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;
using PvoFinance.Silo.Storage;

namespace PvoFinance.Storage.Tests;

/// <summary>
/// The registration extension in a real (in-process) silo: the provider is resolvable by name, the silo
/// lifecycle creates its table, and the silo's default JSON serializer is filled in.
/// </summary>
public sealed class TableGrainStorageRegistrationTests
{
    [Fact]
    public async Task AddTableGrainStorage_registers_a_named_provider_that_creates_its_table()
    {
        var connectionString = StorageTestEnvironment.ConnectionString;
        var tableName = StorageTestEnvironment.UniqueTableName("pvoreg");
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddTableGrainStorage("TableStore", o =>
        {
            o.ConnectionString = connectionString;
            o.TableName = tableName;
        }));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var storage = cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>("TableStore");
            Assert.IsType<TableGrainStorage>(storage);

            // The table was created during silo start: a write needs no further setup.
            var id = GrainId.Create("testgrain", "registered");
            var state = new GrainState<TestState>(new TestState { Name = "через DI", Items = ["x"] });
            await storage.WriteStateAsync("state", id, state);
            var read = new GrainState<TestState>();
            await storage.ReadStateAsync("state", id, read);
            Assert.True(read.RecordExists);
            Assert.Equal("через DI", read.State!.Name);
            Assert.Equal(["x"], read.State!.Items);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
            await StorageTestEnvironment.Options(connectionString, tableName).CreateTableClient().DeleteAsync();
        }
    }
}
