using Orleans.TestingHost;
using PvoFinance.Grains.Serialization;

namespace PvoFinance.Cluster.Tests;

/// <summary>What every test cluster shares with the service's own silo: the serializer for the core's records.</summary>
internal static class PvoTestClusters
{
    /// <summary>Registers <see cref="CoreJsonSerialization"/> on every silo and on the client, as the silo host does.</summary>
    public static InProcessTestClusterBuilder WithPvoSerializer(this InProcessTestClusterBuilder builder)
    {
        builder.ConfigureSilo((_, silo) => silo.Services.AddPvoSerializer());
        builder.ConfigureClient(client => client.Services.AddPvoSerializer());
        return builder;
    }
}
