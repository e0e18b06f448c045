namespace PvoFinance.Checker;

/// <summary>
/// Where the checker reads a deployment's facts from. <see cref="HttpDeploymentSource"/> reads them through the
/// public API (what <c>./check.sh</c> uses); tests may read them straight from grains.
/// </summary>
public interface IDeploymentSource
{
    /// <summary>Every journal with at least one entry.</summary>
    IAsyncEnumerable<string> JournalsAsync(CancellationToken cancellationToken);

    /// <summary>A journal's current balances (durable entries only).</summary>
    Task<IReadOnlyList<AccountTotals>> BalancesAsync(string journalId, CancellationToken cancellationToken);

    /// <summary>The journal's hash chain, recomputed from storage.</summary>
    Task<ChainFacts> VerifyChainAsync(string journalId, CancellationToken cancellationToken);

    /// <summary>Every committed entry of the journal, in order.</summary>
    IAsyncEnumerable<EntryFacts> EntriesAsync(string journalId, CancellationToken cancellationToken);

    /// <summary>A transfer's outcome, or null when none is recorded.</summary>
    Task<TransferFacts?> TransferAsync(string transferId, CancellationToken cancellationToken);

    /// <summary>Every budget year of every funding source.</summary>
    Task<IReadOnlyList<FundYearFacts>> FundYearsAsync(CancellationToken cancellationToken);

    /// <summary>Every application's figures check.</summary>
    Task<IReadOnlyList<ApplicationFacts>> ApplicationsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The rows from national and provincial funds of every region's funding for each of <paramref name="years"/>, as
    /// served, or null when this source does not read them.
    /// </summary>
    Task<IReadOnlyList<RegionFundingFacts>?> RegionFundingAsync(IReadOnlyList<int> years, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RegionFundingFacts>?>(null);

    /// <summary>The national transactions export verified against the ledger, or null when this source cannot.</summary>
    Task<ExportFacts?> VerifyTransactionsExportAsync(CancellationToken cancellationToken);
}
