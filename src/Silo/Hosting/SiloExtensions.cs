using NodaTime;
using PvoFinance.Grains;
using PvoFinance.Silo.Storage;
using PvoFinance.Storage;

namespace PvoFinance.Silo.Hosting;

/// <summary>The Orleans silo inside the web host: clustering, storage, clock and health checks.</summary>
public static class SiloExtensions
{
    /// <summary>Adds the silo, configured from <see cref="StorageSettings"/>.</summary>
    public static WebApplicationBuilder AddPvoSilo(this WebApplicationBuilder builder)
    {
        var storage = StorageSettings.From(builder.Configuration);
        builder.Services.AddSingleton(storage);
        builder.Services.AddSingleton<IClock>(SystemClock.Instance);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            silo.AddActivityPropagation();
            silo.AddPvoStorage(storage);
        });
        builder.Services.AddHealthChecks()
            .AddCheck<SiloHealthCheck>("silo")
            .AddCheck<StorageHealthCheck>("storage");
        return builder;
    }

    /// <summary>Registers the journal store and grain storage: Azure Table (durable) or memory.</summary>
    public static ISiloBuilder AddPvoStorage(this ISiloBuilder silo, StorageSettings storage)
    {
        if (storage.IsDurable)
        {
            silo.AddTableGrainStorage(StorageNames.Ledger, o =>
            {
                o.ConnectionString = storage.ConnectionString;
                o.TableName = storage.TableName("GrainState");
            });
            silo.Services.AddSingleton<IJournalStore>(_ => new AzureTableJournalStore(new TableStorageOptions
            {
                ConnectionString = storage.ConnectionString,
                TableName = storage.TableName("Journals"),
            }));
            return silo;
        }
        silo.Services.AddSingleton<IJournalStore, InMemoryJournalStore>();
        silo.AddMemoryGrainStorage(StorageNames.Ledger);
        return silo;
    }
}
