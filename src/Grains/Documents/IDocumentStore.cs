namespace PvoFinance.Documents;

/// <summary>Where the files of an application live: its decision letters, and the documents uploaded to it.</summary>
public enum DocumentArea
{
    /// <summary>Decision letters (PDF), one per decision, by decision sequence.</summary>
    Letters,
    /// <summary>Uploaded documents, by content hash.</summary>
    Documents,
}

/// <summary>
/// The files of applications in blob storage (Azure Blob storage, Azurite locally; memory for tests and Memory mode). A
/// file and its record (<see cref="StoredDocument"/>) are one blob with its metadata, written by one request: a crash
/// cannot leave a file without its record, nor a record without its file. A file is never overwritten: creation is
/// conditional (if none exists), and a second creation of the same name answers the file already there.
/// </summary>
public interface IDocumentStore
{
    /// <summary>
    /// Creates the file <paramref name="record"/> names (area, application, id) with <paramref name="content"/> unless one
    /// exists; answers the record stored (the existing one when there was one) and whether this call created it.
    /// </summary>
    Task<(StoredDocument Record, bool Created)> CreateAsync(DocumentArea area, StoredDocument record, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>The records of an application's files in an area, oldest first; at most <paramref name="max"/> (the area's cap).</summary>
    Task<IReadOnlyList<StoredDocument>> ListAsync(DocumentArea area, string applicationId, int max, CancellationToken cancellationToken = default);

    /// <summary>A file's record and content, or null when there is none.</summary>
    Task<(StoredDocument Record, byte[] Content)?> ReadAsync(DocumentArea area, string applicationId, string id, CancellationToken cancellationToken = default);
}
