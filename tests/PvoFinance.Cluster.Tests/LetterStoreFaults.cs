using PvoFinance.Documents;

namespace PvoFinance.Cluster.Tests;

/// <summary>The switch for failing the storing of decision letters (the blob service down while a decision is made).</summary>
public sealed class LetterStoreFaults
{
    private volatile bool _failLetters;

    /// <summary>While true, every letter stored fails; documents and reads are untouched.</summary>
    public bool FailLetters
    {
        get => _failLetters;
        set => _failLetters = value;
    }
}

/// <summary>An <see cref="IDocumentStore"/> whose letter writes fail while <see cref="LetterStoreFaults.FailLetters"/> is on.</summary>
internal sealed class FaultyLetterStore(IDocumentStore inner, LetterStoreFaults faults) : IDocumentStore
{
    public Task<(StoredDocument Record, bool Created)> CreateAsync(DocumentArea area, StoredDocument record, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        area == DocumentArea.Letters && faults.FailLetters
            ? throw new InjectedStorageFault($"Injected: storing letter {record.Id} of {record.ApplicationId} failed.")
            : inner.CreateAsync(area, record, content, cancellationToken);

    public Task<IReadOnlyList<StoredDocument>> ListAsync(DocumentArea area, string applicationId, int max, CancellationToken cancellationToken = default) =>
        inner.ListAsync(area, applicationId, max, cancellationToken);

    public Task<(StoredDocument Record, byte[] Content)?> ReadAsync(DocumentArea area, string applicationId, string id, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(area, applicationId, id, cancellationToken);
}
