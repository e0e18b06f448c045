using PvoFinance.Silo.Storage;
using PvoFinance.Storage;

namespace PvoFinance.Silo.Hosting;

/// <summary>Registers the store of the applications' history rows (one row per history entry).</summary>
public static class ApplicationHistoryExtensions
{
    /// <summary>
    /// Adds <see cref="IApplicationHistoryStore"/>: the table <c>&lt;prefix&gt;apphistory</c> when storage is durable,
    /// memory otherwise.
    /// </summary>
    public static ISiloBuilder AddPvoApplicationHistory(this ISiloBuilder silo, StorageSettings storage)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(storage);
        if (storage.IsDurable)
        {
            silo.Services.AddSingleton<IApplicationHistoryStore>(_ => new AzureTableApplicationHistoryStore(new TableStorageOptions
            {
                ConnectionString = storage.ConnectionString,
                TableName = storage.TableName("apphistory"),
            }));
        }
        else
        {
            silo.Services.AddSingleton<IApplicationHistoryStore, InMemoryApplicationHistoryStore>();
        }
        return silo;
    }
}
