using Orleans.Concurrency;
using PvoFinance.Storage;

namespace PvoFinance.Grains.Funding;

/// <summary>The reader of <see cref="IFundingRowReaderGrain"/>.</summary>
[StatelessWorker]
public sealed class FundingRowReaderGrain(IFundingRowStore store) : Grain, IFundingRowReaderGrain
{
    /// <inheritdoc />
    public async Task<FundingRowPageDto> Page(string sourceId, FundingRowKind kind, string? afterId, int max)
    {
        var page = await store.PageAsync(sourceId, kind, afterId, max);
        return new FundingRowPageDto([.. page.Rows.Select(r => new CommitmentDto(r.Id, r.Region, r.Amounts, r.Purpose))], page.More);
    }
}
