using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using PvoFinance.Silo.Storage;

namespace PvoFinance.Storage.Tests;

/// <summary>
/// The grain storage the silo uses — Orleans' Azure Table provider with the service's JSON serializer, inside
/// <see cref="ObservedGrainStorage"/> — built outside a silo and started through the lifecycle a silo would run.
/// </summary>
public static class PackageGrainStorage
{
    /// <summary>The service id the tests key rows by.</summary>
    public const string ServiceId = "pvo-tests";

    private static readonly IActivatorProvider Activators =
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<IActivatorProvider>();

    /// <summary>Creates the storage named <paramref name="name"/> over <paramref name="tableName"/> and creates its table.</summary>
    public static async Task<ObservedGrainStorage> StartAsync(string connectionString, string tableName, string name = "test")
    {
        var options = new AzureTableStorageOptions
        {
            TableServiceClient = new Azure.Data.Tables.TableServiceClient(connectionString, TableStorageOptions.CreateDefaultClientOptions()),
            TableName = tableName,
            GrainStorageSerializer = GrainStateJson.Serializer,
            DeleteStateOnClear = true,
        };
        var inner = new AzureTableGrainStorage(name, options, Options.Create(new ClusterOptions { ServiceId = ServiceId }), NullLogger<AzureTableGrainStorage>.Instance, Activators);
        var storage = new ObservedGrainStorage(name, inner);
        var lifecycle = new Lifecycle();
        storage.Participate(lifecycle);
        await lifecycle.StartAsync();
        return storage;
    }

    /// <summary>The partition key Orleans' provider gives a grain: service id and grain id, '/' and the like as '_'.</summary>
    public static string PartitionKey(GrainId id) => $"{ServiceId}_{id}".Replace('/', '_');

    private sealed class Lifecycle : ISiloLifecycle
    {
        private readonly List<(int Stage, ILifecycleObserver Observer)> _observers = [];

        public int HighestCompletedStage { get; private set; }

        public int LowestStoppedStage { get; private set; }

        public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
        {
            _observers.Add((stage, observer));
            return new Unsubscriber();
        }

        public async Task StartAsync()
        {
            foreach (var (stage, observer) in _observers.OrderBy(o => o.Stage))
            {
                await observer.OnStart(CancellationToken.None);
                HighestCompletedStage = stage;
            }
        }

        private sealed class Unsubscriber : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}
