using Orleans.Concurrency;
using PvoFinance.Storage;

namespace PvoFinance.Grains.Banking;

/// <summary>The reader of <see cref="IStatementReaderGrain"/>.</summary>
[StatelessWorker]
public sealed class StatementReaderGrain(IStatementRowStore store) : Grain, IStatementReaderGrain
{
    /// <inheritdoc />
    public Task<StatementHeaderPage> Page(string prefix, string? afterId, int max) => store.HeadersAsync(prefix, afterId, max);
}
