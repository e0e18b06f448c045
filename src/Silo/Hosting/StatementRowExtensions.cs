using PvoFinance.Silo.Storage;
using PvoFinance.Storage;

namespace PvoFinance.Silo.Hosting;

/// <summary>Registers the store of imported bank statements and their lines (one row each).</summary>
public static class StatementRowExtensions
{
    /// <summary>Adds <see cref="IStatementRowStore"/>: the table <c>&lt;prefix&gt;statements</c> when storage is durable, memory otherwise.</summary>
    public static ISiloBuilder AddPvoStatementRows(this ISiloBuilder silo, StorageSettings storage)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(storage);
        if (storage.IsDurable)
        {
            silo.Services.AddSingleton<IStatementRowStore>(_ => new AzureTableStatementRowStore(new TableStorageOptions
            {
                ConnectionString = storage.ConnectionString,
                TableName = storage.TableName("statements"),
            }));
        }
        else
        {
            silo.Services.AddSingleton<IStatementRowStore, InMemoryStatementRowStore>();
        }
        return silo;
    }
}
