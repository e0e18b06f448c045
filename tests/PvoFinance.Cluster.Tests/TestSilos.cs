using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Orleans.Storage;
using Orleans.TestingHost;
using PvoFinance.Silo.Hosting;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// What every cluster fixture does alike: real silos in this process with the production storage and a given clock, and
/// a stored dependency replaced by a wrapper around itself (to inject faults), by the factory the silo registered it with.
/// </summary>
internal static class TestSilos
{
    /// <summary>Starts <paramref name="silos"/> silos on <paramref name="storage"/> reading <paramref name="clock"/>, each also configured by <paramref name="configure"/>.</summary>
    public static async Task<InProcessTestCluster> StartAsync(StorageSettings storage, IClock clock, Action<ISiloBuilder>? configure = null, short silos = 2)
    {
        var builder = new InProcessTestClusterBuilder(silos).WithPvoSerializer();
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(clock);
            silo.AddPvoStorage(storage);
            configure?.Invoke(silo);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>Stops and disposes a cluster that was started (null: nothing to do).</summary>
    public static async Task StopAsync(InProcessTestCluster? cluster)
    {
        if (cluster is not null)
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    /// <summary>Replaces the singleton <typeparamref name="T"/> by <paramref name="wrap"/> of the one the silo registered.</summary>
    public static void Wrap<T>(this IServiceCollection services, Func<T, T> wrap)
        where T : class
    {
        var original = services.Single(d => d.ServiceType == typeof(T) && !d.IsKeyedService);
        var factory = original.ImplementationFactory ?? throw new InvalidOperationException($"{typeof(T).Name} is not registered by a factory.");
        services.Remove(original);
        services.AddSingleton(sp => wrap((T)factory(sp)));
    }

    /// <summary>Replaces the grain storage named <paramref name="name"/> by <paramref name="wrap"/> of the one the silo registered.</summary>
    public static void WrapGrainStorage(this IServiceCollection services, string name, Func<IGrainStorage, IGrainStorage> wrap)
    {
        var original = services.Single(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, name));
        var factory = original.KeyedImplementationFactory ?? throw new InvalidOperationException($"The {name} storage is not registered by a factory.");
        services.Remove(original);
        services.AddKeyedSingleton(name, (sp, key) => wrap((IGrainStorage)factory(sp, key)));
    }
}
