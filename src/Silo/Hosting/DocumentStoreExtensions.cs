using PvoFinance.Documents;
using PvoFinance.Silo.Storage;

namespace PvoFinance.Silo.Hosting;

/// <summary>Registers the store of the applications' letters and documents (docs/documents.md).</summary>
public static class DocumentStoreExtensions
{
    /// <summary>
    /// Adds <see cref="IDocumentStore"/>: the blob containers <c>&lt;prefix&gt;-letters</c> and <c>&lt;prefix&gt;-documents</c>
    /// of the storage account when storage is durable, memory otherwise.
    /// </summary>
    public static ISiloBuilder AddPvoDocuments(this ISiloBuilder silo, StorageSettings storage)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(storage);
        if (storage.IsDurable)
        {
            silo.Services.AddSingleton<IDocumentStore>(_ => new AzureBlobDocumentStore(
                storage.ConnectionString!, storage.ContainerName("letters"), storage.ContainerName("documents")));
        }
        else
        {
            silo.Services.AddSingleton<IDocumentStore, InMemoryDocumentStore>();
        }
        return silo;
    }
}
