using PvoFinance.Silo.Storage;
using PvoFinance.Storage;

namespace PvoFinance.Silo.Hosting;

/// <summary>Registers the store of the regions' application lists (one row per application).</summary>
public static class ApplicationListExtensions
{
    /// <summary>
    /// Adds <see cref="IApplicationListStore"/>: the table <c>&lt;prefix&gt;applist</c> when storage is durable,
    /// memory otherwise.
    /// </summary>
    public static ISiloBuilder AddPvoApplicationList(this ISiloBuilder silo, StorageSettings storage)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(storage);
        if (storage.IsDurable)
        {
            silo.Services.AddSingleton<IApplicationListStore>(_ => new AzureTableApplicationListStore(new TableStorageOptions
            {
                ConnectionString = storage.ConnectionString,
                TableName = storage.TableName("applist"),
            }));
        }
        else
        {
            silo.Services.AddSingleton<IApplicationListStore, InMemoryApplicationListStore>();
        }
        return silo;
    }
}
