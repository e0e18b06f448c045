using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using NodaTime.Text;
using PvoFinance.Documents;

namespace PvoFinance.Silo.Storage;

/// <summary>
/// <see cref="IDocumentStore"/> on Azure Blob storage: one container for letters and one for documents (named by
/// <c>StorageSettings.ContainerName</c>, declared in infra/azure/modules/storage.bicep), blob name
/// <c>&lt;application&gt;/&lt;id&gt;</c>, the record in the blob's metadata. A file is uploaded in one Put Blob request
/// (never in blocks: the limit is far below the single-request size) with <c>If-None-Match: *</c>, so the file and its
/// record appear together or not at all, and an existing file is never replaced. Reading checks the SHA-256 again.
/// </summary>
public sealed class AzureBlobDocumentStore : IDocumentStore
{
    private readonly BlobContainerClient _letters;
    private readonly BlobContainerClient _documents;
    private readonly Lazy<Task> _created;

    /// <summary>A store on the account of <paramref name="connectionString"/> with the two containers named.</summary>
    public AzureBlobDocumentStore(string connectionString, string lettersContainer, string documentsContainer)
    {
        var service = new BlobServiceClient(connectionString);
        _letters = service.GetBlobContainerClient(lettersContainer);
        _documents = service.GetBlobContainerClient(documentsContainer);
        // Created once per process when first needed (the Bicep declares them in Azure; Azurite starts empty).
        _created = new Lazy<Task>(() => Task.WhenAll(_letters.CreateIfNotExistsAsync(), _documents.CreateIfNotExistsAsync()));
    }

    /// <inheritdoc />
    public async Task<(StoredDocument Record, bool Created)> CreateAsync(DocumentArea area, StoredDocument record, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await _created.Value;
        var blob = Container(area).GetBlobClient(Name(record.ApplicationId, record.Id));
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions
            {
                Metadata = Metadata(record),
                HttpHeaders = new BlobHttpHeaders { ContentType = record.ContentType },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                TransferOptions = new StorageTransferOptions { InitialTransferSize = SingleRequestBytes, MaximumTransferSize = SingleRequestBytes },
            }, cancellationToken);
            return (record, true);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            return (Record(record.ApplicationId, record.Id, properties.Value.Metadata), false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredDocument>> ListAsync(DocumentArea area, string applicationId, int max, CancellationToken cancellationToken = default)
    {
        await _created.Value;
        var found = new List<StoredDocument>();
        await foreach (var item in Container(area).GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, applicationId + "/", cancellationToken))
        {
            found.Add(Record(applicationId, item.Name[(applicationId.Length + 1)..], item.Metadata));
            if (found.Count >= max)
            {
                break;
            }
        }
        return [.. found.OrderBy(r => r.At).ThenBy(r => r.Id, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public async Task<(StoredDocument Record, byte[] Content)?> ReadAsync(DocumentArea area, string applicationId, string id, CancellationToken cancellationToken = default)
    {
        await _created.Value;
        try
        {
            var download = await Container(area).GetBlobClient(Name(applicationId, id)).DownloadContentAsync(cancellationToken);
            var record = Record(applicationId, id, download.Value.Details.Metadata);
            var bytes = download.Value.Content.ToArray();
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            return hash == record.Sha256
                ? (record, bytes)
                : throw new InvalidDataException($"Blob {Name(applicationId, id)} has SHA-256 {hash}, its record says {record.Sha256}.");
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    // Far above DocumentLimits.MaxBytes, far below the 5000 MiB a single Put Blob may carry: every file is one request.
    private const int SingleRequestBytes = 64 * 1024 * 1024;

    private BlobContainerClient Container(DocumentArea area) => area == DocumentArea.Letters ? _letters : _documents;

    private static string Name(string applicationId, string id) => applicationId + "/" + id;

    // Metadata values are ASCII: free text (file name, user id) is percent-encoded.
    private static Dictionary<string, string> Metadata(StoredDocument r) => new(StringComparer.Ordinal)
    {
        ["kind"] = r.Kind,
        ["filename"] = Uri.EscapeDataString(r.FileName),
        ["contenttype"] = r.ContentType,
        ["size"] = r.Size.ToString(CultureInfo.InvariantCulture),
        ["sha256"] = r.Sha256,
        ["by"] = Uri.EscapeDataString(r.By),
        ["role"] = r.Role,
        ["at"] = InstantPattern.ExtendedIso.Format(r.At),
    };

    private static StoredDocument Record(string applicationId, string id, IDictionary<string, string> m)
    {
        string Get(string key) => m.TryGetValue(key, out var v) ? v : throw new InvalidDataException($"Blob {applicationId}/{id} has no metadata '{key}'.");
        return new StoredDocument(applicationId, id, Get("kind"), Uri.UnescapeDataString(Get("filename")), Get("contenttype"),
            long.Parse(Get("size"), CultureInfo.InvariantCulture), Get("sha256"), Uri.UnescapeDataString(Get("by")), Get("role"),
            InstantPattern.ExtendedIso.Parse(Get("at")).Value);
    }
}
