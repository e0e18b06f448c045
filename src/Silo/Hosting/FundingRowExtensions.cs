using PvoFinance.Silo.Storage;
using PvoFinance.Storage;

namespace PvoFinance.Silo.Hosting;

/// <summary>Registers the store of the funding sources' commitments and payments (one row each).</summary>
public static class FundingRowExtensions
{
    /// <summary>
    /// Adds <see cref="IFundingRowStore"/>: the table <c>&lt;prefix&gt;fundingrows</c> when storage is durable, memory
    /// otherwise.
    /// </summary>
    public static ISiloBuilder AddPvoFundingRows(this ISiloBuilder silo, StorageSettings storage)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(storage);
        if (storage.IsDurable)
        {
            silo.Services.AddSingleton<IFundingRowStore>(_ => new AzureTableFundingRowStore(new TableStorageOptions
            {
                ConnectionString = storage.ConnectionString,
                TableName = storage.TableName("fundingrows"),
            }));
        }
        else
        {
            silo.Services.AddSingleton<IFundingRowStore, InMemoryFundingRowStore>();
        }
        return silo;
    }
}
