using PvoFinance.Storage;

namespace PvoFinance.Grains.Funding;

/// <summary>One page of a source's commitments or direct payments, by id.</summary>
/// <param name="Commitments">The commitments (a payment is one with a single year and no purpose).</param>
/// <param name="More">True when rows after the last one exist.</param>
[GenerateSerializer, Immutable]
public sealed record FundingRowPageDto(
    [property: Id(0)] IReadOnlyList<CommitmentDto> Commitments,
    [property: Id(1)] bool More);

/// <summary>
/// Reads pages of a funding source's rows straight from storage (a stateless worker), so reads never queue behind the
/// source's writes. The source writes its rows before it answers, so a page shows every change already answered.
/// </summary>
public interface IFundingRowReaderGrain : IGrainWithIntegerKey
{
    /// <summary>Up to <paramref name="max"/> (1..<see cref="FundingRowLimits.MaxPageSize"/>) rows of <paramref name="kind"/> after <paramref name="afterId"/>.</summary>
    Task<FundingRowPageDto> Page(string sourceId, FundingRowKind kind, string? afterId, int max);
}
