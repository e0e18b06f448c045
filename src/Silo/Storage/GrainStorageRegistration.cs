using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace PvoFinance.Silo.Storage;

/// <summary>
/// Grain state on Orleans' own Azure Table provider (<c>Microsoft.Orleans.Persistence.AzureStorage</c>), one provider
/// per name, each wrapped in <see cref="ObservedGrainStorage"/>, plus the one-off <see cref="LegacyGrainStateMigration"/>.
/// </summary>
public static class GrainStorageRegistration
{
    /// <summary>The purpose part of the grain state table's name (after the prefix): <c>pvoGrainStateV2</c> by default.</summary>
    public const string TablePurpose = "GrainStateV2";

    /// <summary>The purpose part of the table the service's own provider used before (read once by the upgrade).</summary>
    public const string LegacyTablePurpose = "GrainState";

    /// <summary>
    /// Adds the providers <paramref name="names"/>, all in the table <paramref name="tableName"/> (each grain is its own
    /// partition, so they never contend), with System.Text.Json state (<see cref="GrainStateJson"/>), short SDK retries
    /// (a stalled request fails inside Orleans' 30 s call timeout), and the old table <paramref name="legacyTableName"/>
    /// copied once at start when given.
    /// </summary>
    public static ISiloBuilder AddPvoGrainStorage(this ISiloBuilder silo, string connectionString, string tableName, IReadOnlyList<string> names, string? legacyTableName)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentNullException.ThrowIfNull(names);
        // States are measured against their bounds (StateWrites) with the serializer that writes them, not with
        // Orleans' default (Newtonsoft.Json, a different size and about twice the CPU), and the measured bytes are
        // the ones written.
        silo.Services.AddSingleton<IGrainStorageSerializer>(GrainStateJson.Serializer);
        foreach (var name in names)
        {
            silo.AddAzureTableGrainStorage(name, o =>
            {
                o.TableServiceClient = new TableServiceClient(connectionString, TableStorageOptions.CreateDefaultClientOptions());
                o.TableName = tableName;
                o.GrainStorageSerializer = GrainStateJson.Serializer;
                // A cleared state leaves no row behind, as before the package took over.
                o.DeleteStateOnClear = true;
            });
            // One keyed registration per name (tests wrap it again): the package's, replaced by the observed one.
            var package = silo.Services.Last(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, name));
            var factory = package.KeyedImplementationFactory ?? throw new InvalidOperationException($"Grain storage '{name}' is not registered by a factory.");
            silo.Services.Remove(package);
            silo.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, key) => new ObservedGrainStorage(name, (IGrainStorage)factory(sp, key)));
        }
        // The bound of every state is checked with the serializer the providers write with (StateWrites.MeasureBytes).
        silo.Services.AddKeyedSingleton(PvoFinance.Grains.StateWrites.MeasuringSerializerKey, GrainStateJson.Serializer);
        if (legacyTableName is not null && names.Count > 0)
        {
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => new LegacyGrainStateMigration(
                new TableServiceClient(connectionString, TableStorageOptions.CreateDefaultClientOptions()),
                legacyTableName,
                tableName,
                sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
                sp.GetRequiredKeyedService<IGrainStorage>(names[0]),
                sp.GetRequiredService<OrleansJsonSerializer>(),
                sp.GetRequiredService<ILogger<LegacyGrainStateMigration>>()));
        }
        return silo;
    }
}
