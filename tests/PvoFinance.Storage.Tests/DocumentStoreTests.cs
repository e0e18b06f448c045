using System.Security.Cryptography;
using Azure.Storage.Blobs;
using NodaTime;
using PvoFinance.Documents;
using PvoFinance.Silo.Storage;

namespace PvoFinance.Storage.Tests;

/// <summary>What every <see cref="IDocumentStore"/> must do: create once and never overwrite, list in order, read back.</summary>
public abstract class DocumentStoreContractTests
{
    protected abstract IDocumentStore Store { get; }

    private static readonly Instant At = Instant.FromUtc(2026, 12, 2, 10, 0);

    protected static StoredDocument Record(string app, byte[] content, string kind = "content-report", Instant? at = null, string by = "dev-pvo-manager-limburg")
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        return new StoredDocument(app, sha, kind, "verslag ë.pdf", "application/pdf", content.Length, sha, by, "PvoManager", at ?? At);
    }

    [Fact]
    public async Task A_file_is_created_once_and_a_second_create_answers_the_first_without_overwriting()
    {
        var app = "app-" + Guid.NewGuid().ToString("N")[..8];
        var content = "%PDF-1.4 first"u8.ToArray();
        var first = Record(app, content);
        var (stored, created) = await Store.CreateAsync(DocumentArea.Documents, first, content);
        Assert.True(created);
        Assert.Equal(first, stored);

        // The same name with other bytes and another record (a retry gone wrong, a racing silo): the first stays.
        var (again, createdAgain) = await Store.CreateAsync(DocumentArea.Documents, first with { Kind = "other", By = "someone" }, "%PDF-1.4 other"u8.ToArray());
        Assert.False(createdAgain);
        Assert.Equal(first, again);
        var read = await Store.ReadAsync(DocumentArea.Documents, app, first.Id);
        Assert.NotNull(read);
        Assert.Equal(first, read.Value.Record);
        Assert.Equal(content, read.Value.Content);
    }

    [Fact]
    public async Task Files_are_listed_per_application_and_area_oldest_first_up_to_the_cap()
    {
        var app = "app-" + Guid.NewGuid().ToString("N")[..8];
        var other = "app-" + Guid.NewGuid().ToString("N")[..8];
        var a = "%PDF a"u8.ToArray();
        var b = "%PDF b"u8.ToArray();
        var c = "%PDF c"u8.ToArray();
        await Store.CreateAsync(DocumentArea.Documents, Record(app, b, at: At.Plus(Duration.FromMinutes(2))), b);
        await Store.CreateAsync(DocumentArea.Documents, Record(app, a, at: At), a);
        await Store.CreateAsync(DocumentArea.Letters, Record(app, c), c);
        await Store.CreateAsync(DocumentArea.Documents, Record(other, c), c);

        var listed = await Store.ListAsync(DocumentArea.Documents, app, 10);
        Assert.Equal([Record(app, a).Id, Record(app, b).Id], listed.Select(d => d.Id).ToArray());
        Assert.Single(await Store.ListAsync(DocumentArea.Letters, app, 10));
        Assert.Single(await Store.ListAsync(DocumentArea.Documents, app, 1));
        Assert.Empty(await Store.ListAsync(DocumentArea.Letters, other, 10));
        Assert.Null(await Store.ReadAsync(DocumentArea.Letters, other, Record(other, c).Id));
    }
}

/// <summary>The contract on Azurite's blob service (the connection string's BlobEndpoint), in containers of its own.</summary>
public sealed class AzureBlobDocumentStoreTests : DocumentStoreContractTests
{
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..10];

    /// <inheritdoc />
    protected override IDocumentStore Store => _store ??= new AzureBlobDocumentStore(StorageTestEnvironment.ConnectionString, _prefix + "-letters", _prefix + "-documents");

    private AzureBlobDocumentStore? _store;

    [Fact]
    public async Task A_blob_whose_bytes_no_longer_match_its_record_is_refused_when_read()
    {
        var app = "app-" + Guid.NewGuid().ToString("N")[..8];
        var content = "%PDF original"u8.ToArray();
        var record = Record(app, content);
        await Store.CreateAsync(DocumentArea.Documents, record, content);
        // Someone with the account key replaces the bytes behind the service's back (keeping the metadata).
        var blob = new BlobServiceClient(StorageTestEnvironment.ConnectionString).GetBlobContainerClient(_prefix + "-documents").GetBlobClient($"{app}/{record.Id}");
        var metadata = (await blob.GetPropertiesAsync()).Value.Metadata;
        await blob.UploadAsync(BinaryData.FromBytes("%PDF tampered"u8.ToArray()), overwrite: true);
        await blob.SetMetadataAsync(metadata);
        await Assert.ThrowsAsync<InvalidDataException>(() => Store.ReadAsync(DocumentArea.Documents, app, record.Id));
    }
}

/// <summary>The contract in memory.</summary>
public sealed class InMemoryDocumentStoreTests : DocumentStoreContractTests
{
    /// <inheritdoc />
    protected override IDocumentStore Store { get; } = new InMemoryDocumentStore();
}
