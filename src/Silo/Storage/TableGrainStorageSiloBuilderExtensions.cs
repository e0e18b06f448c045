using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration.Overrides;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace PvoFinance.Silo.Storage;

/// <summary>Registers <see cref="TableGrainStorage"/> with a silo.</summary>
public static class TableGrainStorageSiloBuilderExtensions
{
    /// <summary>
    /// Adds an Azure Table grain storage provider named <paramref name="name"/>. Grains select it with
    /// <c>[PersistentState("state", name)]</c>; it is resolvable as the keyed <see cref="IGrainStorage"/> <paramref name="name"/>,
    /// and its table is created during silo start.
    /// </summary>
    public static ISiloBuilder AddTableGrainStorage(this ISiloBuilder builder, string name, Action<TableStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<TableStorageOptions>(name).Configure(configure);
        // Fills GrainStorageSerializer, when not set, from the serializer keyed by this name or the silo default.
        services.TryAddEnumerable(ServiceDescriptor.Transient<IPostConfigureOptions<TableStorageOptions>, DefaultStorageProviderSerializerOptionsConfigurator<TableStorageOptions>>());
        services.AddGrainStorage(name, Create);
        return builder;
    }

    private static TableGrainStorage Create(IServiceProvider services, string name)
    {
        var options = services.GetRequiredService<IOptionsMonitor<TableStorageOptions>>().Get(name);
        return ActivatorUtilities.CreateInstance<TableGrainStorage>(services, name, options, services.GetProviderClusterOptions(name));
    }
}
