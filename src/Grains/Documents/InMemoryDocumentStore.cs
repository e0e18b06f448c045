namespace PvoFinance.Documents;

/// <summary>A process-local <see cref="IDocumentStore"/> with the blob store's contract: for Memory mode and fast tests. Not durable.</summary>
public sealed class InMemoryDocumentStore : IDocumentStore
{
    private readonly Dictionary<(DocumentArea, string, string), (StoredDocument Record, byte[] Content)> _files = [];
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public Task<(StoredDocument Record, bool Created)> CreateAsync(DocumentArea area, StoredDocument record, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            var key = (area, record.ApplicationId, record.Id);
            if (_files.TryGetValue(key, out var existing))
            {
                return Task.FromResult((existing.Record, false));
            }
            _files[key] = (record, content.ToArray());
            return Task.FromResult((record, true));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredDocument>> ListAsync(DocumentArea area, string applicationId, int max, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<StoredDocument> found = [.. _files
                .Where(f => f.Key.Item1 == area && f.Key.Item2 == applicationId)
                .Select(f => f.Value.Record)
                .OrderBy(r => r.At).ThenBy(r => r.Id, StringComparer.Ordinal)
                .Take(max)];
            return Task.FromResult(found);
        }
    }

    /// <inheritdoc />
    public Task<(StoredDocument Record, byte[] Content)?> ReadAsync(DocumentArea area, string applicationId, string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            (StoredDocument, byte[])? found = _files.TryGetValue((area, applicationId, id), out var f) ? (f.Record, f.Content.ToArray()) : null;
            return Task.FromResult(found);
        }
    }
}
